using GanNotebooks.Training;

namespace GanNotebooks.Tests.Training;

public class SganTrainerTests
{
    [Fact]
    public void AStepReportsAccuracyAndProbabilities()
    {
        var trainer = Tiny.SganTrainer();
        try
        {
            using var xl = Tiny.Images(6);
            using var yl = torch.tensor(new long[] { 0, 1, 2, 0, 1, 2 });
            using var xu = Tiny.Images(4);
            var r = trainer.Step(xl, yl, xu);
            Assert.NotNull(r.Accuracy);
            Assert.Contains(r.Accuracy!.Value * 6, new[] { 0f, 1, 2, 3, 4, 5, 6 }); // k of 6 labelled images
            Assert.InRange(r.DReal, 0f, 1f);
            Assert.InRange(r.DFake, 0f, 1f);
            Assert.Null(r.GradientPenalty);
            Assert.True(float.IsFinite(r.LossD) && r.LossG is float g && float.IsFinite(g));
        }
        finally { Tiny.DisposeAll(trainer); }
    }

    [Fact]
    public void AccuracyOnASetIsTheArgmaxHitRateInEvalMode()
    {
        var trainer = Tiny.SganTrainer();
        try
        {
            using var x = Tiny.Images(7);
            using var y = torch.tensor(new long[] { 0, 1, 2, 0, 1, 2, 0 });
            float accuracy = trainer.Accuracy(x, y, batchSize: 3);   // chunks of 3, 3, 1
            trainer.Discriminator.eval();
            using var logits = ((nn.Module<Tensor, Tensor>)trainer.Discriminator).call(x);
            trainer.Discriminator.train();
            float expected = logits.argmax(1).eq(y).sum().item<long>() / 7f;
            Assert.Equal(expected, accuracy);
            Assert.True(trainer.Discriminator.training);
        }
        finally { Tiny.DisposeAll(trainer); }
    }

    [Fact]
    public void TheObjectiveCannotBeChanged()
    {
        var e = Assert.Throws<ArgumentException>(() => Tiny.SganTrainer(TrainerConfig.WganGp));
        Assert.Contains("SganLoss", e.Message);
    }
}
