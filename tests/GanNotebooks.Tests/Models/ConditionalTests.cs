using GanNotebooks.Models;
using static GanNotebooks.Tests.Models.NetworkAssert;

namespace GanNotebooks.Tests.Models;

public class ConditionalTests
{
    static readonly ConditionalMlpConfig Mlp = new(NumClasses: 3, LatentDim: 8, Hidden: 16, EmbeddingDim: 5);
    static readonly ConditionalDcganConfig Dcgan = new(NumClasses: 3, LatentDim: 8, Features: 4, EmbeddingDim: 5);

    [Fact]
    public void MlpShapes()
    {
        using var g = new ConditionalMlpGenerator(Mlp);
        using var d = new ConditionalMlpDiscriminator(Mlp);
        using var y = torch.tensor(new long[] { 0, 2, 1, 1 });
        using var x = g.call(torch.randn(4, 8), y);
        Assert.Equal(new long[] { 4, 1, 28, 28 }, x.shape);
        Assert.Equal(new long[] { 4 }, d.call(x, y).shape);
    }

    [Theory]
    [InlineData(28, 1)]
    [InlineData(32, 3)]
    public void DcganShapes(int size, int channels)
    {
        var config = Dcgan with { ImageSize = size, Channels = channels };
        using var g = new ConditionalDcganGenerator(config);
        using var d = new ConditionalDcganDiscriminator(config);
        using var y = torch.tensor(new long[] { 0, 2 });
        using var x = g.call(torch.randn(2, 8), y);
        Assert.Equal(new long[] { 2, channels, size, size }, x.shape);
        Assert.Equal(new long[] { 2 }, d.call(x, y).shape);
    }

    [Fact]
    public void MlpParameterCountsAndKeys()
    {
        using var g = new ConditionalMlpGenerator(Mlp);
        using var d = new ConditionalMlpDiscriminator(Mlp);
        Assert.Equal(Embedding(3, 5) + Linear(8 + 5, 16) + Linear(16, 32) + Linear(32, 784), ParameterCount(g));
        Assert.Equal(Embedding(3, 5) + Linear(784 + 5, 32) + Linear(32, 16) + Linear(16, 1), ParameterCount(d));
        string[] keys = ["label_emb.weight", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"];
        Keys(g, keys);
        Keys(d, keys);
    }

    [Fact]
    public void DcganParameterCountsAndKeys()
    {
        using var g = new ConditionalDcganGenerator(Dcgan);
        using var d = new ConditionalDcganDiscriminator(Dcgan);
        // G starts from Z + E = 13 channels; D gets one extra input channel: the label plane (28·28 values per class).
        Assert.Equal(Embedding(3, 5) + Conv(13, 16, 3) + BatchNorm(16) + Conv(16, 8, 3) + BatchNorm(8) + Conv(8, 4, 4)
            + BatchNorm(4) + Conv(4, 1, 4), ParameterCount(g));
        Assert.Equal(Embedding(3, 28 * 28) + Conv(2, 4, 4) + Conv(4, 8, 4) + BatchNorm(8) + Conv(8, 16, 3) + BatchNorm(16)
            + Conv(16, 1, 3), ParameterCount(d));
        Keys(g, ["label_emb.weight", "main.0.weight", .. NormParameters("main.1"), "main.3.weight",
                .. NormParameters("main.4"), "main.6.weight", .. NormParameters("main.7"), "main.9.weight"],
            [.. BatchNormBuffers("main.1"), .. BatchNormBuffers("main.4"), .. BatchNormBuffers("main.7")]);
        Keys(d, ["label_emb.weight", "main.0.weight", "main.2.weight", .. NormParameters("main.3"), "main.5.weight",
                .. NormParameters("main.6"), "main.8.weight"],
            [.. BatchNormBuffers("main.3"), .. BatchNormBuffers("main.6")]);
    }

    [Fact]
    public void TheLabelChangesTheOutput()
    {
        using var g = new ConditionalDcganGenerator(Dcgan);
        using var d = new ConditionalDcganDiscriminator(Dcgan);
        g.eval(); d.eval();                                       // batch norm on running stats: rows independent
        using var z = torch.randn(1, 8).expand(2, 8);             // the same z twice
        using var y = torch.tensor(new long[] { 0, 1 });
        using var x = g.call(z, y);
        Assert.False(x[0].allclose(x[1]));
        using var same = x[0].unsqueeze(0).expand(2, 1, 28, 28);
        using var scores = d.call(same, y);                       // the same image under two labels
        Assert.NotEqual(scores[0].item<float>(), scores[1].item<float>());
    }
}
