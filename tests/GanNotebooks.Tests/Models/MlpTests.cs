using GanNotebooks.Models;
using static GanNotebooks.Tests.Models.NetworkAssert;

namespace GanNotebooks.Tests.Models;

public class MlpTests
{
    static readonly MlpConfig Tiny = new(LatentDim: 8, Hidden: 16);   // 28×28×1: 784 values per image

    [Fact]
    public void GeneratorMapsNoiseToImagesInTanhRange()
    {
        using var g = new MlpGenerator(Tiny);
        using var z = torch.randn(5, 8);
        using var x = g.call(z);
        Assert.Equal(new long[] { 5, 1, 28, 28 }, x.shape);
        Assert.True(x.abs().max().item<float>() <= 1f);
    }

    [Fact]
    public void DiscriminatorReturnsOneLogitPerImage()
    {
        using var d = new MlpDiscriminator(Tiny);
        using var x = torch.rand(5, 1, 28, 28);
        using var logits = d.call(x);
        Assert.Equal(new long[] { 5 }, logits.shape);
    }

    [Fact]
    public void ParameterCountsAreTheLayerSizes()
    {
        using var g = new MlpGenerator(Tiny);
        using var d = new MlpDiscriminator(Tiny);
        Assert.Equal(Linear(8, 16) + Linear(16, 32) + Linear(32, 784), ParameterCount(g));
        Assert.Equal(Linear(784, 32) + Linear(32, 16) + Linear(16, 1), ParameterCount(d));
    }

    [Fact]
    public void StateDictKeysFollowTheFieldNames()
    {
        using var g = new MlpGenerator(Tiny);
        using var d = new MlpDiscriminator(Tiny);
        string[] keys = ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"];
        Keys(g, keys);
        Keys(d, keys);
    }

    [Fact]
    public void ColourImagesOfAnySizeWork()
    {
        var config = new MlpConfig(LatentDim: 4, Hidden: 8, Channels: 3, ImageSize: 10);
        using var g = new MlpGenerator(config);
        using var d = new MlpDiscriminator(config);
        using var x = g.call(torch.randn(2, 4));
        Assert.Equal(new long[] { 2, 3, 10, 10 }, x.shape);
        Assert.Equal(new long[] { 2 }, d.call(x).shape);
    }
}
