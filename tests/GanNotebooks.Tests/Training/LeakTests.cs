using GanNotebooks.Training;

namespace GanNotebooks.Tests.Training;

/// <summary>
/// A training step must not leave tensors alive: the live count of this thread (TorchSharp's
/// DisposeScopeManager statistics) is the same after more steps as before them.
/// </summary>
public class LeakTests
{
    static long Live => DisposeScopeManager.Statistics.ThreadTotalLiveCount;

    public static TheoryData<string> Variants => ["dcgan", "wgan", "wgan-gp", "conditional", "sgan"];

    [Theory]
    [MemberData(nameof(Variants))]
    public void StepsLeaveNoTensorsBehind(string variant)
    {
        GanTrainerBase trainer = variant switch
        {
            "dcgan" => Tiny.DcganTrainer(TrainerConfig.Dcgan with { EmaDecay = 0.9 }),
            "wgan" => Tiny.MlpTrainer(TrainerConfig.Wgan with { CriticSteps = 2 }),
            "wgan-gp" => Tiny.WganGpTrainer(),
            "conditional" => Tiny.ConditionalTrainer(),
            _ => Tiny.SganTrainer(),
        };
        using var x = Tiny.Images(4);
        using var y = torch.tensor(new long[] { 0, 1, 2, 1 });
        Action step = trainer switch
        {
            SganTrainer s => () => s.Step(x, y, x),
            GanTrainer { IsConditional: true } c => () => c.Step(x, y),
            GanTrainer g => () => g.Step(x),
            _ => throw new InvalidOperationException(),
        };
        try
        {
            step(); step();                 // warm up: optimizer state, lazily created grads
            long before = Live;
            step(); step(); step();
            Assert.Equal(before, Live);
        }
        finally { Tiny.DisposeAll(trainer); }
    }

    [Fact]
    public void StepsWithoutSyncLeaveNoTensorsBehind()
    {
        var trainer = Tiny.MlpTrainer();
        try
        {
            using var x = Tiny.Images(4);
            trainer.StepNoSync(x); trainer.FlushMetrics();
            long before = Live;
            trainer.StepNoSync(x); trainer.StepNoSync(x); trainer.StepNoSync(x);
            trainer.FlushMetrics();
            Assert.Equal(before, Live);
        }
        finally { Tiny.DisposeAll(trainer); }
    }
}
