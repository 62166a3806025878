using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanNotebooks.Models;

/// <summary>Normalization in the hidden layers of a WGAN critic. Taught in notebook 04.</summary>
public enum CriticNorm
{
    /// <summary>No normalization: fine with the gradient penalty.</summary>
    None,
    /// <summary>
    /// Batch norm, as in the DCGAN discriminator: use it with weight clipping (Arjovsky et al. 2017) only. With
    /// the gradient penalty it is wrong: the penalty is on the gradient of each sample's score with respect to
    /// that sample, and batch norm makes a score depend on the whole batch (Gulrajani et al. 2017, §4).
    /// </summary>
    BatchNorm,
    /// <summary>Layer norm over [C, H, W] of each sample: the replacement WGAN-GP recommends for batch norm.</summary>
    LayerNorm,
}

/// <summary>Sizes of the DCGAN-style WGAN critic. Taught in notebook 04.</summary>
/// <param name="Features">Base width F (F -> 2F -> 4F channels).</param>
/// <param name="Channels">Image channels.</param>
/// <param name="ImageSize">28 or 32.</param>
/// <param name="Norm">Normalization after the second and third convolutions: <see cref="CriticNorm.BatchNorm"/>
/// for weight clipping, <see cref="CriticNorm.LayerNorm"/> (default) or <see cref="CriticNorm.None"/> for the
/// gradient penalty.</param>
public sealed record WganCriticConfig(int Features = 64, int Channels = 1, int ImageSize = 28,
    CriticNorm Norm = CriticNorm.LayerNorm);

/// <summary>
/// WGAN critic: the <see cref="DcganDiscriminator"/> layout with a choice of normalization and a raw score
/// [B] out: no sigmoid, because the critic estimates E[D(real)] − E[D(fake)], not a probability. Its generator
/// is the <see cref="DcganGenerator"/>.
/// Taught in notebook 04.
/// </summary>
public sealed class WganCritic : nn.Module<Tensor, Tensor>, INetwork
{
    private readonly Sequential main;

    /// <summary>Builds the critic from <paramref name="config"/> (DCGAN initialization on the convolutions).</summary>
    public WganCritic(WganCriticConfig config) : base(nameof(WganCritic))
    {
        Config = config;
        var norm = config.Norm switch
        {
            CriticNorm.BatchNorm => NormKind.BatchNorm,
            CriticNorm.LayerNorm => NormKind.LayerNorm,
            _ => NormKind.None,
        };
        main = DcganLayers.Discriminator(config.Channels, config.Features, config.ImageSize, 1, norm);
        Dcgan.InitWeights(main);
        RegisterComponents();
    }

    /// <summary>The config this critic was built from.</summary>
    public WganCriticConfig Config { get; }
    object INetwork.Config => Config;
    /// <inheritdoc/>
    public nn.Module Recreate() => new WganCritic(Config);

    /// <summary>images [B, C, H, W] -> scores [B] (unbounded).</summary>
    public override Tensor forward(Tensor x) => main.call(x).view(-1); // [B, 1, 1, 1] -> [B]
}
