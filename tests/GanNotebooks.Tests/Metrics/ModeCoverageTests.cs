using GanNotebooks.Data;
using GanNotebooks.Metrics;

namespace GanNotebooks.Tests.Metrics;

public class ModeCoverageTests
{
    // Two modes at (0, 0) and (10, 0), σ = 1, high quality = within 3 of the nearest centre. By hand:
    // (0, 0) d 0, (2.9, 0) d 2.9, (0, −3) d 3 (on the boundary: counts) -> mode 0; (3.1, 0) d 3.1 -> none;
    // (10, 2) d 2 -> mode 1; (5.5, 0) nearest mode 1 at d 4.5 -> none. Counts [3, 1], 4 of 6 high quality.
    static readonly float[,] Points = { { 0, 0 }, { 2.9f, 0 }, { 0, -3 }, { 3.1f, 0 }, { 10, 2 }, { 5.5f, 0 } };

    static ModeCoverage Measure(double minShare)
    {
        using var x = torch.tensor(Points);
        using var c = torch.tensor(new float[,] { { 0, 0 }, { 10, 0 } });
        return ModeCoverage.Measure(x, c, std: 1, sigmas: 3, minShare: minShare);
    }

    [Fact]
    public void CountsHighQualitySamplesPerNearestMode()
    {
        var m = Measure(minShare: 0);
        Assert.Equal([3, 1], m.HighQualityPerMode);
        Assert.Equal(4.0 / 6, m.HighQualityShare, 12);
        Assert.Equal(1, m.MinPerMode);                 // at least one sample, as in VEEGAN
        Assert.Equal(2, m.ModesCovered);
        Assert.Equal(2, m.Modes);
    }

    [Fact]
    public void AModeNeedsItsShareOfSamplesToCountAsCovered()
    {
        var m = Measure(minShare: 0.25);               // ⌈0.25 · 6⌉ = 2 samples: mode 1 has only one
        Assert.Equal(2, m.MinPerMode);
        Assert.Equal(1, m.ModesCovered);
        Assert.Contains("1/2 modes covered, 66.7 % high quality", m.ToString());
    }

    [Fact]
    public void RealSamplesOfTheRingCoverEveryModeWithTheGaussianShareWithin3Sigma()
    {
        // For an isotropic 2-D Gaussian, P(‖x − μ‖ ≤ 3σ) = 1 − exp(−3²/2) = 0.98889 (the χ² CDF with 2 degrees of freedom).
        var ring = new RingOfGaussians();
        torch.manual_seed(1);
        using var x = ring.Sample(20_000);
        using var c = ring.Centers();
        var m = ModeCoverage.Measure(x, c, ring.Std);
        Assert.Equal(8, m.ModesCovered);
        Assert.Equal(1 - Math.Exp(-4.5), m.HighQualityShare, 0.004);
        Assert.All(m.HighQualityPerMode, k => Assert.InRange(k, 2500 - 250, 2500 + 250));   // 20 000 / 8 each
    }

    [Fact]
    public void MismatchedShapesSayWhatWasExpected()
    {
        using var x = torch.zeros(3, 2);
        using var c = torch.zeros(2, 3);
        Assert.Contains("same D", Assert.Throws<ArgumentException>(() => ModeCoverage.Measure(x, c, 1)).Message);
    }
}
