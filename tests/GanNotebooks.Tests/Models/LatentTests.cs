using GanNotebooks.Models;
using static GanNotebooks.Tests.Models.NetworkAssert;

namespace GanNotebooks.Tests.Models;

public class LatentTests
{
    [Fact]
    public void FixedNoiseDependsOnTheSeedOnly()
    {
        using var a = Latent.FixedNoise(4, 6, seed: 3);
        using var b = Latent.FixedNoise(4, 6, seed: 3);
        using var c = Latent.FixedNoise(4, 6, seed: 4);
        Assert.Equal(new long[] { 4, 6 }, a.shape);
        Assert.True(Same(a, b));
        Assert.False(Same(a, c));
    }

    [Fact]
    public void LerpGoesInEqualStepsFromZ0ToZ1()
    {
        using var z0 = torch.tensor(new float[] { 1, 2, 3 });
        using var z1 = torch.tensor(new float[] { 3, 2, -1 });
        using var path = Latent.Lerp(z0, z1, 5);
        Assert.Equal(new long[] { 5, 3 }, path.shape);
        Assert.Equal(new float[] { 1, 2, 3 }, path[0].data<float>().ToArray());
        Assert.Equal(new float[] { 2, 2, 1 }, path[2].data<float>().ToArray());     // midpoint
        Assert.Equal(new float[] { 1.5f, 2, 2 }, path[1].data<float>().ToArray());  // t = 1/4
        Assert.Equal(new float[] { 3, 2, -1 }, path[4].data<float>().ToArray());
    }

    [Fact]
    public void SlerpBetweenOrthogonalUnitVectorsStaysOnTheCircle()
    {
        using var z0 = torch.tensor(new float[] { 1, 0 });
        using var z1 = torch.tensor(new float[] { 0, 1 });
        using var path = Latent.Slerp(z0, z1, 3);
        // Ω = 90°, t = 1/2: sin(45°)/sin(90°) (z0 + z1) = (√½, √½).
        double h = Math.Sqrt(0.5);
        var mid = path[1].data<float>().ToArray();
        Assert.Equal(h, mid[0], 1e-6);
        Assert.Equal(h, mid[1], 1e-6);
        var norms = path.norm(1).data<float>().ToArray();
        Assert.All(norms, n => Assert.Equal(1.0, n, 1e-6));
        Assert.Equal(new float[] { 1, 0 }, path[0].data<float>().ToArray());
    }

    [Fact]
    public void SlerpOfParallelVectorsFallsBackToLerp()
    {
        using var z0 = torch.tensor(new float[] { 1, 2 });
        using var z1 = torch.tensor(new float[] { 2, 4 });
        using var slerp = Latent.Slerp(z0, z1, 4);
        using var lerp = Latent.Lerp(z0, z1, 4);
        Assert.True(slerp.allclose(lerp));
        Assert.False(slerp.isnan().any().item<bool>());
    }

    [Fact]
    public void SlerpFromTheZeroVectorIsLerpNotNaN()
    {
        using var z0 = torch.zeros(4);
        using var z1 = torch.tensor(new float[] { 1, -2, 3, 0.5f });
        using var slerp = Latent.Slerp(z0, z1, 5);
        using var lerp = Latent.Lerp(z0, z1, 5);
        Assert.False(slerp.isnan().any().item<bool>());
        Assert.True(slerp.allclose(lerp));
        using var back = Latent.Slerp(z1, z0, 3);   // either end
        Assert.Equal(new float[] { 0.5f, -1, 1.5f, 0.25f }, back[1].data<float>().ToArray());
    }

    [Fact]
    public void BadArgumentsAreClearErrors()
    {
        using var z0 = torch.zeros(3);
        using var z1 = torch.zeros(4);
        Assert.Contains("same length", Assert.Throws<ArgumentException>(() => Latent.Lerp(z0, z1, 3)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Latent.Slerp(z0, z0, 1));
    }
}

[Collection(nameof(GlobalTorchRandomState))]
public class FixedNoiseRandomStateTests
{
    [Fact]
    public void FixedNoiseLeavesTheGlobalRandomStateAlone()
    {
        Setup.Seed(11);
        using var expected = torch.randn(3);
        Setup.Seed(11);
        using var _ = Latent.FixedNoise(8, 8, seed: 1);
        using var actual = torch.randn(3);
        Assert.True(Same(expected, actual));
    }
}
