using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GanNotebooks.Runner.Tests.Support;

namespace GanNotebooks.Runner.Tests;

/// <summary>
/// Ctrl+C while a training cell runs, in both engines: the runner (a real process, sent SIGINT) asks the cell to stop;
/// the library's <c>TrainingLoop</c> ends at its next step and says where; no further cell runs; the executed notebook
/// keeps every output so far; the exit code is 130. In the real kernel (<c>--kernel</c>) the stop travels as Jupyter's
/// stop button sends it: SIGINT to the kernel, which the library takes over from the kernel's host (that host would
/// otherwise shut the kernel down).
/// </summary>
[Trait("Category", "Slow")]
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
        string shown = Notebooks.ShownText(cells[3]!);
        var stopped = Regex.Match(shown, @"stopped at step (\d+) of (\d+) — networks, optimizers, history and samples kept; run the cell again to continue\.");
        Assert.True(stopped.Success, shown);
        Assert.InRange(long.Parse(stopped.Groups[1].Value, CultureInfo.InvariantCulture), 1, 400_000 - 1);
        Assert.Equal("400000", stopped.Groups[2].Value);              // 100,000 epochs of 4 batches
        Assert.Empty(cells[4]!["outputs"]!.AsArray());                 // the cell after it did not run
        Assert.Null(cells[4]!["execution_count"]?.GetValue<int?>());
    }

    /// <summary>
    /// Jupyter's stop button, pressed with jupyter_client's <c>KernelManager.interrupt_kernel()</c> (what JupyterLab's and VS
    /// Code's Jupyter extension's servers call) against the real kernel and the kernelspec tools/kernel-setup.sh
    /// registers, in the middle of notebook 02's training cell (Kernel/interrupt_training.py drives it): the cell ends
    /// within seconds with its message, the kernel lives and stops computing, the training cell run again continues
    /// from where it stopped, stop pressed in a cell that does not train changes nothing, and the next cell runs on the
    /// trained state.
    /// </summary>
    [Fact]
    public async Task JupytersStopButtonEndsNotebook02sTrainingCellAndTheKernelKeepsEverything()
    {
        string script = Path.Combine(TestPaths.RepoRoot, "tests", "GanNotebooks.Runner.Tests", "Kernel", "interrupt_training.py");
        var start = new ProcessStartInfo("env", ["--default-signal=INT", Nbformat.Python, script, Path.Combine(TestPaths.RepoRoot, "notebooks", "02-dcgan.ipynb"),
            "--cwd", Path.Combine(TestPaths.RepoRoot, "notebooks"),
            "--after-parameters", "dataset = \"fashion-mnist\"; epochs = 1000; features = 8; batchSize = 64; logEvery = 5;"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = TestPaths.RepoRoot,
        };
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["OMP_NUM_THREADS"] = "1";
        using var process = Process.Start(start)!;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(8));
        var stderr = process.StandardError.ReadToEndAsync(limit.Token);
        string stdout = await process.StandardOutput.ReadToEndAsync(limit.Token);
        await process.WaitForExitAsync(limit.Token);
        output.WriteLine(stdout);
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{stdout}\n{await stderr}");
        var seen = JsonNode.Parse(stdout.Split('\n').Last(l => l.StartsWith('{')))!;

        Assert.Equal("signal", (string?)seen["interrupt_mode"]);       // see tools/kernel-setup.sh: "message" cannot stop a cell
        var first = seen["first"]!;
        Assert.Equal("ok", (string?)first["status"]);
        Assert.Empty(first["errors"]!.AsArray());
        double ended = (double)first["seconds"]! - (double)first["interrupted_at"]!;
        Assert.InRange(ended, 0, 15);                                 // the next step, not the end of 1,000 epochs
        var stop1 = Regex.Match(Last(first), @"stopped at step (\d+) of (\d+) — networks, optimizers, history and samples kept");
        Assert.True(stop1.Success, Last(first));
        Assert.True((bool)seen["alive_after_first"]!);
        string at = stop1.Groups[1].Value;
        Assert.Equal([at, at], seen["steps_after_stop"]!.AsArray().Select(s => (string?)s));   // 3 s later: nothing trains

        var second = seen["second"]!;
        Assert.Equal("ok", (string?)second["status"]);
        Assert.Contains($"continuing from step {at} of {stop1.Groups[2].Value}", (string?)second["shown"]![0]);
        var stop2 = Regex.Match(Last(second), @"stopped at step (\d+) of");
        Assert.True(stop2.Success && long.Parse(stop2.Groups[1].Value, CultureInfo.InvariantCulture) > long.Parse(at, CultureInfo.InvariantCulture), Last(second));
        var outside = seen["stop_outside_training"]!;               // stop in a cell that does not train: ignored
        Assert.Equal(("ok", "slept", true), ((string?)outside["status"], (string?)outside["stdout"], (bool)outside["alive"]!));
        Assert.Equal("ok", (string?)seen["next_cell"]!["status"]);
        Assert.Empty(seen["next_cell"]!["errors"]!.AsArray());
        Assert.True((bool)seen["alive_at_end"]!);
    }

    static string Last(JsonNode run) => (string?)run["shown"]!.AsArray()[^1] ?? "";

    /// <summary>
    /// VS Code Polyglot Notebooks' stop button: the kernel's Cancel command on the protocol VS Code speaks
    /// (<c>dotnet interactive stdio</c>). The kernel marks the cell cancelled at once and never stops running code itself
    /// (dotnet/interactive#3387); the loop sees the cancelled token, says so (from the cancelling thread, before the
    /// kernel closes the cell's output, unless its own last frame got there first), and ends at its next step; the
    /// trained state stays and the cell run again continues.
    /// </summary>
    [Fact]
    public void VsCodesStopButtonTheKernelsCancelCommandStopsTheTrainingLoop()
    {
        // One more try, in a fresh kernel, when the kernel never answers: a CI run once waited 3 min for the cancelled
        // cell's CommandFailed (cause not found; about 30 runs here, alone, under load and in the whole suite, never
        // repeated it). What the first kernel last sent goes to the test output.
        try
        {
            CancelStopsTheLoopAndRunAgainContinues();
        }
        catch (TimeoutException first)
        {
            output.WriteLine($"first attempt: {first.Message}");
            CancelStopsTheLoopAndRunAgainContinues();
        }
    }

    static void CancelStopsTheLoopAndRunAgainContinues()
    {
        using var kernel = StdioKernel.Start();
        kernel.Submit($"#r \"nuget: TorchSharp-cpu, 0.107.0\"\n#r \"{Path.Combine(AppContext.BaseDirectory, "GanNotebooks.dll")}\"");
        kernel.Submit("""
            using GanNotebooks; using GanNotebooks.Data; using GanNotebooks.Models; using GanNotebooks.Training;
            using TorchSharp; using static TorchSharp.torch;
            Setup.Seed(1);
            var cfg = new MlpConfig(LatentDim: 8, Hidden: 16);
            var trainer = new GanTrainer(new MlpGenerator(cfg), new MlpDiscriminator(cfg));
            var data = new ImageDataset("random", torch.rand(64, 1, 28, 28) * 2 - 1, torch.zeros(64, dtype: ScalarType.Int64), ["x"]);
            var loop = new TrainingLoop(trainer, new Batches(data, 16), 100000) { LogEvery = 10 };
            """);

        var (first, failure) = kernel.SubmitAndCancel("loop.Run();", e => StepOf(e) >= 20);
        Assert.Equal("Command cancelled.", failure);
        // The cell says it stopped: the announcement from the cancelling thread, or the loop's own last frame when that
        // one reached the kernel first (the announcement then stands down so as not to replace it).
        Assert.Contains(first, e => e.Value is { } v && (v.Contains("stop pressed at step", StringComparison.Ordinal) || v.Contains("\nstopped at step", StringComparison.Ordinal)));
        long at = StepShown(kernel);
        Thread.Sleep(TimeSpan.FromSeconds(2));
        Assert.Equal(at, StepShown(kernel));                          // the loop has ended: nothing trains any more

        var (second, _) = kernel.SubmitAndCancel("loop.Run();", e => StepOf(e) >= at + 20);
        Assert.Contains(second, e => e.Value?.Contains($"continuing from step {at} of 400000", StringComparison.Ordinal) == true);
        Assert.True(StepShown(kernel) >= at + 20);
    }

    static long StepOf(StdioKernel.KernelEvent e) =>
        Regex.Match(e.Value ?? "", @"^step (\d+)/") is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;

    // The step the loop reached, shown by a display of its own: the loop's last frame of a cancelled run can still come
    // in after the kernel closed that run's command (an update, not a new display), so only the new display is read.
    static long StepShown(StdioKernel kernel) =>
        long.Parse(kernel.Submit("display(loop.Step.ToString());").Single(e => e.Type == "DisplayedValueProduced").Value!, CultureInfo.InvariantCulture);
}
