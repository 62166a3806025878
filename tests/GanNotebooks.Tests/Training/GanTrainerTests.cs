using GanNotebooks.Losses;
using GanNotebooks.Models;
using GanNotebooks.Training;

namespace GanNotebooks.Tests.Training;

public class GanTrainerTests
{
    [Fact]
    public void NaNInTheDataStopsTrainingNamingTheLossAndStep()
    {
        var trainer = Tiny.MlpTrainer();
        try
        {
            using var x = Tiny.Images(4);
            trainer.Step(x);
            using var bad = x.clone();
            bad[0, 0, 0, 0] = torch.tensor(float.NaN);
            var e = Assert.Throws<NonFiniteLossException>(() => trainer.Step(bad));
            Assert.Equal("LossD", e.LossName);
            Assert.Equal(2, e.Step);
            Assert.Contains("LossD is NaN at step 2", e.Message);
            Assert.Contains("learning rate", e.Message);
            Assert.Contains("[-1, 1]", e.Message);
        }
        finally { Tiny.DisposeAll(trainer); }
    }

    [Fact]
    public void WganClipsTheCriticAfterEveryStepAndUsesRmsprop()
    {
        var trainer = Tiny.MlpTrainer(TrainerConfig.Wgan);
        try
        {
            Assert.IsType<TorchSharp.Modules.RMSProp>(trainer.OptimizerD);
            using var x = Tiny.Images(4);
            trainer.Step(x);
            foreach (var p in trainer.Discriminator.parameters())
                Assert.True(p.abs().max().item<float>() <= 0.01f);
        }
        finally { Tiny.DisposeAll(trainer); }
    }

    [Fact]
    public void WganGpReportsThePenalty()
    {
        var trainer = Tiny.WganGpTrainer();
        try
        {
            using var x = Tiny.Images(4);
            var r = trainer.Step(x);
            var gp = Assert.NotNull(r.GradientPenalty);
            Assert.True(gp > 1e-4, $"penalty {gp}: (‖g‖ − 1)² is not zero for a random critic");
            // LossD is what the critic minimized: E[D(fake)] − E[D(real)] + GP, from the same update's scores.
            Assert.Equal(r.DFake - r.DReal + gp, r.LossD, 1e-5);
        }
        finally { Tiny.DisposeAll(trainer); }
    }

    [Fact]
    public void WganGpRefusesABatchNormCritic()
    {
        using var g = new DcganGenerator(Tiny.Dcgan);
        using var d = new DcganDiscriminator(Tiny.Dcgan);
        var e = Assert.Throws<ArgumentException>(() => new GanTrainer(g, d, TrainerConfig.WganGp));
        Assert.Contains("batch norm", e.Message);
        Assert.Contains("CriticNorm.LayerNorm", e.Message);
    }

    [Fact]
    public void ConditionalTrainingNeedsWellFormedLabels()
    {
        var trainer = Tiny.ConditionalTrainer();
        try
        {
            Assert.True(trainer.IsConditional);
            using var x = Tiny.Images(4);
            using var y = torch.tensor(new long[] { 0, 1, 2, 1 });
            Assert.True(float.IsFinite(trainer.Step(x, y).LossD));
            Assert.Throws<ArgumentNullException>(() => trainer.Step(x));
            using var floatLabels = torch.zeros(4);
            Assert.Contains("int64", Assert.Throws<ArgumentException>(() => trainer.Step(x, floatLabels)).Message);
            using var shortLabels = torch.tensor(new long[] { 0, 1 });
            Assert.Throws<ArgumentException>(() => trainer.Step(x, shortLabels));
        }
        finally { Tiny.DisposeAll(trainer); }
    }

    [Fact]
    public void AnUnconditionalTrainerRefusesLabels()
    {
        var trainer = Tiny.MlpTrainer();
        try
        {
            using var x = Tiny.Images(2);
            using var y = torch.tensor(new long[] { 0, 1 });
            Assert.Contains("unconditional", Assert.Throws<ArgumentException>(() => trainer.Step(x, y)).Message);
        }
        finally { Tiny.DisposeAll(trainer); }
    }

    [Fact]
    public void SampleRunsInEvalWithoutGradAndRestoresTrainMode()
    {
        var trainer = Tiny.DcganTrainer(TrainerConfig.Dcgan with { EmaDecay = 0.5 });
        try
        {
            using var z = Latent.FixedNoise(3, 8, seed: 1);
            using var x = trainer.Sample(z);
            Assert.Equal(new long[] { 3, 1, 28, 28 }, x.shape);
            Assert.False(x.requires_grad);
            Assert.True(trainer.Generator.training);
            using var xEma = trainer.Sample(z, useEma: true);   // before any step the EMA equals G
            Assert.True(x.allclose(xEma));
            using var batch = Tiny.Images(4);
            trainer.Step(batch);
            trainer.Step(batch);
            Assert.Equal(2, trainer.Ema!.Updates);
        }
        finally { Tiny.DisposeAll(trainer); }
    }

    [Fact]
    public void SamplingFromAMissingEmaSaysHowToGetOne()
    {
        var trainer = Tiny.MlpTrainer();
        try
        {
            using var z = torch.randn(2, 8);
            var e = Assert.Throws<InvalidOperationException>(() => trainer.Sample(z, useEma: true));
            Assert.Contains("EmaDecay", e.Message);
        }
        finally { Tiny.DisposeAll(trainer); }
    }

    [Fact]
    public void InvalidConfigNamesTheField()
    {
        var e = Assert.Throws<ArgumentException>(() => Tiny.MlpTrainer(new TrainerConfig(LearningRateG: -1)));
        Assert.Contains("LearningRateG", e.Message);
        Assert.Contains("CriticSteps", Assert.Throws<ArgumentException>(() => new TrainerConfig(CriticSteps: 0).Validate()).Message);
    }

    [Fact]
    public void PresetsAreThePaperSettings()
    {
        Assert.Equal(new TrainerConfig(GanObjective.Wasserstein, OptimizerKind.RMSprop, 5e-5, 5e-5, 0.5, 0.999, 5, 0.01),
            TrainerConfig.Wgan);
        var gp = TrainerConfig.WganGp;
        Assert.Equal((GanObjective.WassersteinGp, OptimizerKind.Adam, 1e-4, 0.0, 0.9, 5, 10.0),
            (gp.Objective, gp.Optimizer, gp.LearningRateD, gp.Beta1, gp.Beta2, gp.CriticSteps, gp.GradientPenaltyWeight));
        Assert.Equal((2e-4, 0.5, 0.999), (TrainerConfig.Dcgan.LearningRateG, TrainerConfig.Dcgan.Beta1, TrainerConfig.Dcgan.Beta2));
    }
}

/// <summary>Training runs whose assertions hold for one seeded run: they draw from torch's global generator.</summary>
[Collection(nameof(GlobalTorchRandomState))]
public class GanTrainerLearningTests
{
    [Fact]
    public void ThirtyStepsOfAnMlpGanGiveFiniteMovingLosses()
    {
        torch.manual_seed(3);   // the same thirty steps every run: the assertions are about this run, not luck
        var trainer = Tiny.MlpTrainer();
        try
        {
            using var x = Tiny.Images(16);
            var results = Enumerable.Range(0, 30).Select(_ => trainer.Step(x)).ToList();
            Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), results.Select(r => r.Step));
            Assert.Equal(30, trainer.History.Count);
            Assert.All(results, r =>
            {
                Assert.True(float.IsFinite(r.LossD) && r.LossG is float g && float.IsFinite(g));
                Assert.InRange(r.DReal, 0f, 1f);     // probabilities for the BCE objective
                Assert.InRange(r.DFake, 0f, 1f);
                Assert.Null(r.GradientPenalty);
                Assert.Null(r.Accuracy);
            });
            Assert.True(results.Max(r => r.LossD) - results.Min(r => r.LossD) > 1e-3);
            Assert.True(results.Max(r => r.LossG) - results.Min(r => r.LossG) > 1e-3);
            // On a fixed real batch, D learns to separate it from the fakes.
            Assert.True(results[^1].DReal - results[^1].DFake > results[0].DReal - results[0].DFake);
        }
        finally { Tiny.DisposeAll(trainer); }
    }

    [Theory]
    [InlineData(GanObjective.NonSaturating)]
    [InlineData(GanObjective.Minimax)]
    [InlineData(GanObjective.LeastSquares)]
    [InlineData(GanObjective.Wasserstein)]
    public void EachObjectiveUsesItsLossesAndTeachesDToSeparateAFixedBatch(GanObjective objective)
    {
        torch.manual_seed(4);
        var trainer = Tiny.MlpTrainer(new TrainerConfig(Objective: objective));
        try
        {
            using var scores = torch.randn(6) * 3;
            using var other = torch.randn(6) * 3;
            var (lossD, lossG) = objective switch
            {
                GanObjective.NonSaturating => (GanLoss.DiscriminatorBce(scores, other), GanLoss.GeneratorNonSaturating(other)),
                GanObjective.Minimax => (GanLoss.DiscriminatorBce(scores, other), GanLoss.GeneratorMinimax(other)),
                GanObjective.LeastSquares => (GanLoss.DiscriminatorLeastSquares(scores, other), GanLoss.GeneratorLeastSquares(other)),
                _ => (WassersteinLoss.Critic(scores, other), WassersteinLoss.Generator(other)),
            };
            Assert.Equal(lossD.item<float>(), trainer.DiscriminatorLoss(scores, other).item<float>());
            Assert.Equal(lossG.item<float>(), trainer.GeneratorLoss(other).item<float>());

            using var x = Tiny.Images(16);
            var results = Enumerable.Range(0, 20).Select(_ => trainer.Step(x)).ToList();
            float Gap(StepResult r) => r.DReal - r.DFake;   // D(x) − D(G(z)): probabilities, LSGAN outputs or critic scores
            Assert.True(Gap(results[^1]) > Gap(results[0]) + 0.01f,
                $"{objective}: D(x) − D(G(z)) went from {Gap(results[0])} to {Gap(results[^1])} in 20 steps on one batch");
        }
        finally { Tiny.DisposeAll(trainer); }
    }
}
