using GanNotebooks.Data;

namespace GanNotebooks.Tests.Data;

public class RingOfGaussiansTests
{
    [Fact]
    public void CentersSitOnTheCircleAtEqualAngles()
    {
        using var c = new RingOfGaussians(Modes: 4, Radius: 2).Centers();
        float[] expected = [2, 0, 0, 2, -2, 0, 0, -2];                     // angles 0, π/2, π, 3π/2
        Assert.Equal(new long[] { 4, 2 }, c.shape);
        Assert.All(c.data<float>().ToArray().Zip(expected), p => Assert.Equal(p.Second, p.First, 5));
    }

    [Fact]
    public void SamplesScatterAroundTheCentresWithTheGivenStd()
    {
        var ring = new RingOfGaussians(Std: 0.05);
        torch.manual_seed(2);
        using var x = ring.Sample(16_000);
        using var c = ring.Centers();
        using var nearest = torch.cdist(x, c).argmin(1);                    // [N]
        using var offsets = x - c.index_select(0, nearest);                 // x − its centre, [N, 2]
        Assert.Equal(new long[] { 16_000, 2 }, x.shape);
        Assert.Equal(0.05, offsets.std().item<float>(), 0.002);
        Assert.Equal(0.0, offsets.mean().item<float>(), 0.002);
    }

    [Fact]
    public void ABadRingSaysWhichValueIsWrong()
    {
        Assert.Contains("Std", Assert.Throws<ArgumentException>(() => new RingOfGaussians(Std: 0).Sample(3)).Message);
    }
}
