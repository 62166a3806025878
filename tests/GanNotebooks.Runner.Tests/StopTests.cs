using System.Text.Json.Nodes;
using GanNotebooks.Runner.Tests.Support;

namespace GanNotebooks.Runner.Tests;

/// <summary>
/// Ctrl+C while a training cell runs, in both engines: the runner (a real process, sent SIGINT) asks the cell to stop;
/// the library's <c>TrainingLoop</c> ends at its next step and says where; no further cell runs; the executed notebook
/// keeps every output so far; the exit code is 130. In the real kernel (<c>--kernel</c>) the stop travels as Jupyter's
/// stop button sends it: SIGINT to the kernel, which the library takes over from the kernel's host (that host would
/// otherwise shut the kernel down).
/// </summary>
[Collection(nameof(HeavyCollection))]
public sealed class StopTests(ITestOutputHelper output)
{
    const string Fixture = "stop.ipynb";

    [Fact]
    public void CtrlCStopsTheTrainingCellAndKeepsItsOutputsInTheRunner() => StopsAndKeeps();

    [Fact]
    public void CtrlCStopsTheTrainingCellAndKeepsItsOutputsInTheRealKernel() => StopsAndKeeps("--kernel");

    void StopsAndKeeps(params string[] engine)
    {
        using var outDir = new TempDir();
        // The training cell is the fourth code cell: its progress prefix appears when it starts.
        var outcome = RunnerCli.ProcessInterrupted(TimeSpan.FromMinutes(5), "cell 4 ", TimeSpan.FromSeconds(4),
            ["run", TestPaths.Fixture(Fixture), "--out", outDir.Path, .. engine]);
        output.WriteLine(outcome.ToString());

        Assert.True(outcome.ExitCode == 130, outcome.ToString());
        Assert.Contains("stopped (Ctrl+C)", outcome.Stdout);
        var cells = Notebooks.ReadCells(outDir.File(Fixture));
        string shown = string.Join("\n", cells[3]!["outputs"]!.AsArray()
            .Select(o => Notebooks.Text(o!["data"]?["text/plain"] ?? o["text"])));
        var stopped = System.Text.RegularExpressions.Regex.Match(shown, @"stopped at step (\d+) of (\d+) — networks, optimizers, history and samples kept; run the cell again to continue\.");
        Assert.True(stopped.Success, shown);
        Assert.InRange(long.Parse(stopped.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1, 400_000 - 1);
        Assert.Equal("400000", stopped.Groups[2].Value);              // 100,000 epochs of 4 batches
        Assert.Empty(cells[4]!["outputs"]!.AsArray());                 // the cell after it did not run
        Assert.Null(cells[4]!["execution_count"]?.GetValue<int?>());
    }
}
