using GanNotebooks.Models;
using static GanNotebooks.Tests.Models.NetworkAssert;

namespace GanNotebooks.Tests.Models;

public class SganTests
{
    [Theory]
    [InlineData(28, 1)]
    [InlineData(32, 3)]
    public void ReturnsOneLogitPerClass(int size, int channels)
    {
        using var d = new SganDiscriminator(new SganConfig(NumClasses: 10, Features: 4, Channels: channels, ImageSize: size));
        Assert.Equal(new long[] { 5, 10 }, d.call(torch.rand(5, channels, size, size)).shape);
    }

    [Fact]
    public void ParameterCountAndKeys()
    {
        using var d = new SganDiscriminator(new SganConfig(NumClasses: 10, Features: 4));
        // The DCGAN discriminator with a last convolution to K = 10 channels, with a bias (10 per-class offsets).
        Assert.Equal(Conv(1, 4, 4) + Conv(4, 8, 4) + BatchNorm(8) + Conv(8, 16, 3) + BatchNorm(16) + Conv(16, 10, 3) + 10,
            ParameterCount(d));
        Keys(d, ["main.0.weight", "main.2.weight", .. NormParameters("main.3"), "main.5.weight",
                .. NormParameters("main.6"), "main.8.weight", "main.8.bias"],
            [.. BatchNormBuffers("main.3"), .. BatchNormBuffers("main.6")]);
    }
}
