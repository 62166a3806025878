using GanNotebooks.Losses;

namespace GanNotebooks.Tests.Losses;

public class GanLossTests
{
    static double Sigmoid(double s) => 1 / (1 + Math.Exp(-s));
    static Tensor T(params float[] v) => torch.tensor(v);

    // Real logits [2, −1], fake logits [0.5, −3].
    static readonly double[] Real = [2, -1], Fake = [0.5, -3];

    [Fact]
    public void DiscriminatorBceIsMinusLogDOfRealMinusLogOneMinusDOfFake()
    {
        using var loss = GanLoss.DiscriminatorBce(T(2, -1), T(0.5f, -3));
        double expected = -(Math.Log(Sigmoid(Real[0])) + Math.Log(Sigmoid(Real[1]))) / 2
                          - (Math.Log(1 - Sigmoid(Fake[0])) + Math.Log(1 - Sigmoid(Fake[1]))) / 2;
        Assert.Equal(expected, loss.item<float>(), 1e-5);
    }

    [Fact]
    public void NonSaturatingGeneratorLossIsMinusLogDOfFake()
    {
        using var loss = GanLoss.GeneratorNonSaturating(T(0.5f, -3));
        double expected = -(Math.Log(Sigmoid(Fake[0])) + Math.Log(Sigmoid(Fake[1]))) / 2;
        Assert.Equal(expected, loss.item<float>(), 1e-5);
    }

    [Fact]
    public void MinimaxGeneratorLossIsLogOneMinusDOfFake()
    {
        using var loss = GanLoss.GeneratorMinimax(T(0.5f, -3));
        double expected = (Math.Log(1 - Sigmoid(Fake[0])) + Math.Log(1 - Sigmoid(Fake[1]))) / 2;
        Assert.Equal(expected, loss.item<float>(), 1e-5);
    }

    [Fact]
    public void MinimaxSaturatesWhereNonSaturatingDoesNot()
    {
        // D is sure the fake is fake: logit −10. d/ds of log(1 − σ(s)) is −σ(s) ≈ −4.5e−5 (G learns nothing);
        // d/ds of −log σ(s) is −(1 − σ(s)) ≈ −1.
        using var s1 = T(-10).requires_grad_(true);
        GanLoss.GeneratorMinimax(s1).backward();
        Assert.Equal(-Sigmoid(-10), s1.grad!.item<float>(), 1e-9);
        using var s2 = T(-10).requires_grad_(true);
        GanLoss.GeneratorNonSaturating(s2).backward();
        Assert.Equal(-(1 - Sigmoid(-10)), s2.grad!.item<float>(), 1e-6);
    }

    [Fact]
    public void LogitsFarOutStayFinite()
    {
        // σ(−100) underflows to 0 in float32, so log σ would be −∞; softplus(100) = 100 exactly.
        using var loss = GanLoss.DiscriminatorBce(T(-100), T(100));
        Assert.Equal(200.0, loss.item<float>(), 1e-3);
        using var g = GanLoss.GeneratorNonSaturating(T(-100));
        Assert.Equal(100.0, g.item<float>(), 1e-3);
    }

    [Fact]
    public void LeastSquaresLosses()
    {
        // a = 0, b = 1, c = 1; D outputs real [0.8, 1.5], fake [0.1, −0.4].
        using var d = GanLoss.DiscriminatorLeastSquares(T(0.8f, 1.5f), T(0.1f, -0.4f));
        double expectedD = 0.5 * ((0.8 - 1) * (0.8 - 1) + (1.5 - 1) * (1.5 - 1)) / 2 + 0.5 * (0.1 * 0.1 + 0.4 * 0.4) / 2;
        Assert.Equal(expectedD, d.item<float>(), 1e-6);
        using var g = GanLoss.GeneratorLeastSquares(T(0.1f, -0.4f));
        double expectedG = 0.5 * ((0.1 - 1) * (0.1 - 1) + (-0.4 - 1) * (-0.4 - 1)) / 2;
        Assert.Equal(expectedG, g.item<float>(), 1e-6);
    }
}
