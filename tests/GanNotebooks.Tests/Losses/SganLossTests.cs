using GanNotebooks.Losses;

namespace GanNotebooks.Tests.Losses;

public class SganLossTests
{
    // Two rows of K = 3 logits.
    static readonly double[][] L = [[1, 2, 0], [-1, 0, 3]];
    static Tensor Logits() => torch.tensor(L.SelectMany(r => r.Select(v => (float)v)).ToArray()).reshape(2, 3);
    static double Z(double[] row) => row.Sum(Math.Exp);                // Z = Σ exp l_k
    static double D(double[] row) => Z(row) / (Z(row) + 1);            // D(x) = Z / (Z + 1)

    [Fact]
    public void RealProbabilityIsZOverZPlusOne()
    {
        using var p = SganLoss.RealProbability(Logits());
        var v = p.data<float>().ToArray();
        Assert.Equal(D(L[0]), v[0], 1e-6);
        Assert.Equal(D(L[1]), v[1], 1e-6);
    }

    [Fact]
    public void SupervisedLossIsCrossEntropyOverTheKClasses()
    {
        using var y = torch.tensor(new long[] { 1, 2 });
        using var loss = SganLoss.Supervised(Logits(), y);
        double expected = -(Math.Log(Math.Exp(L[0][1]) / Z(L[0])) + Math.Log(Math.Exp(L[1][2]) / Z(L[1]))) / 2;
        Assert.Equal(expected, loss.item<float>(), 1e-5);
    }

    [Fact]
    public void UnsupervisedLossTreatsRowsAsRealOrFake()
    {
        // Row 0 as the real batch, row 1 as the fake batch: −log D(x_real) − log(1 − D(x_fake)).
        using var logits = Logits();
        using var loss = SganLoss.UnsupervisedDiscriminator(logits.narrow(0, 0, 1), logits.narrow(0, 1, 1));
        double expected = -Math.Log(D(L[0])) - Math.Log(1 - D(L[1]));
        Assert.Equal(expected, loss.item<float>(), 1e-5);
        using var g = SganLoss.Generator(logits.narrow(0, 1, 1));
        Assert.Equal(-Math.Log(D(L[1])), g.item<float>(), 1e-5);
    }

    [Fact]
    public void LargeLogitsStayFinite()
    {
        // exp(1000) overflows float32; the logsumexp / softplus forms do not: −log(1 − D) ≈ logsumexp = 1000 + log 2.
        using var logits = torch.tensor(new float[] { 1000, 1000 }).reshape(1, 2);
        using var loss = SganLoss.UnsupervisedDiscriminator(logits, logits);
        Assert.Equal(1000 + Math.Log(2), loss.item<float>(), 1e-2);
    }

    [Fact]
    public void AccuracyCountsArgmaxHits()
    {
        using var y = torch.tensor(new long[] { 1, 0 });   // row 0: argmax 1 (hit); row 1: argmax 2 (miss)
        using var acc = SganLoss.Accuracy(Logits(), y);
        Assert.Equal(0.5f, acc.item<float>());
    }
}
