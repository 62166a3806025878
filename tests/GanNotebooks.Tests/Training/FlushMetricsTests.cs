using GanNotebooks.Models;
using GanNotebooks.Training;

namespace GanNotebooks.Tests.Training;

[Collection(nameof(GlobalTorchRandomState))]
public class FlushMetricsTests
{
    [Fact]
    public void StepsWithoutSyncReportTheMeanOfWhatStepWouldHaveReported()
    {
        // Run 1: three synced steps. Run 2: the same three steps (same seed, same networks), read once.
        Setup.Seed(3);
        var synced = Tiny.DcganTrainer();
        using var x = Tiny.Images(4);
        var perStep = Enumerable.Range(0, 3).Select(_ => synced.Step(x)).ToList();
        Tiny.DisposeAll(synced);

        Setup.Seed(3);
        var fast = Tiny.DcganTrainer();
        using var _ = Tiny.Images(4);                      // same draws as above
        for (int i = 0; i < 3; i++) fast.StepNoSync(x);
        var mean = fast.FlushMetrics()!;
        Assert.Null(fast.FlushMetrics());                  // nothing new since the read
        Tiny.DisposeAll(fast);

        Assert.Equal(3, mean.Step);
        Assert.Equal(perStep.Average(r => r.LossD), mean.LossD, 1e-5);
        Assert.Equal(perStep.Average(r => r.LossG)!.Value, mean.LossG!.Value, 1e-5);
        Assert.Equal(perStep.Average(r => r.DReal), mean.DReal, 1e-5);
        Assert.Equal(perStep.Average(r => r.DFake), mean.DFake, 1e-5);
        Assert.Equal(3, synced.History.Count);
        Assert.Single(fast.History);
    }

    [Fact]
    public void ANaNReadLateNamesTheRangeOfSteps()
    {
        var trainer = Tiny.MlpTrainer();
        try
        {
            using var x = Tiny.Images(4);
            using var bad = torch.full([4, 1, 28, 28], float.NaN);
            trainer.StepNoSync(x);
            trainer.StepNoSync(bad);
            var e = Assert.Throws<NonFiniteLossException>(() => trainer.FlushMetrics());
            Assert.Contains("in steps 1..2", e.Message);
        }
        finally { Tiny.DisposeAll(trainer); }
    }
}
