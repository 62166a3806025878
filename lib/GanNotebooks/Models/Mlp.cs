using System.Text.Json.Serialization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace GanNotebooks.Models;

/// <summary>Sizes of the fully connected GAN (Goodfellow et al. 2014, as in most tutorials). Taught in notebook 01.</summary>
/// <param name="LatentDim">Length of z.</param>
/// <param name="Hidden">Width of the narrowest hidden layer; the other hidden layer is twice as wide.</param>
/// <param name="Channels">Image channels (1 for Fashion-MNIST).</param>
/// <param name="ImageSize">Image height = width in pixels.</param>
public sealed record MlpConfig(int LatentDim = 100, int Hidden = 256, int Channels = 1, int ImageSize = 28)
{
    /// <summary>Number of values in one image, C·H·W (784 for 28×28×1).</summary>
    [JsonIgnore] public int ImageFeatures => Channels * ImageSize * ImageSize;
}

/// <summary>
/// MLP generator: z [B, Z] -> Linear(Z, H) -> ReLU -> Linear(H, 2H) -> ReLU -> Linear(2H, C·H·W) -> tanh
/// -> image [B, C, H, W] in [-1, 1].
/// Taught in notebook 01.
/// </summary>
public sealed class MlpGenerator : nn.Module<Tensor, Tensor>, IGenerator
{
    private readonly Linear fc1;
    private readonly Linear fc2;
    private readonly Linear fc3;

    /// <summary>Builds the generator from <paramref name="config"/>.</summary>
    public MlpGenerator(MlpConfig config) : base(nameof(MlpGenerator))
    {
        Config = config;
        fc1 = nn.Linear(config.LatentDim, config.Hidden);
        fc2 = nn.Linear(config.Hidden, 2 * config.Hidden);
        fc3 = nn.Linear(2 * config.Hidden, config.ImageFeatures);
        RegisterComponents();
    }

    /// <summary>The config this generator was built from.</summary>
    public MlpConfig Config { get; }
    object INetwork.Config => Config;
    /// <inheritdoc/>
    public int LatentDim => Config.LatentDim;
    /// <inheritdoc/>
    public nn.Module Recreate() => new MlpGenerator(Config);

    /// <summary>z [B, Z] -> images [B, C, H, W] in [-1, 1].</summary>
    public override Tensor forward(Tensor z)
    {
        var h = F.relu(fc1.call(z));                     // [B, H]
        h = F.relu(fc2.call(h));                         // [B, 2H]
        var x = torch.tanh(fc3.call(h));                 // [B, C·H·W]
        return x.view(-1, Config.Channels, Config.ImageSize, Config.ImageSize); // [B, C·H·W] -> [B, C, H, W]
    }
}

/// <summary>
/// MLP discriminator: image [B, C, H, W] -> flatten -> Linear(C·H·W, 2H) -> LeakyReLU(0.2) -> Linear(2H, H)
/// -> LeakyReLU(0.2) -> Linear(H, 1) -> logit [B] (no sigmoid: the losses take logits). Also usable as a WGAN critic.
/// Taught in notebook 01.
/// </summary>
public sealed class MlpDiscriminator : nn.Module<Tensor, Tensor>, INetwork
{
    private readonly Linear fc1;
    private readonly Linear fc2;
    private readonly Linear fc3;

    /// <summary>Builds the discriminator from <paramref name="config"/> (<see cref="MlpConfig.LatentDim"/> is unused).</summary>
    public MlpDiscriminator(MlpConfig config) : base(nameof(MlpDiscriminator))
    {
        Config = config;
        fc1 = nn.Linear(config.ImageFeatures, 2 * config.Hidden);
        fc2 = nn.Linear(2 * config.Hidden, config.Hidden);
        fc3 = nn.Linear(config.Hidden, 1);
        RegisterComponents();
    }

    /// <summary>The config this discriminator was built from.</summary>
    public MlpConfig Config { get; }
    object INetwork.Config => Config;
    /// <inheritdoc/>
    public nn.Module Recreate() => new MlpDiscriminator(Config);

    /// <summary>images [B, C, H, W] -> logits [B].</summary>
    public override Tensor forward(Tensor x)
    {
        var h = x.flatten(1);                            // [B, C, H, W] -> [B, C·H·W]
        h = F.leaky_relu(fc1.call(h), 0.2);              // [B, 2H]
        h = F.leaky_relu(fc2.call(h), 0.2);              // [B, H]
        return fc3.call(h).squeeze(1);                   // [B, 1] -> [B]
    }
}
