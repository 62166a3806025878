using GanNotebooks.Runner.Engines;
using GanNotebooks.Runner.Run;
using GanNotebooks.Runner.Tests.Support;
using static GanNotebooks.Runner.Tests.Support.Notebooks;

namespace GanNotebooks.Runner.Tests;

/// <summary>
/// Every way a run can fail, driven through the command line in one engine (the runner's Roslyn session, or the real
/// kernel with <c>--kernel</c>): each test expects the same exit code and the same words from both, since the run
/// around the engine (NotebookRun) is one piece of code. The notebooks are tiny, written here, so that the kernel's
/// cases cost one kernel start each at most.
/// </summary>
public abstract class EngineErrorPathTests : IDisposable
{
    // Inside the repository (the test's output folder): the kernel's local tool is found only there.
    readonly TempDir dir = new(Path.Combine(AppContext.BaseDirectory, "engine-runs"));

    /// <summary>Whether the real kernel runs the notebook (<c>--kernel</c>).</summary>
    protected abstract bool InKernel { get; }

    public void Dispose()
    {
        dir.Dispose();
        GC.SuppressFinalize(this);
    }

    string Notebook() => Write(dir.File("tiny.ipynb"),
        Code("int n = 1;", "parameters"),
        Code("Console.WriteLine($\"n is {n}\");"),
        Code("throw new InvalidOperationException(\"boom\");"),
        Code("Console.WriteLine(\"never\");"));

    string Succeeding() => Write(dir.File("tiny.ipynb"),
        Code("int n = 1;", "parameters"),
        Code("Console.WriteLine($\"n is {n}\");"));

    /// <summary>
    /// Asserts that <paramref name="stdout"/> contains <paramref name="message"/> (ends with it, with
    /// <paramref name="atEnd"/>), its paths shown as the run shows them: relative to the folder the run started in when
    /// they are under it, else whole. Which folder that was is not known for sure here: other tests' runs in this process
    /// move the current folder while they run (the Roslyn engine runs a notebook in its own folder, as the kernel does),
    /// so the message may show a path relative to the test process's folder, to the current one, or whole.
    /// </summary>
    static void AssertShows(string stdout, Func<Func<string, string>, string> message, bool atEnd = false)
    {
        string[] bases = [Directory.GetCurrentDirectory(), AppContext.BaseDirectory];
        var forms = bases.Select(b => message(path => Relative(b, path))).Append(message(path => path)).Distinct().ToList();
        stdout = stdout.ReplaceLineEndings("\n");
        Assert.True(forms.Any(f => atEnd ? stdout.EndsWith(f, StringComparison.Ordinal) : stdout.Contains(f, StringComparison.Ordinal)),
            $"the run's output {(atEnd ? "ends with" : "contains")} none of\n{string.Join('\n', forms)}\n--- output:\n{stdout}");
    }

    static string Relative(string folder, string path) =>
        Path.GetRelativePath(folder, path) is var rel && !rel.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(rel) ? rel : path;

    RunnerCli.Outcome Run(params string[] args) => RunnerCli.InProcess([.. args, .. InKernel ? ["--kernel"] : Array.Empty<string>()]);

    [Fact]
    public void AMissingNotebookIsNamed()
    {
        var run = Run("run", dir.File("missing.ipynb"), "--out", dir.File("out"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error: {dir.File("missing.ipynb")}: no such notebook or folder.", run.Stderr);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void AMissingNotebookGivenToTheApiIsAFailedRunNotAnException()
    {
        var result = NotebookRunner.Run(new RunOptions(dir.File("missing.ipynb")) { OutDir = dir.File("out"), InKernel = InKernel });

        Assert.False(result.Succeeded);
        Assert.StartsWith("cannot read the notebook:", result.Error);
        Assert.Null(result.OutputPath);
    }

    [Theory]
    [InlineData("m=2", "unknown parameter 'm'. The parameters cell declares: n (int).")]
    [InlineData("n=two", "--param n=two: 'two' is not a valid int (the parameters cell declares int n).")]
    public void ABadParameterFailsBeforeAnythingRuns(string param, string message)
    {
        string notebook = Notebook();

        var run = Run("run", notebook, "--out", dir.File("out"), "--param", param);

        Assert.Equal(1, run.ExitCode);
        AssertShows(run.Stdout, shown => $"error: {shown(notebook)}: {message}");
        Assert.DoesNotContain("cells ran", run.Stdout);
        Assert.False(File.Exists(dir.File("out/tiny.ipynb")));
    }

    [Fact]
    public void AnUnwritableOutputFailsBeforeAnythingRuns()
    {
        string notebook = Notebook();
        File.WriteAllText(dir.File("file"), "not a folder");

        var run = Run("run", notebook, "--out", dir.File("file/out"));

        Assert.Equal(1, run.ExitCode);
        AssertShows(run.Stdout, shown => $"error: {shown(notebook)}: cannot write {shown(dir.File("file/out/tiny.ipynb"))}: ");
        Assert.Contains("(check the --out folder and its permissions).", run.Stdout);
        Assert.DoesNotContain("cells ran", run.Stdout);
    }

    [Fact]
    public void ACellThatThrowsFailsTheRunNamingTheCellAndKeepingWhatRan()
    {
        string notebook = Notebook(), output = dir.File("out/tiny.ipynb");

        var run = Run("run", notebook, "--out", dir.File("out"), "--param", "n=7");

        Assert.Equal(1, run.ExitCode);
        AssertShows(run.Stdout, shown => $"run {shown(notebook)} -> {shown(output)} (n=7)");
        AssertShows(run.Stdout, shown => $"error: {shown(notebook)}, cell 3");
        Assert.Contains("InvalidOperationException", run.Stdout);
        Assert.Contains("boom", run.Stdout);
        Assert.Contains($"FAILED: 3 of 5 cells ran in ", run.Stdout);       // the parameters, the injected cell, cell 2
        AssertShows(run.Stdout, shown => $"; outputs in {shown(output)}\n", atEnd: true);
        var cells = ReadCells(output);
        Assert.Equal("n is 7\n", Text(cells[2]!["outputs"]![0]!["text"]));
        Assert.Empty(cells[4]!["outputs"]!.AsArray());                       // never ran
        Assert.NotNull(JsonNodeAt(output, "metadata", "gannotebooks", "executed", "wall_time_s"));
    }

    [Fact]
    public void AnExportThatFailsAfterASuccessfulRunFailsTheRunWithoutACrash()
    {
        string notebook = Succeeding(), output = dir.File("out/tiny.ipynb");
        Directory.CreateDirectory(dir.File("out/tiny.html"));              // the page cannot be written where a folder is

        var run = Run("run", notebook, "--out", dir.File("out"), "--html");

        Assert.Equal(1, run.ExitCode);
        AssertShows(run.Stdout, shown => $"error: HTML export of {shown(output)} failed: ");
        Assert.Contains($"FAILED: 2 of 2 cells ran in ", run.Stdout);
        Assert.Equal("n is 1\n", Text(ReadCells(output)[1]!["outputs"]![0]!["text"]));
    }

    static System.Text.Json.Nodes.JsonNode? JsonNodeAt(string path, params string[] keys) =>
        keys.Aggregate(System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path)), (node, key) => node?[key]);
}

/// <summary>The error paths in the runner's own engine.</summary>
public sealed class RoslynEngineErrorPathTests : EngineErrorPathTests
{
    protected override bool InKernel => false;
}

/// <summary>The error paths in the real .NET Interactive kernel (through nbclient).</summary>
[Trait("Category", "Slow")]
[Collection(nameof(HeavyCollection))]
public sealed class KernelEngineErrorPathTests : EngineErrorPathTests
{
    protected override bool InKernel => true;
}
