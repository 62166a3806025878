using GanNotebooks.Losses;
using GanNotebooks.Models;
using GanNotebooks.Training;
using TorchSharp.Modules;

namespace GanNotebooks.Tests.Training;

/// <summary>
/// WGAN's Algorithm 1 as the papers write it: every critic iteration samples its own real batch, and the generator
/// is updated once per n_critic critic iterations. A <see cref="GanTrainer.Step"/> is one critic update.
/// </summary>
[Collection(nameof(GlobalTorchRandomState))]
public class CriticScheduleTests
{
    const int Batch = 4, NCritic = 3;

    [Fact]
    public void EachStepUpdatesTheCriticOnItsOwnBatchAndEveryNthStepUpdatesTheGenerator()
    {
        torch.manual_seed(5);
        var critic = new SpyCritic(Tiny.Mlp);
        using var trainer = new GanTrainer(new MlpGenerator(Tiny.Mlp), critic, TrainerConfig.Wgan with { CriticSteps = NCritic });
        var xs = Enumerable.Range(0, 7).Select(i => Tiny.Images(Batch) * 0.5 + 0.1 * i).ToList();   // distinct sums
        for (int i = 0; i < xs.Count; i++)
        {
            var before = trainer.Generator.parameters().Select(p => p.detach().clone()).ToList();
            int seenBefore = critic.Seen.Count;
            var r = trainer.Step(xs[i]);
            bool generatorStep = (i + 1) % NCritic == 0;

            Assert.Equal(xs[i].sum().item<float>(), critic.Seen[seenBefore]);      // first input of the step: this batch
            bool moved = trainer.Generator.parameters().Zip(before).Any(pair => !Same(pair.First, pair.Second));
            Assert.Equal(generatorStep, moved);                                     // G moves only on every n-th step
            Assert.Equal(generatorStep, r.LossG is not null);                       // and reports a loss only then
            Assert.Equal((i + 1) / NCritic, trainer.GeneratorSteps);
            Assert.Equal(i + 1, trainer.Steps);
            before.ForEach(t => t.Dispose());
        }
        var realInputs = Enumerable.Range(0, xs.Count).Select(i => xs[i].sum().item<float>());
        Assert.Equal(xs.Count, realInputs.Distinct().Count());
        Assert.Equal("step 1: loss D", trainer.History[0].ToString()[..14]);
        Assert.Contains("no G update", trainer.History[0].ToString());
        critic.Dispose();
        trainer.Generator.Dispose();
        xs.ForEach(t => t.Dispose());
    }

    [Fact]
    public void TheTrainerFollowsAlgorithm1WrittenOutBitForBit()
    {
        // Reference: Arjovsky et al. (2017), Algorithm 1, with the library's losses and clipping. Same init, same noise.
        const int iterations = 3;
        var cfg = TrainerConfig.Wgan with { CriticSteps = NCritic };
        var xs = Enumerable.Range(0, iterations * NCritic).Select(_ => Tiny.Images(Batch)).ToList();
        torch.manual_seed(21);
        using var g1 = new MlpGenerator(Tiny.Mlp);
        using var d1 = new MlpDiscriminator(Tiny.Mlp);
        torch.manual_seed(21);
        using var g2 = new MlpGenerator(Tiny.Mlp);
        using var d2 = new MlpDiscriminator(Tiny.Mlp);
        using var trainer = new GanTrainer(g1, d1, cfg);
        using var optG = torch.optim.RMSProp(g2.parameters(), cfg.LearningRateG);
        using var optD = torch.optim.RMSProp(d2.parameters(), cfg.LearningRateD);

        torch.manual_seed(22);
        var trained = xs.Select(x => trainer.Step(x)).ToList();
        torch.manual_seed(22);
        var lossesG = new List<float>();
        for (int t = 0; t < iterations; t++)
        {
            using var scope = torch.NewDisposeScope();
            for (int j = 0; j < NCritic; j++)
            {
                var x = xs[t * NCritic + j];                                        // a fresh real batch per critic iteration
                optD.zero_grad();
                Tensor xFake;
                using (torch.no_grad()) xFake = g2.call(torch.randn(Batch, Tiny.Mlp.LatentDim));
                WassersteinLoss.Critic(d2.call(x), d2.call(xFake)).backward();
                optD.step();
                WassersteinLoss.ClipWeights(d2, cfg.ClipValue);
            }
            optG.zero_grad();
            var lossG = WassersteinLoss.Generator(d2.call(g2.call(torch.randn(Batch, Tiny.Mlp.LatentDim))));
            lossG.backward();
            optG.step();
            lossesG.Add(lossG.item<float>());
        }

        Assert.Equal(lossesG, trained.Where(r => r.LossG is not null).Select(r => r.LossG!.Value));
        foreach (var (a, b) in g1.parameters().Concat(d1.parameters()).Zip(g2.parameters().Concat(d2.parameters())))
            Assert.True(Same(a, b));                                                // bit-identical values
        xs.ForEach(t => t.Dispose());
    }

    [Fact]
    public void AMeanOverStepsAveragesTheGeneratorLossOverGeneratorUpdatesOnly()
    {
        using var x = Tiny.Images(Batch);
        Setup.Seed(8);
        var synced = Tiny.MlpTrainer(TrainerConfig.Wgan with { CriticSteps = 2 });
        var perStep = Enumerable.Range(0, 5).Select(_ => synced.Step(x)).ToList();
        Tiny.DisposeAll(synced);
        Setup.Seed(8);
        var fast = Tiny.MlpTrainer(TrainerConfig.Wgan with { CriticSteps = 2 });
        fast.StepNoSync(x);
        var first = fast.FlushMetrics()!;                                          // a critic-only step
        for (int i = 0; i < 4; i++) fast.StepNoSync(x);
        var mean = fast.FlushMetrics()!;
        Tiny.DisposeAll(fast);

        Assert.Null(first.LossG);
        Assert.Equal(new float?[] { null, perStep[1].LossG, null, perStep[3].LossG, null }, perStep.Select(r => r.LossG));
        Assert.Equal((perStep[1].LossG!.Value + perStep[3].LossG!.Value) / 2, mean.LossG!.Value, 1e-6);  // 2 G updates, not 4 steps
        Assert.Equal(perStep.Skip(1).Average(r => r.LossD), mean.LossD, 1e-5);
        Assert.Equal(5, mean.Step);
    }

    /// <summary>PyTorch's torch.equal: same shape and every element equal (TorchSharp's torch.equal is elementwise).</summary>
    static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && torch.equal(a, b).all().item<bool>();

    /// <summary>An MLP critic that records the sum of every batch it is called on.</summary>
    sealed class SpyCritic : nn.Module<Tensor, Tensor>
    {
        readonly MlpDiscriminator net;

        public SpyCritic(MlpConfig config) : base(nameof(SpyCritic))
        {
            net = new MlpDiscriminator(config);
            RegisterComponents();
        }

        public List<float> Seen { get; } = [];

        public override Tensor forward(Tensor x)
        {
            Seen.Add(x.sum().item<float>());
            return net.call(x);
        }
    }
}
