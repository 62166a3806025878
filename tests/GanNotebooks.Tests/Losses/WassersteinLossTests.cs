using GanNotebooks.Losses;
using GanNotebooks.Models;

namespace GanNotebooks.Tests.Losses;

public class WassersteinLossTests
{
    static Tensor T(params float[] v) => torch.tensor(v);

    [Fact]
    public void CriticAndGeneratorLosses()
    {
        // Critic scores: real [1, 3], fake [−1, 0.5].
        using var critic = WassersteinLoss.Critic(T(1, 3), T(-1, 0.5f));
        Assert.Equal((-1 + 0.5) / 2.0 - (1 + 3) / 2.0, critic.item<float>(), 1e-6);
        using var gen = WassersteinLoss.Generator(T(-1, 0.5f));
        Assert.Equal(-(-1 + 0.5) / 2.0, gen.item<float>(), 1e-6);
    }

    [Fact]
    public void ClippingBoundsEveryParameter()
    {
        using var d = new MlpDiscriminator(new MlpConfig(Hidden: 8));
        using (torch.no_grad()) foreach (var p in d.parameters()) p.mul_(10);
        WassersteinLoss.ClipWeights(d, 0.01);
        foreach (var p in d.parameters())
            Assert.True(p.abs().max().item<float>() <= 0.01f);
        // Clipping clamps (it does not rescale): large weights sit exactly on the bound.
        Assert.Equal(0.01f, d.parameters().First().abs().max().item<float>());
        Assert.Throws<ArgumentOutOfRangeException>(() => WassersteinLoss.ClipWeights(d, 0));
    }

    static readonly float[] W = [0.5f, -1f, 2f, 0.25f];
    static double NormW => Math.Sqrt(W.Sum(w => (double)w * w));

    [Fact]
    public void PenaltyOfALinearCriticIsLambdaTimesNormOfWMinusOneSquared()
    {
        // D(x) = w · x has gradient w at every x̂, whatever ε: GP = λ (‖w‖ − 1)².
        using var w = torch.tensor(W);
        Func<Tensor, Tensor> critic = x => x.flatten(1).matmul(w);     // [B, 1, 2, 2] -> [B]
        using var xReal = torch.randn(3, 1, 2, 2);
        using var xFake = torch.randn(3, 1, 2, 2);
        using var gp = WassersteinLoss.GradientPenalty(critic, xReal, xFake, lambda: 10);
        Assert.Equal(10 * Math.Pow(NormW - 1, 2), gp.item<float>(), 1e-4);
        // The whole-batch version sees the gradient [w; w; w], norm √3 ‖w‖.
        using var wrong = WassersteinLoss.WrongGradientPenaltyWholeBatch(critic, xReal, xFake, lambda: 10);
        Assert.Equal(10 * Math.Pow(Math.Sqrt(3) * NormW - 1, 2), wrong.item<float>(), 1e-3);
    }

    [Fact]
    public void PenaltyGradientReachesTheCriticParameters()
    {
        // create_graph = true: d/dw λ(‖w‖ − 1)² = 2λ(‖w‖ − 1) w / ‖w‖.
        using var w = torch.tensor(W).requires_grad_(true);
        using var xReal = torch.randn(2, 4);
        using var xFake = torch.randn(2, 4);
        using var gp = WassersteinLoss.GradientPenalty(x => x.matmul(w), xReal, xFake, lambda: 10);
        gp.backward();
        var grad = w.grad!.data<float>().ToArray();
        for (int i = 0; i < W.Length; i++)
            Assert.Equal(2 * 10 * (NormW - 1) * W[i] / NormW, grad[i], 1e-4);
    }

    [Fact]
    public void PerSampleAndWholeBatchNormsDifferOnAQuadraticCritic()
    {
        // D(x) = ½ Σ x² per sample has gradient x̂ itself. With ε = [0.5, 1]:
        // x̂0 = 0.5·(3, 4) + 0.5·(1, 0) = (2, 2), ‖x̂0‖ = 2√2;  x̂1 = 1·(0, 1) + 0·(5, 5) = (0, 1), ‖x̂1‖ = 1.
        Func<Tensor, Tensor> critic = x => 0.5 * x.square().flatten(1).sum(1);
        using var xReal = torch.tensor(new float[] { 3, 4, 0, 1 }).reshape(2, 1, 1, 2);
        using var xFake = torch.tensor(new float[] { 1, 0, 5, 5 }).reshape(2, 1, 1, 2);
        using var eps = T(0.5f, 1f);
        using var gp = WassersteinLoss.GradientPenalty(critic, xReal, xFake, 10, eps);
        double perSample = 10 * (Math.Pow(2 * Math.Sqrt(2) - 1, 2) + Math.Pow(1 - 1, 2)) / 2;
        Assert.Equal(perSample, gp.item<float>(), 1e-4);
        // One norm over all four values (2, 2, 0, 1): √9 = 3, so λ (3 − 1)² = 40.
        using var wrong = WassersteinLoss.WrongGradientPenaltyWholeBatch(critic, xReal, xFake, 10, eps);
        Assert.Equal(40.0, wrong.item<float>(), 1e-4);
    }

    [Fact]
    public void MismatchedBatchesAreAClearError()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            WassersteinLoss.GradientPenalty(x => x.sum(1), torch.zeros(2, 3), torch.zeros(3, 3)));
        Assert.Contains("same shape", e.Message);
    }
}
