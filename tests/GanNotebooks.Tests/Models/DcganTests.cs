using GanNotebooks.Models;
using static GanNotebooks.Tests.Models.NetworkAssert;

namespace GanNotebooks.Tests.Models;

public class DcganTests
{
    [Theory]
    [InlineData(28, 1)]
    [InlineData(32, 3)]
    public void GeneratorAndDiscriminatorShapes(int size, int channels)
    {
        var config = new DcganConfig(LatentDim: 8, Features: 4, Channels: channels, ImageSize: size);
        using var g = new DcganGenerator(config);
        using var d = new DcganDiscriminator(config);
        using var x = g.call(torch.randn(3, 8));
        Assert.Equal(new long[] { 3, channels, size, size }, x.shape);
        Assert.True(x.abs().max().item<float>() <= 1f);
        Assert.Equal(new long[] { 3 }, d.call(x).shape);
    }

    [Fact]
    public void ParameterCounts28()
    {
        var config = new DcganConfig(LatentDim: 8, Features: 4, Channels: 1, ImageSize: 28);
        using var g = new DcganGenerator(config);
        using var d = new DcganDiscriminator(config);
        // G: 8 -> 16 (k3) -> 8 (k3) -> 4 (k4) -> 1 (k4), batch norm after the first three.
        Assert.Equal(Conv(8, 16, 3) + BatchNorm(16) + Conv(16, 8, 3) + BatchNorm(8) + Conv(8, 4, 4) + BatchNorm(4) + Conv(4, 1, 4),
            ParameterCount(g));
        // D: 1 -> 4 (k4) -> 8 (k4) -> 16 (k3) -> 1 (k3), batch norm after the second and third.
        Assert.Equal(Conv(1, 4, 4) + Conv(4, 8, 4) + BatchNorm(8) + Conv(8, 16, 3) + BatchNorm(16) + Conv(16, 1, 3),
            ParameterCount(d));
    }

    [Fact]
    public void ParameterCounts32()
    {
        var config = new DcganConfig(LatentDim: 8, Features: 4, Channels: 3, ImageSize: 32);
        using var g = new DcganGenerator(config);
        using var d = new DcganDiscriminator(config);
        Assert.Equal(Conv(8, 16, 4) + BatchNorm(16) + Conv(16, 8, 4) + BatchNorm(8) + Conv(8, 4, 4) + BatchNorm(4) + Conv(4, 3, 4),
            ParameterCount(g));
        Assert.Equal(Conv(3, 4, 4) + Conv(4, 8, 4) + BatchNorm(8) + Conv(8, 16, 4) + BatchNorm(16) + Conv(16, 1, 4),
            ParameterCount(d));
    }

    [Fact]
    public void StateDictKeysAreThoseOfThePyTorchDcganExample()
    {
        var config = new DcganConfig(LatentDim: 8, Features: 4);
        using var g = new DcganGenerator(config);
        using var d = new DcganDiscriminator(config);
        Keys(g, ["main.0.weight", .. NormParameters("main.1"), "main.3.weight", .. NormParameters("main.4"),
                "main.6.weight", .. NormParameters("main.7"), "main.9.weight"],
            [.. BatchNormBuffers("main.1"), .. BatchNormBuffers("main.4"), .. BatchNormBuffers("main.7")]);
        Keys(d, ["main.0.weight", "main.2.weight", .. NormParameters("main.3"), "main.5.weight",
                .. NormParameters("main.6"), "main.8.weight"],
            [.. BatchNormBuffers("main.3"), .. BatchNormBuffers("main.6")]);
    }

    [Fact]
    public void InitializationIsNormalWithStd002AndBatchNormAroundOne()
    {
        using var g = new DcganGenerator(new DcganConfig());   // full size: 100 -> 256 -> 128 -> 64 -> 1
        var sd = g.state_dict();
        using var conv = sd["main.3.weight"];                  // [256, 128, 3, 3]: 294,912 draws
        Assert.Equal(0.0, conv.mean().item<float>(), 0.001);
        Assert.Equal(0.02, conv.std().item<float>(), 0.001);
        Assert.Equal(1.0, sd["main.1.weight"].mean().item<float>(), 0.01);   // 256 draws of N(1, 0.02)
        Assert.Equal(0f, sd["main.1.bias"].abs().max().item<float>());
    }

    [Fact]
    public void InitWeightsLeavesOtherLayersAlone()
    {
        using var net = nn.Sequential(nn.Linear(3, 3), nn.Conv2d(1, 2, 3));
        using var before = net.state_dict()["0.weight"].clone();
        Dcgan.InitWeights(net);
        Assert.True(Same(before, net.state_dict()["0.weight"]));
        Assert.True(net.state_dict()["1.weight"].abs().max().item<float>() < 0.2f);   // N(0, 0.02): far below 10σ
    }

    [Fact]
    public void OtherImageSizesAreAClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => new DcganGenerator(new DcganConfig(ImageSize: 64)));
        Assert.Contains("28", e.Message);
        Assert.Contains("32", e.Message);
    }
}
