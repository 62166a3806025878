using GanNotebooks.Models;
using static GanNotebooks.Tests.Models.NetworkAssert;

namespace GanNotebooks.Tests.Models;

public class WganCriticTests
{
    static WganCriticConfig Config(CriticNorm norm) => new(Features: 4, Norm: norm);

    [Theory]
    [InlineData(CriticNorm.None)]
    [InlineData(CriticNorm.BatchNorm)]
    [InlineData(CriticNorm.LayerNorm)]
    public void ScoresOnePerImage(CriticNorm norm)
    {
        using var critic = new WganCritic(Config(norm));
        Assert.Equal(new long[] { 3 }, critic.call(torch.rand(3, 1, 28, 28)).shape);
    }

    [Fact]
    public void NoNormHasOnlyTheFourConvolutions()
    {
        using var critic = new WganCritic(Config(CriticNorm.None));
        Keys(critic, ["main.0.weight", "main.2.weight", "main.4.weight", "main.6.weight"]);
        Assert.Equal(Conv(1, 4, 4) + Conv(4, 8, 4) + Conv(8, 16, 3) + Conv(16, 1, 3), ParameterCount(critic));
    }

    [Fact]
    public void LayerNormIsOverChannelsAndSpace()
    {
        using var critic = new WganCritic(Config(CriticNorm.LayerNorm));
        Keys(critic, ["main.0.weight", "main.2.weight", "main.3.weight", "main.3.bias", "main.5.weight",
            "main.6.weight", "main.6.bias", "main.8.weight"]);                 // layer norm has no buffers
        // LayerNorm([8, 7, 7]) after the second convolution, LayerNorm([16, 3, 3]) after the third.
        Assert.Equal(new long[] { 8, 7, 7 }, critic.state_dict()["main.3.weight"].shape);
        Assert.Equal(Conv(1, 4, 4) + Conv(4, 8, 4) + 2 * 8 * 7 * 7 + Conv(8, 16, 3) + 2 * 16 * 3 * 3 + Conv(16, 1, 3),
            ParameterCount(critic));
    }

    [Fact]
    public void BatchNormCriticHasTheDcganLayout()
    {
        using var critic = new WganCritic(Config(CriticNorm.BatchNorm));
        Keys(critic, ["main.0.weight", "main.2.weight", .. NormParameters("main.3"), "main.5.weight",
                .. NormParameters("main.6"), "main.8.weight"],
            [.. BatchNormBuffers("main.3"), .. BatchNormBuffers("main.6")]);
    }

    [Theory]
    [InlineData(CriticNorm.None, true)]
    [InlineData(CriticNorm.LayerNorm, true)]
    [InlineData(CriticNorm.BatchNorm, false)]
    public void WithoutBatchNormAScoreDependsOnItsOwnSampleOnly(CriticNorm norm, bool independent)
    {
        // Why the gradient penalty needs a critic without batch norm: in training mode a batch-norm critic's
        // score for image 0 changes when the other images in the batch change.
        using var critic = new WganCritic(Config(norm));
        using var x = torch.rand(4, 1, 28, 28);
        using var alone = critic.call(x.narrow(0, 0, 1));
        using var inBatch = critic.call(x);
        Assert.Equal(independent, alone[0].allclose(inBatch[0], rtol: 1e-4, atol: 1e-6));
    }
}
