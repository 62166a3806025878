using GanNotebooks.Training;

namespace GanNotebooks.Tests.Training;

public class EwmaTests
{
    [Fact]
    public void ValuesByHandWithAndWithoutBiasCorrection()
    {
        // β = 0.5, x = 1, 2, 3:  v = 0.5, 1.25, 2.125;  corrected v / (1 − 0.5^t) = 1, 1.25/0.75, 2.125/0.875.
        var raw = new Ewma(0.5, biasCorrection: false);
        Assert.Equal([0.5, 1.25, 2.125], new[] { 1.0, 2, 3 }.Select(raw.Update).ToArray());
        var corrected = new Ewma(0.5);
        Assert.Equal(1.0, corrected.Update(1), 12);
        Assert.Equal(1.25 / 0.75, corrected.Update(2), 12);
        Assert.Equal(2.125 / 0.875, corrected.Update(3), 12);
        Assert.Equal(3, corrected.Count);
    }

    [Fact]
    public void StaticSmoothMatchesTheStream()
    {
        double[] xs = [4, -1, 2.5, 7, 0];
        var stream = new Ewma(0.8);
        Assert.Equal(xs.Select(stream.Update).ToArray(), Ewma.Smooth(xs, 0.8));
    }

    [Fact]
    public void BetaZeroIsTheIdentity()
    {
        double[] xs = [3, 1, 4, 1, 5];
        Assert.Equal(xs, Ewma.Smooth(xs, 0.0, biasCorrection: false));
    }

    [Fact]
    public void EdgeCases()
    {
        Assert.True(double.IsNaN(new Ewma(0.9).Value));          // nothing averaged yet
        Assert.Equal(0.0, new Ewma(0.9, biasCorrection: false).Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ewma(1.0));  // 1 − β^t would be 0
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ewma(-0.1));
    }
}
