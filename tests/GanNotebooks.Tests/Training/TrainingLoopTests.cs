using GanNotebooks.Data;
using GanNotebooks.Display;
using GanNotebooks.Training;

namespace GanNotebooks.Tests.Training;

/// <summary>
/// The course's one training loop: a stop at any step followed by a second <c>Run()</c> is the run that was never
/// stopped, bit for bit (the same batches in the same order, the same noise), and watching it changes nothing.
/// The stop comes through <see cref="StopSignal.HostKey"/>, the way the runner's Ctrl+C does.
/// </summary>
[Collection(nameof(GlobalTorchRandomState))]
public class TrainingLoopTests
{
    const int Epochs = 3, Batch = 4, Images = 12;   // 3 batches per epoch, 9 steps

    static ImageDataset Data()
    {
        using var scope = torch.NewDisposeScope();
        var images = (torch.rand(Images, 1, 28, 28) * 2 - 1).MoveToOuterDisposeScope();
        var labels = torch.zeros(Images, dtype: ScalarType.Int64).MoveToOuterDisposeScope();
        return new ImageDataset("tiny", images, labels, ["x"]);
    }

    /// <summary>
    /// Trains with a fresh seed; <paramref name="watch"/>: samples in a live view after every step;
    /// <paramref name="stopAt"/>: the steps after which stop is pressed (each stop ends a Run).
    /// </summary>
    static (List<Tensor> Parameters, TrainingLoop Loop, int Runs) Train(bool watch, params long[] stopAt)
    {
        Setup.Seed(11);
        var data = Data();
        var trainer = Tiny.MlpTrainer();
        using var stop = new StopButton();
        var fixedZ = torch.randn(4, Tiny.Mlp.LatentDim);
        var loop = new TrainingLoop(trainer, new Batches(data, Batch), Epochs)
        {
            LogEvery = 2,
            RefreshEvery = TimeSpan.Zero,             // a view after every step: watching must not change the run
            Samples = watch ? () => { using var fake = trainer.Sample(fixedZ); return ImageGrid.From(fake); } : null,
            OnLog = r => { if (stopAt.Contains(r.Step)) stop.Press(); },
        };
        int runs = 0;
        do { stop.Release(); loop.Run(); runs++; } while (!loop.IsFinished && runs < 10);
        var parameters = trainer.Generator.parameters().Concat(trainer.Discriminator.parameters()).Select(p => p.detach().clone()).ToList();
        return (parameters, loop, runs);
    }

    [Fact]
    public void AStoppedRunContinuedIsTheRunNeverStopped()
    {
        var (whole, _, wholeRuns) = Train(watch: false);
        var (stopped, stoppedLoop, stoppedRuns) = Train(watch: true, 2, 4);   // mid-epoch (step 2 of 3) and in the next epoch

        Assert.Equal(1, wholeRuns);
        Assert.Equal(3, stoppedRuns);
        Assert.Equal(whole.Count, stopped.Count);
        for (int i = 0; i < whole.Count; i++) Assert.True(torch.equal(whole[i], stopped[i]).all().item<bool>(), $"parameter {i} differs");
        Assert.Equal(9, stoppedLoop.Step);
        Assert.Equal(Epochs, stoppedLoop.Epoch);
        Assert.Equal(["step 2 (stopped)", "epoch 1", "step 4 (stopped)", "epoch 2", "epoch 3"], stoppedLoop.Frames.Frames.Select(f => f.Label));
    }

    [Fact]
    public void AStopSaysWhereItStoppedAndTheNextRunSaysWhereItContinues()
    {
        Setup.Seed(5);
        var trainer = Tiny.MlpTrainer();
        using var stop = new StopButton();
        var loop = new TrainingLoop(trainer, new Batches(Data(), Batch), Epochs) { LogEvery = 1, OnLog = r => { if (r.Step == 5) stop.Press(); } };

        loop.Run();
        Assert.True(loop.WasStopped);
        Assert.Equal(5, trainer.Steps);
        Assert.Equal(5, trainer.History.Count);                     // history kept, nothing lost
        Assert.Equal("stopped at step 5 of 9 — networks, optimizers, history and samples kept; run the cell again to continue.", loop.LastView!.Status);

        stop.Release();
        loop.Run();
        Assert.False(loop.WasStopped);
        Assert.True(loop.IsFinished);
        Assert.Equal(9, trainer.Steps);
        Assert.StartsWith("done: step 9 of 9 reached in", loop.LastView!.Status);

        loop.Run();                                                 // a third run trains nothing and says how to go on
        Assert.Equal(9, trainer.Steps);
        Assert.Equal("already trained: all 9 steps ran. To train longer: loop.Run(extraEpochs: 1).", loop.LastView!.Status);
        loop.Run(extraEpochs: 1);
        Assert.Equal(12, trainer.Steps);
        Tiny.DisposeAll(trainer);
    }

    [Fact]
    public void TheLiveViewShowsProgressLossesAndSamples()
    {
        Setup.Seed(2);
        var trainer = Tiny.MlpTrainer();
        var fixedZ = torch.randn(4, Tiny.Mlp.LatentDim);
        var loop = new TrainingLoop(trainer, new Batches(Data(), Batch), 1)
        {
            LogEvery = 1,
            Samples = () => { using var fake = trainer.Sample(fixedZ); return ImageGrid.From(fake, columns: 2); },
        };
        loop.Shown["FID"] = 41.5f;
        loop.Run();
        var view = loop.LastView!;
        string html = view.ToHtml();

        Assert.Equal(3, view.Progress.Step);
        Assert.Equal(3, view.Progress.TotalSteps);
        Assert.Equal(41.5f, view.Progress.Losses["FID"]);
        Assert.Equal(trainer.History.Last!.LossD, view.Progress.Losses["lossD"]);
        Assert.Equal(2, view.Curves.Count);
        Assert.Equal([1L, 2, 3], view.Curves[0].Steps);
        Assert.Equal(trainer.History.Select(r => (double)r.LossD), view.Curves[0].Values);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(html, "<polyline"));
        Assert.Contains("data:image/png;base64,", html);
        Assert.Contains("done: step 3 of 3 reached in", html);
        Assert.StartsWith("step 3/3  epoch 1/1  lossD", view.ToString());
        Tiny.DisposeAll(trainer);
    }

    [Fact]
    public void ASganTrainerNeedsItsOwnStep()
    {
        var trainer = Tiny.SganTrainer();
        var error = Assert.Throws<ArgumentException>(() => new TrainingLoop(trainer, new Batches(Data(), Batch), 1));
        Assert.Contains("SganTrainer has no default step: pass one", error.Message);
        Tiny.DisposeAll(trainer);
    }

    [Fact]
    public void APlanInStepsRunsOverEpochBoundariesAndAnEndlessSamplerHasNoEpochs()
    {
        Setup.Seed(3);
        var trainer = Tiny.MlpTrainer();
        var inSteps = new TrainingLoop(trainer, new Batches(Data(), Batch), steps: 7) { Name = "MLP" };
        inSteps.Run();
        Assert.Equal(7, trainer.Steps);
        Assert.Equal(3, inSteps.Epoch);                               // 3 batches per epoch: epochs 1, 2 and one step of 3
        Assert.Equal("MLP: samples from the fixed noise during training", inSteps.Frames.Title);
        Assert.Throws<ArgumentException>(() => new TrainingLoop(trainer, new Batches(Data(), Batch), epochs: 1, steps: 5));

        int drawn = 0;
        var sampler = new TrainingLoop(trainer, () => { drawn++; return Tiny.Images(Batch); }, steps: 5) { LogEvery = 2 };
        sampler.Run();
        Assert.Equal(5, drawn);
        Assert.Equal(12, trainer.Steps);
        Assert.Equal(0, sampler.LastView!.Progress.TotalEpochs);      // no epochs to show
        Tiny.DisposeAll(trainer);
    }

    /// <summary>
    /// Stop runs the loop's announcement on the host's thread, inside the host's cancel (the kernel reports the cell
    /// cancelled only after it): pressed while the training thread is showing a frame that takes long, the press returns
    /// after a bounded wait instead of waiting for that frame; and a host whose output fails on that thread does not
    /// make the press throw. The loop still stops and says so in its own last frame.
    /// </summary>
    [Fact]
    public async Task StopPressedDuringASlowFrameOrIntoAFailingOutputNeitherBlocksNorBreaksTheHostsCancel()
    {
        Setup.Seed(4);
        const int Steps = 1_000_003;                                // a plan no other test uses: this host serves only this loop
        var trainer = Tiny.MlpTrainer();
        using var stop = new StopButton();
        using var frameShowing = new ManualResetEventSlim();
        using var releaseFrame = new ManualResetEventSlim();
        int trainingThread = 0;
        var shown = new List<string>();
        void Update(object value)
        {
            if (value is not TrainingView { Progress.TotalSteps: Steps } view) return;
            if (Environment.CurrentManagedThreadId != trainingThread)
                throw new IOException("the front end closed the cell's output");   // the announcement, on the host's thread
            lock (shown) shown.Add(view.ToString());
            if (view.Progress.Step >= 3 && !frameShowing.IsSet)
            {
                frameShowing.Set();
                releaseFrame.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);   // a frame that takes long to show
            }
        }
        AppContext.SetData(LiveDisplay.HostKey, (Func<object, Action<object>>)(value => { Update(value); return Update; }));
        try
        {
            var loop = new TrainingLoop(trainer, new Batches(Data(), Batch), steps: Steps) { RefreshEvery = TimeSpan.Zero };
            var run = Task.Run(() => { trainingThread = Environment.CurrentManagedThreadId; loop.Run(); }, TestContext.Current.CancellationToken);
            Assert.True(frameShowing.Wait(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken), "the loop showed no frame after step 3");

            var pressed = System.Diagnostics.Stopwatch.StartNew();
            var press = Record.Exception(stop.Press);
            pressed.Stop();
            releaseFrame.Set();
            await run.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);   // the loop ends after stop

            Assert.Null(press);                                       // the host's cancel went through
            Assert.True(pressed.Elapsed < TimeSpan.FromSeconds(20), $"stop waited {pressed.Elapsed.TotalSeconds:F1} s for the frame being shown");
            Assert.True(loop.WasStopped);
            Assert.Matches(@"\nstopped at step \d+ of 1000003", shown[^1]);  // the loop's own last frame says it
        }
        finally
        {
            AppContext.SetData(LiveDisplay.HostKey, null);
            releaseFrame.Set();
            Tiny.DisposeAll(trainer);
        }
    }

    /// <summary>The runner's Ctrl+C as a test double: a host stop token under <see cref="StopSignal.HostKey"/>.</summary>
    sealed class StopButton : IDisposable
    {
        CancellationTokenSource source = new();

        public StopButton() => AppContext.SetData(StopSignal.HostKey, (Func<CancellationToken>)(() => source.Token));

        public void Press() => source.Cancel();

        public void Release()
        {
            source.Dispose();
            source = new CancellationTokenSource();
        }

        public void Dispose()
        {
            AppContext.SetData(StopSignal.HostKey, null);
            source.Dispose();
        }
    }
}
