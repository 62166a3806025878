using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GanNotebooks.Runner.Tests.Support;
using static GanNotebooks.Runner.Tests.Support.Notebooks;

namespace GanNotebooks.Runner.Tests;

/// <summary>Runs Fixtures/everything.ipynb once (with two parameter overrides) and checks every kind of output.</summary>
public sealed class EverythingRun : IAsyncLifetime
{
    public const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGM4IScHAAK2AQU0pnWqAAAAAElFTkSuQmCC";

    readonly TempDir outDir = new();

    public RunnerCli.Outcome Cli { get; private set; } = null!;
    public string Written => outDir.File("everything.ipynb");
    public JsonArray Cells { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Cli = RunnerCli.InProcess("run", TestPaths.Fixture("everything.ipynb"), "--out", outDir.Path,
            "--param", "epochs=3", "--param", "dataset=fashion-mnist");
        Cells = File.Exists(Written) ? ReadCells(Written) : [];
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        outDir.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed class RunTests(EverythingRun run) : IClassFixture<EverythingRun>
{
    // Cell numbers of Fixtures/everything.ipynb in the executed copy: the injected parameters cell is number 4.
    const int Setup = 2, ParametersCell = 3, Injected = 4, Describe = 5, Swatch = 6, Progress = 7, Timed = 8,
        AnonymousObject = 9, PlainString = 10, MarkdownInCode = 11, WorkingDirectory = 12, Torch = 13;

    [Fact]
    public void RunSucceedsAndReportsProgressPerCell()
    {
        Assert.True(run.Cli.ExitCode == 0, run.Cli.ToString());
        Assert.Contains("[ 1/11] cell 2", run.Cli.Stdout);
        Assert.Contains("[11/11] cell 12", run.Cli.Stdout);
        Assert.Matches(@"ok: 11 of 11 cells ran in [0-9.]+ s", run.Cli.Stdout);
    }

    [Fact]
    public void StdoutAndStderrAreStreamsOfTheCellThatWroteThem()
    {
        var outputs = Outputs(run.Cells, Setup);
        Assert.Equal(2, outputs.Count);
        Assert.Equal(("stream", "stdout", "to stdout\n"), (Str(outputs[0], "output_type"), Str(outputs[0], "name"), Text(outputs[0]["text"])));
        Assert.Equal(("stream", "stderr", "to stderr\n"), (Str(outputs[1], "output_type"), Str(outputs[1], "name"), Text(outputs[1]["text"])));
    }

    [Fact]
    public void ParametersAreInjectedAfterTheParametersCellTypedLikeTheDefaults()
    {
        var injected = run.Cells[Injected - 1]!;
        Assert.Equal("injected-parameters", injected["metadata"]!["tags"]![0]!.GetValue<string>());
        Assert.Contains("int epochs = 3;", Text(injected["source"]));
        Assert.Contains("string dataset = \"fashion-mnist\";", Text(injected["source"]));
        Assert.Equal("parameters", run.Cells[ParametersCell - 1]!["metadata"]!["tags"]![0]!.GetValue<string>());
        var result = Assert.Single(Outputs(run.Cells, Describe));
        Assert.Equal("execute_result", Str(result, "output_type"));
        Assert.Equal("epochs=3 quick=False dataset=fashion-mnist lr=0.0002 beta1=0.5 seed=42", Text(result["data"]!["text/plain"]));
    }

    [Fact]
    public void ConventionFormatterSourceGivesAnImagePngOutputAsBase64()
    {
        var display = Assert.Single(Outputs(run.Cells, Swatch));
        Assert.Equal("display_data", Str(display, "output_type"));
        var data = display["data"]!.AsObject();
        Assert.Equal(["image/png"], data.Select(p => p.Key)); // the attribute's PreferredMimeTypes
        string base64 = data["image/png"]!.GetValue<string>(); // stored as one string, like Jupyter does
        Assert.Equal(EverythingRun.Png, base64);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, Convert.FromBase64String(base64)[..4]);
    }

    [Fact]
    public void DisplayUpdateReplacesTheOutputInPlace()
    {
        var display = Assert.Single(Outputs(run.Cells, Progress));
        Assert.Equal("display_data", Str(display, "output_type"));
        Assert.Equal("epoch 3 of 3", Text(display["data"]!["text/plain"]));
    }

    [Fact]
    public void TimeMagicAddsWallTime()
    {
        var display = Assert.Single(Outputs(run.Cells, Timed));
        Match m = Regex.Match(Text(display["data"]!["text/plain"]), @"^Wall time: ([0-9.]+)ms$");
        Assert.True(m.Success, Text(display["data"]!["text/plain"]));
        Assert.True(double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 20); // the cell sleeps 20 ms
    }

    [Fact]
    public void ObjectResultIsHtmlOnlyAndStringIsPlainTextOnly()
    {
        var result = Assert.Single(Outputs(run.Cells, AnonymousObject));
        Assert.Equal("execute_result", Str(result, "output_type"));
        Assert.Equal(run.Cells[AnonymousObject - 1]!["execution_count"]!.GetValue<int>(), result["execution_count"]!.GetValue<int>());
        var data = result["data"]!.AsObject();
        // As the real kernel writes an object's execute_result: its formatter's preference alone (RealKernelTests
        // compares the MIME types of every course notebook's outputs with the kernel's).
        Assert.Equal(["text/html"], data.Select(p => p.Key));
        Assert.Contains("generator", Text(data["text/html"]));
        var shown = Assert.Single(Outputs(run.Cells, PlainString));
        Assert.Equal(["text/plain"], shown["data"]!.AsObject().Select(p => p.Key));
        Assert.Equal("a plain string", Text(shown["data"]!["text/plain"]));
    }

    [Fact]
    public void MarkdownCodeCellIsSkippedAndOthersAreCountedInOrder()
    {
        Assert.Empty(Outputs(run.Cells, MarkdownInCode));
        Assert.Null(run.Cells[MarkdownInCode - 1]!["execution_count"]);
        var counts = run.Cells.Where(c => c!["execution_count"] is JsonValue).Select(c => c!["execution_count"]!.GetValue<int>());
        Assert.Equal(Enumerable.Range(1, 11), counts);
    }

    [Fact]
    public void CellsRunInTheNotebooksFolder()
    {
        // A bool result is text/html, as in the kernel (<div class="dni-plaintext"><pre>True</pre></div> there).
        Assert.Contains(">True<", Text(Assert.Single(Outputs(run.Cells, WorkingDirectory))["data"]!["text/html"]));
    }

    [Fact]
    public void LibraryDllAndTorchSharpBackendResolveToTheRunnersCopies()
    {
        Assert.Equal("CPU 3", Text(Assert.Single(Outputs(run.Cells, Torch))["data"]!["text/plain"]));
    }

    [Fact]
    public void WrittenNotebookIsValidNbformatInJupytersOwnLayout()
    {
        string jupyters = Nbformat.ValidateAndRewrite(run.Written);
        Assert.Equal(jupyters, File.ReadAllText(run.Written));
    }

    static string Str(JsonObject o, string key) => o[key]!.GetValue<string>();
}

public sealed class ExecutionRecordTests(EverythingRun run) : IClassFixture<EverythingRun>
{
    [Fact]
    public void TheExecutedNotebookStatesMachineWallTimeAndLibraryVersion()
    {
        var executed = JsonNode.Parse(File.ReadAllText(run.Written))!["metadata"]!["gannotebooks"]!["executed"]!;
        string device = executed["device"]!.GetValue<string>();
        Assert.Matches(@"^(CPU, \d+ cores|CUDA, .+)$", device);
        Assert.Equal(typeof(GanNotebooks.Setup).Assembly.GetName().Version!.ToString(3), executed["library_version"]!.GetValue<string>());
        Assert.True(executed["wall_time_s"]!.GetValue<double>() >= 0);
        Assert.True(DateTimeOffset.TryParse(executed["date"]!.GetValue<string>(), out _));
    }
}
