using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanNotebooks.Models;

/// <summary>Sizes of the semi-supervised GAN discriminator/classifier. Taught in notebook 06.</summary>
/// <param name="NumClasses">Number of real classes K.</param>
/// <param name="Features">Base width F (F -> 2F -> 4F channels).</param>
/// <param name="Channels">Image channels.</param>
/// <param name="ImageSize">28 or 32.</param>
public sealed record SganConfig(int NumClasses = 10, int Features = 64, int Channels = 1, int ImageSize = 28);

/// <summary>
/// Semi-supervised GAN discriminator (Salimans et al. 2016, §5; Odena 2016): one network that is both a
/// K-class classifier and the real/fake discriminator. It returns K class logits l [B, K].
/// <para>
/// Design: the K-logit form, not K + 1 outputs. A K + 1-way softmax with a "fake" logit is over-parameterized:
/// adding the same f(x) to all K + 1 logits changes nothing, so the fake logit can be fixed at 0. What is left is
/// D(x) = Z(x) / (Z(x) + 1) with Z(x) = Σ_k exp l_k(x), i.e. the real/fake logit is logsumexp_k l_k(x). The same
/// K logits then serve the supervised cross-entropy, the test accuracy (argmax) and, through
/// <see cref="Losses.SganLoss"/>, the GAN losses, computed with softplus(±logsumexp) and never through a softmax.
/// </para>
/// Layout: the <see cref="DcganDiscriminator"/> stack (batch norm, LeakyReLU 0.2) whose last convolution has K
/// outputs and a bias (per-class offsets matter here: they move D(x)).
/// Taught in notebook 06.
/// </summary>
public sealed class SganDiscriminator : nn.Module<Tensor, Tensor>, INetwork
{
    private readonly Sequential main;

    /// <summary>Builds the discriminator/classifier from <paramref name="config"/> (DCGAN initialization).</summary>
    public SganDiscriminator(SganConfig config) : base(nameof(SganDiscriminator))
    {
        Config = config;
        main = DcganLayers.Discriminator(config.Channels, config.Features, config.ImageSize, config.NumClasses,
            NormKind.BatchNorm, finalBias: true);
        Dcgan.InitWeights(main);
        RegisterComponents();
    }

    /// <summary>The config this network was built from.</summary>
    public SganConfig Config { get; }
    object INetwork.Config => Config;
    /// <inheritdoc/>
    public nn.Module Recreate() => new SganDiscriminator(Config);

    /// <summary>images [B, C, H, W] -> class logits [B, K].</summary>
    public override Tensor forward(Tensor x)
    {
        var h = main.call(x);                            // [B, K, 1, 1]
        return h.view(h.shape[0], h.shape[1]);           // [B, K, 1, 1] -> [B, K]
    }
}
