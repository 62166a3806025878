using GanNotebooks.Losses;
using GanNotebooks.Models;
using GanNotebooks.Training;

namespace GanNotebooks.Tests.Training;

[Collection(nameof(GlobalTorchRandomState))]
public class ZeroGradTests
{
    [Fact]
    public void DroppingGradientsGivesTheSameStepsAsZeroFillingThem()
    {
        // The trainer drops gradients (Module.zero_grad(set_to_none: true)); the reference below is the same DCGAN
        // step written out with the optimizers' zero-filling zero_grad(). Same init, same noise: bit-identical.
        const int steps = 5, batch = 8;
        using var x = Tiny.Images(batch);
        var cfg = TrainerConfig.Dcgan;
        torch.manual_seed(11);
        using var g1 = new DcganGenerator(Tiny.Dcgan);
        using var d1 = new DcganDiscriminator(Tiny.Dcgan);
        torch.manual_seed(11);
        using var g2 = new DcganGenerator(Tiny.Dcgan);
        using var d2 = new DcganDiscriminator(Tiny.Dcgan);
        using var trainer = new GanTrainer(g1, d1, cfg);
        using var optG = torch.optim.Adam(g2.parameters(), cfg.LearningRateG, cfg.Beta1, cfg.Beta2);
        using var optD = torch.optim.Adam(d2.parameters(), cfg.LearningRateD, cfg.Beta1, cfg.Beta2);

        torch.manual_seed(12);
        var trained = Enumerable.Range(0, steps).Select(_ => trainer.Step(x)).Select(r => (r.LossD, r.LossG!.Value)).ToList();
        torch.manual_seed(12);
        var reference = new List<(float, float)>();
        for (int i = 0; i < steps; i++)
        {
            using var scope = torch.NewDisposeScope();
            optD.zero_grad();
            Tensor xFake;
            using (torch.no_grad()) xFake = g2.call(torch.randn(batch, Tiny.Dcgan.LatentDim));
            var lossD = GanLoss.DiscriminatorBce(d2.call(x), d2.call(xFake));
            lossD.backward();
            optD.step();
            optG.zero_grad();
            var lossG = GanLoss.GeneratorNonSaturating(d2.call(g2.call(torch.randn(batch, Tiny.Dcgan.LatentDim))));
            lossG.backward();
            optG.step();
            reference.Add((lossD.item<float>(), lossG.item<float>()));
        }

        Assert.Equal(reference, trained);
        foreach (var (a, b) in g1.parameters().Concat(d1.parameters()).Zip(g2.parameters().Concat(d2.parameters())))
            Assert.True(a.eq(b).all().item<bool>());   // bit-identical values
        Assert.True(reference[0] != reference[^1]);      // the networks did change
    }
}
