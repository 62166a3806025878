using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace GanNotebooks.Runner.Tests.Support;

/// <summary>
/// Every course notebook executed at most once per engine with <see cref="QuickParameters"/>, in a fresh process:
/// by our runner and by the real .NET Interactive kernel (<c>run --kernel</c>). Shared by the tests of the heavy
/// collection, so that the runner test, the kernel test and the differential comparison do not train the same models
/// twice. Each notebook runs as a teacher runs it: every cell tagged <see cref="TrainingTag"/> runs twice in a row
/// (the copy that runs is written next to links to the repository's lib/, data/, .config/ and solution file, so its
/// relative paths, the course folder and the kernel's local tool resolve as in notebooks/).
/// </summary>
public sealed class CourseRuns : IDisposable
{
    public static readonly string[] QuickParameters = ["--param", "budget=quick", "--param", "dataset=fashion-mnist"];

    /// <summary>The tag of a training cell: run again, it continues (or says it has finished) instead of starting over.</summary>
    public const string TrainingTag = "training";

    static readonly TimeSpan Limit = TimeSpan.FromMinutes(30);

    readonly TempDir root = new();
    readonly ConcurrentDictionary<(string, bool), Lazy<Run>> runs = new();

    /// <summary>One engine's run of one notebook: the CLI outcome and the executed notebook.</summary>
    public sealed record Run(RunnerCli.Outcome Outcome, string ExecutedPath);

    /// <summary>The notebooks of notebooks/, by file name, in course order.</summary>
    public static IReadOnlyList<string> Notebooks()
    {
        string folder = Path.Combine(TestPaths.RepoRoot, "notebooks");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.ipynb").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    /// <summary>The runner's run of <paramref name="notebook"/> (a file name in notebooks/).</summary>
    public Run Runner(string notebook) => Get(notebook, inKernel: false);

    /// <summary>The real kernel's run of <paramref name="notebook"/>.</summary>
    public Run Kernel(string notebook) => Get(notebook, inKernel: true);

    Run Get(string notebook, bool inKernel) =>
        runs.GetOrAdd((notebook, inKernel), key => new Lazy<Run>(() => Execute(key.Item1, key.Item2))).Value;

    Run Execute(string notebook, bool inKernel)
    {
        string engine = inKernel ? "kernel" : "runner";
        string outDir = Path.Combine(root.Path, engine);
        string source = Staged(notebook);
        string[] args = ["run", source, "--out", outDir, .. QuickParameters, .. inKernel ? ["--kernel"] : Array.Empty<string>()];
        var outcome = RunnerCli.Process(Limit, args);
        return new Run(outcome, Path.Combine(outDir, notebook));
    }

    readonly object staging = new();

    /// <summary>The notebook with each training cell doubled, in a copy of the repository's layout; made once per notebook.</summary>
    string Staged(string notebook)
    {
        lock (staging)
        {
            string course = Path.Combine(root.Path, "course"), folder = Path.Combine(course, "notebooks");
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder);
                // .config: the kernelspec runs `dotnet interactive`, the local tool of .config/dotnet-tools.json,
                // found from the notebook's folder upwards.
                foreach (string name in new[] { "lib", "data", ".config" })
                    Directory.CreateSymbolicLink(Path.Combine(course, name), Path.Combine(TestPaths.RepoRoot, name));
                File.CreateSymbolicLink(Path.Combine(course, "GanNotebooks.sln"), Path.Combine(TestPaths.RepoRoot, "GanNotebooks.sln"));
            }
            string staged = Path.Combine(folder, notebook);
            if (!File.Exists(staged))
                File.WriteAllText(staged, WithTrainingCellsTwice(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "notebooks", notebook))));
            return staged;
        }
    }

    /// <summary>The notebook's JSON with a copy of every cell tagged <see cref="TrainingTag"/> right after it (a fresh cell id).</summary>
    public static string WithTrainingCellsTwice(string json)
    {
        var notebook = JsonNode.Parse(json)!.AsObject();
        var cells = notebook["cells"]!.AsArray();
        for (int i = cells.Count - 1; i >= 0; i--)
        {
            if (!IsTraining(cells[i]!)) continue;
            var again = cells[i]!.DeepClone().AsObject();
            if (again["id"] is not null) again["id"] = $"{(string?)again["id"]}-again";
            cells.Insert(i + 1, again);
        }
        return notebook.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>True for a code cell tagged <see cref="TrainingTag"/>.</summary>
    public static bool IsTraining(JsonNode cell) =>
        (string?)cell["cell_type"] == "code" &&
        cell["metadata"]?["tags"]?.AsArray().Any(t => (string?)t == TrainingTag) == true;

    public void Dispose() => root.Dispose();
}
