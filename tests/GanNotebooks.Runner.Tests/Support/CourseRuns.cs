using System.Collections.Concurrent;

namespace GanNotebooks.Runner.Tests.Support;

/// <summary>
/// Every course notebook executed at most once per engine with <see cref="QuickParameters"/>, in a fresh process:
/// by our runner and by the real .NET Interactive kernel (<c>run --kernel</c>). Shared by the tests of the heavy
/// collection, so that the runner test, the kernel test and the differential comparison do not train the same models
/// twice.
/// </summary>
public sealed class CourseRuns : IDisposable
{
    public static readonly string[] QuickParameters = ["--param", "quick=true", "--param", "dataset=fashion-mnist"];

    static readonly TimeSpan Limit = TimeSpan.FromMinutes(30);

    readonly TempDir _root = new();
    readonly ConcurrentDictionary<(string, bool), Lazy<Run>> _runs = new();

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
        _runs.GetOrAdd((notebook, inKernel), key => new Lazy<Run>(() => Execute(key.Item1, key.Item2))).Value;

    Run Execute(string notebook, bool inKernel)
    {
        string engine = inKernel ? "kernel" : "runner";
        string outDir = Path.Combine(_root.Path, engine);
        string source = Path.Combine(TestPaths.RepoRoot, "notebooks", notebook);
        string[] args = ["run", source, "--out", outDir, .. QuickParameters, .. inKernel ? ["--kernel"] : Array.Empty<string>()];
        var outcome = RunnerCli.Process(Limit, args);
        return new Run(outcome, Path.Combine(outDir, notebook));
    }

    public void Dispose() => _root.Dispose();
}
