using GanNotebooks.Metrics;
using static GanNotebooks.Tests.Metrics.MetricsFixtures;

namespace GanNotebooks.Tests.Metrics;

public class InformationTests
{
    [Fact]
    public void UniformOverFourIsTwoBitsOrLn4Nats()
    {
        double[] p = { 0.25, 0.25, 0.25, 0.25 };
        Close(2.0, Information.Entropy(p, Information.Bits), 1e-15, what: "bits");
        Close(Math.Log(4), Information.Entropy(p), 1e-15, what: "nats");
    }

    [Fact]
    public void EntropyOfACertainOutcomeIsZeroAndOfACoinIsOneBit()
    {
        Assert.Equal(0.0, Information.Entropy(new double[] { 0, 1, 0 }));
        Close(1.0, Information.Entropy(new[] { 0.5, 0.5 }, Information.Bits), 1e-15);
    }

    [Fact]
    public void BinaryCrossEntropyWorkedExample()
    {
        // y = [1, 0, 1, 0], p = [0.3, 0.2, 0.4, 0.8]: the terms are ln 0.3, ln(1 − 0.2), ln 0.4, ln(1 − 0.8).
        // By hand: ln 0.3 = −1.2039728, ln 0.8 = −0.2231436, ln 0.4 = −0.9162907, ln 0.2 = −1.6094379;
        // sum = −3.9528450, so BCE = 3.9528450 / 4 = 0.98821125 nats.
        double[] y = { 1, 0, 1, 0 }, p = { 0.3, 0.2, 0.4, 0.8 };
        double bce = Information.BinaryCrossEntropy(y, p);
        Close(0.98821125, bce, 0, 1e-8, "by hand");
        Close(-(Math.Log(0.3) + Math.Log(0.8) + Math.Log(0.4) + Math.Log(0.2)) / 4, bce, 1e-14, what: "formula");
        Close(bce / Math.Log(2), Information.BinaryCrossEntropy(y, p, logBase: Information.Bits), 1e-14, what: "bits");
    }

    [Fact]
    public void BinaryCrossEntropyOnTensorsMatchesTheArraysAndTorch()
    {
        double[] y = { 1, 0, 1, 0 }, p = { 0.3, 0.2, 0.4, 0.8 };
        using var yt = torch.tensor(y).to(ScalarType.Float32);
        using var pt = torch.tensor(p).to(ScalarType.Float32);
        using var ours = Information.BinaryCrossEntropy(yt, pt);
        using var theirs = nn.functional.binary_cross_entropy(pt, yt);
        Close(Information.BinaryCrossEntropy(y, p), ours.item<double>(), 1e-7, what: "arrays");
        Close(theirs.item<float>(), ours.item<double>(), 1e-6, what: "torch");
    }

    [Fact]
    public void BinaryCrossEntropyClampsConfidentMistakesToAFiniteLoss()
    {
        double clamped = Information.BinaryCrossEntropy(new double[] { 1 }, new double[] { 0 });
        Close(-Math.Log(Information.DefaultBceEps), clamped, 1e-9);
        Assert.Equal(double.PositiveInfinity, Information.BinaryCrossEntropy(new double[] { 1 }, new double[] { 0 }, eps: 0));
    }

    [Fact]
    public void KlOfADistributionWithItselfIsZero()
    {
        double[] p = { 0.1, 0.2, 0.3, 0.4 };
        Assert.Equal(0.0, Information.KlDivergence(p, p), 15);
    }

    [Fact]
    public void KlIsNonNegativeAndCrossEntropyIsEntropyPlusKlOnRandomPairs()
    {
        var rng = new Random(5);
        for (int trial = 0; trial < 200; trial++)
        {
            double[] p = RandomDistribution(rng, 6), q = RandomDistribution(rng, 6);
            double kl = Information.KlDivergence(p, q);
            Assert.True(kl >= 0, $"KL = {kl} < 0");
            Close(Information.Entropy(p) + kl, Information.CrossEntropy(p, q), 1e-12, 1e-14, "H(p,q) = H(p) + KL");
        }
    }

    [Fact]
    public void KlIsInfiniteWhenQRulesOutWhatPAllows()
    {
        Assert.Equal(double.PositiveInfinity, Information.KlDivergence(new[] { 0.5, 0.5 }, new[] { 1.0, 0.0 }));
        Assert.Equal(double.PositiveInfinity, Information.CrossEntropy(new[] { 0.5, 0.5 }, new[] { 1.0, 0.0 }));
        Close(Math.Log(2), Information.KlDivergence(new[] { 1.0, 0.0 }, new[] { 0.5, 0.5 }), 1e-15);
    }

    [Fact]
    public void TensorVersionsComputeOneValuePerRowLikeTheArrays()
    {
        var rng = new Random(11);
        var ps = Enumerable.Range(0, 4).Select(_ => RandomDistribution(rng, 5)).ToArray();
        var qs = Enumerable.Range(0, 4).Select(_ => RandomDistribution(rng, 5)).ToArray();
        using var p = torch.tensor(ps.SelectMany(r => r).ToArray()).reshape(4, 5);
        using var q = torch.tensor(qs.SelectMany(r => r).ToArray()).reshape(4, 5);
        using var h = Information.Entropy(p, Information.Bits);
        using var ce = Information.CrossEntropy(p, q);
        using var kl = Information.KlDivergence(p, q);
        Assert.Equal(new long[] { 4 }, h.shape);
        for (int i = 0; i < 4; i++)
        {
            Close(Information.Entropy(ps[i], Information.Bits), h[i].item<double>(), 1e-13);
            Close(Information.CrossEntropy(ps[i], qs[i]), ce[i].item<double>(), 1e-13);
            Close(Information.KlDivergence(ps[i], qs[i]), kl[i].item<double>(), 1e-12, 1e-15);
        }
    }

    [Fact]
    public void TensorEntropyTreatsZeroProbabilitiesAsContributingNothing()
    {
        using var p = torch.tensor(new double[] { 0, 0.5, 0.5, 0 }).reshape(1, 4);
        using var h = Information.Entropy(p, Information.Bits);
        Assert.Equal(1.0, h.item<double>(), 12);
    }

    [Fact]
    public void BadDistributionsAreClearErrors()
    {
        var e = Assert.Throws<ArgumentException>(() => Information.Entropy(new[] { 0.5, 0.6 }));
        Assert.Contains("sums to 1.1", e.Message);
        e = Assert.Throws<ArgumentException>(() => Information.Entropy(new[] { 1.5, -0.5 }));
        Assert.Contains("≥ 0", e.Message);
        e = Assert.Throws<ArgumentException>(() => Information.KlDivergence(new[] { 1.0 }, new[] { 0.5, 0.5 }));
        Assert.Contains("same length", e.Message);
        e = Assert.Throws<ArgumentException>(() => Information.BinaryCrossEntropy(new double[] { 1 }, new[] { 2.0 }));
        Assert.Contains("sigmoid", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Information.Entropy(new[] { 1.0 }, logBase: 1));
        using var rows = torch.tensor(new double[] { 0.5, 0.5, 0.9, 0.9 }).reshape(2, 2);
        e = Assert.Throws<ArgumentException>(() => Information.Entropy(rows));
        Assert.Contains("softmax", e.Message);
    }

    static double[] RandomDistribution(Random rng, int k)
    {
        var w = Enumerable.Range(0, k).Select(_ => rng.NextDouble() + 1e-3).ToArray();
        double s = w.Sum();
        return w.Select(x => x / s).ToArray();
    }
}
