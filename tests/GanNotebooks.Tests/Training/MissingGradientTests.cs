using GanNotebooks.Models;
using GanNotebooks.Training;
using TorchSharp.Modules;

namespace GanNotebooks.Tests.Training;

/// <summary>
/// The counterpart of TensorFlow's "Gradients do not exist for variables": <see cref="Gradients.Missing"/> and the
/// trainers' one warning per network when a trainable parameter gets no gradient.
/// </summary>
public class MissingGradientTests
{
    /// <summary>A discriminator with a layer that is built and registered but never used in forward().</summary>
    sealed class WithUnusedLayer : nn.Module<Tensor, Tensor>
    {
        readonly nn.Module<Tensor, Tensor> inner;
        readonly Linear extra = nn.Linear(3, 1);

        public WithUnusedLayer(nn.Module<Tensor, Tensor> inner) : base(nameof(WithUnusedLayer))
        {
            this.inner = inner;
            RegisterComponents();
        }

        public Linear Extra => extra;

        public override Tensor forward(Tensor x) => inner.call(x);
    }

    [Fact]
    public void MissingListsExactlyTheParametersTheLossDidNotReach()
    {
        using var used = nn.Linear(2, 1);
        using var unused = nn.Linear(2, 1);
        using var x = torch.ones(4, 2);
        used.call(x).sum().backward();

        Assert.Empty(Gradients.Missing(used));
        Assert.Equal(["weight", "bias"], Gradients.Missing(unused));
        unused.weight!.requires_grad_(false);                     // frozen on purpose: not reported
        Assert.Equal(["bias"], Gradients.Missing(unused));
    }

    [Fact]
    public void AnUnusedDiscriminatorLayerIsNamedOnceAndTheGeneratorIsNot()
    {
        var d = new WithUnusedLayer(new MlpDiscriminator(Tiny.Mlp));
        using var g = new MlpGenerator(Tiny.Mlp);
        using var trainer = new GanTrainer(g, d) { Warnings = new StringWriter() };
        using var x = Tiny.Images(4);
        for (int i = 0; i < 3; i++) trainer.Step(x);

        string warnings = trainer.Warnings.ToString()!;
        Assert.Single(warnings.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("warning: GanTrainer: the discriminator's loss does not reach extra.weight, extra.bias: no gradient", warnings);
        Assert.DoesNotContain("inner.", warnings);
        Assert.True(d.Extra.weight!.grad is null);                 // and indeed: the optimizer had nothing to apply
        d.Dispose();
    }

    [Fact]
    public void AFrozenLayerIsNotAWarning()
    {
        var d = new WithUnusedLayer(new MlpDiscriminator(Tiny.Mlp));
        foreach (var p in d.Extra.parameters()) p.requires_grad_(false);
        using var g = new MlpGenerator(Tiny.Mlp);
        using var trainer = new GanTrainer(g, d) { Warnings = new StringWriter() };
        using var x = Tiny.Images(4);
        trainer.Step(x);

        Assert.Equal("", trainer.Warnings.ToString());
        d.Dispose();
    }

    public static TheoryData<string> Trainers => ["mlp", "dcgan", "wgan-gp", "conditional", "sgan"];

    [Theory]
    [MemberData(nameof(Trainers))]
    public void TheLibrarysNetworksGetAGradientForEveryParameter(string which)
    {
        GanTrainerBase trainer = which switch
        {
            "mlp" => Tiny.MlpTrainer(),
            "dcgan" => Tiny.DcganTrainer(),
            "wgan-gp" => Tiny.WganGpTrainer(),                         // n_critic = 2: the generator's first update is step 2
            "conditional" => Tiny.ConditionalTrainer(),
            _ => Tiny.SganTrainer(),
        };
        var warnings = new StringWriter();
        trainer.Warnings = warnings;
        try
        {
            using var x = Tiny.Images(4);
            using var y = torch.tensor(new long[] { 0, 1, 2, 0 });
            for (int i = 0; i < 2; i++)
            {
                switch (trainer)
                {
                    case SganTrainer s: s.Step(x, y, x); break;
                    case GanTrainer t when t.IsConditional: t.Step(x, y); break;
                    case GanTrainer t: t.Step(x); break;
                }
            }
            Assert.True(trainer.GeneratorSteps >= 1);                 // both networks were updated, so both were checked
            Assert.Equal("", warnings.ToString());
        }
        finally { Tiny.DisposeAll(trainer); }
    }
}
