using GanNotebooks.Models;
using static GanNotebooks.Tests.Models.NetworkAssert;

namespace GanNotebooks.Tests.Models;

public class ToyTests
{
    static readonly ToyConfig Small = new(LatentDim: 4, Hidden: 8);

    [Fact]
    public void GeneratorMapsNoiseToPointsAndDiscriminatorToOneOutputEach()
    {
        using var g = new ToyGenerator(Small);
        using var d = new ToyDiscriminator(Small);
        using var z = torch.randn(5, 4);
        using var x = g.call(z);
        using var s = d.call(x);
        Assert.Equal(new long[] { 5, 2 }, x.shape);
        Assert.Equal(new long[] { 5 }, s.shape);
        Assert.Equal(4, g.LatentDim);
    }

    [Fact]
    public void ParameterCountsAndKeysAreTheLayers()
    {
        using var g = new ToyGenerator(Small);
        using var d = new ToyDiscriminator(Small);
        Assert.Equal(Linear(4, 8) + Linear(8, 8) + Linear(8, 2), ParameterCount(g));
        Assert.Equal(Linear(2, 8) + Linear(8, 8) + Linear(8, 1), ParameterCount(d));
        string[] keys = ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"];
        Keys(g, keys);
        Keys(d, keys);
    }
}
