using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanNotebooks.Models;

/// <summary>Sizes of the DCGAN pair (Radford et al. 2016), adapted to 28×28 and 32×32 images. Taught in notebook 02.</summary>
/// <param name="LatentDim">Length of z.</param>
/// <param name="Features">Base width F: the generator goes 4F -> 2F -> F channels, the discriminator F -> 2F -> 4F.</param>
/// <param name="Channels">Image channels: 1 (Fashion-MNIST) or 3 (colour).</param>
/// <param name="ImageSize">28 or 32.</param>
public sealed record DcganConfig(int LatentDim = 100, int Features = 64, int Channels = 1, int ImageSize = 28);

/// <summary>
/// DCGAN generator: z [B, Z] -> [B, Z, 1, 1] -> four ConvTranspose2d layers (BatchNorm + ReLU after the first
/// three) -> tanh -> images [B, C, H, W] in [-1, 1]. Spatial sizes 1 -> 4 -> 8 -> 16 -> 32 for 32 px, and
/// 1 -> 3 -> 7 -> 14 -> 28 for 28 px. Weights start from <see cref="Dcgan.InitWeights"/>.
/// Taught in notebook 02.
/// </summary>
public sealed class DcganGenerator : nn.Module<Tensor, Tensor>, IGenerator
{
    private readonly Sequential main;

    /// <summary>Builds the generator from <paramref name="config"/> and applies the DCGAN initialization.</summary>
    public DcganGenerator(DcganConfig config) : base(nameof(DcganGenerator))
    {
        Config = config;
        main = DcganLayers.Generator(config.LatentDim, config.Features, config.Channels, config.ImageSize);
        Dcgan.InitWeights(main);
        RegisterComponents();
    }

    /// <summary>The config this generator was built from.</summary>
    public DcganConfig Config { get; }
    object INetwork.Config => Config;
    /// <inheritdoc/>
    public int LatentDim => Config.LatentDim;
    /// <inheritdoc/>
    public nn.Module Recreate() => new DcganGenerator(Config);

    /// <summary>z [B, Z] -> images [B, C, H, W] in [-1, 1].</summary>
    public override Tensor forward(Tensor z)
    {
        var h = z.view(z.shape[0], z.shape[1], 1, 1);   // [B, Z] -> [B, Z, 1, 1]
        return main.call(h);                             // [B, Z, 1, 1] -> [B, C, H, W]
    }
}

/// <summary>
/// DCGAN discriminator: images [B, C, H, W] -> three Conv2d layers (stride 2, LeakyReLU 0.2, BatchNorm except
/// after the first) -> a last Conv2d down to 1×1 -> logit [B] (no sigmoid: the losses take logits).
/// Taught in notebook 02.
/// </summary>
public sealed class DcganDiscriminator : nn.Module<Tensor, Tensor>, INetwork
{
    private readonly Sequential main;

    /// <summary>Builds the discriminator from <paramref name="config"/> and applies the DCGAN initialization.</summary>
    public DcganDiscriminator(DcganConfig config) : base(nameof(DcganDiscriminator))
    {
        Config = config;
        main = DcganLayers.Discriminator(config.Channels, config.Features, config.ImageSize, 1, NormKind.BatchNorm);
        Dcgan.InitWeights(main);
        RegisterComponents();
    }

    /// <summary>The config this discriminator was built from.</summary>
    public DcganConfig Config { get; }
    object INetwork.Config => Config;
    /// <inheritdoc/>
    public nn.Module Recreate() => new DcganDiscriminator(Config);

    /// <summary>images [B, C, H, W] -> logits [B].</summary>
    public override Tensor forward(Tensor x) => main.call(x).view(-1); // [B, 1, 1, 1] -> [B]
}

/// <summary>The DCGAN weight initialization, for the library's networks and for networks built in a notebook. Taught in notebook 02 (weight initialization).</summary>
public static class Dcgan
{
    /// <summary>
    /// DCGAN initialization (Radford et al. 2016, §4): every Conv2d / ConvTranspose2d weight ~ N(0, 0.02);
    /// every BatchNorm weight ~ N(1, 0.02) and bias = 0. Other layers keep their defaults. Works in place on
    /// <paramref name="module"/> and all its submodules, like PyTorch's <c>net.apply(weights_init)</c>.
    /// </summary>
    public static void InitWeights(nn.Module module)
    {
        using var _ = torch.no_grad();
        foreach (var m in module.modules())
        {
            switch (m)
            {
                case Conv2d conv:
                    nn.init.normal_(conv.weight!, 0.0, 0.02);
                    break;
                case ConvTranspose2d deconv:
                    nn.init.normal_(deconv.weight!, 0.0, 0.02);
                    break;
                case BatchNorm2d bn:
                    nn.init.normal_(bn.weight!, 1.0, 0.02);
                    nn.init.zeros_(bn.bias!);
                    break;
            }
        }
    }
}

/// <summary>Normalization after the hidden convolutions of a DCGAN-style discriminator or critic.</summary>
internal enum NormKind { None, BatchNorm, LayerNorm }

/// <summary>
/// The DCGAN layer stacks, shared by the DCGAN, conditional, WGAN and SGAN networks. Like the PyTorch DCGAN
/// example, the convolutions have no bias (a following normalization has one) and the stack is one
/// <c>nn.Sequential</c> named <c>main</c>, so the state-dict keys read "main.0.weight", "main.1.running_mean", ...
/// </summary>
internal static class DcganLayers
{
    /// <summary>(kernel, stride, padding) of the four generator layers, from 1×1 up to the image size.</summary>
    internal static (int K, int S, int P)[] UpLayers(int imageSize) => imageSize switch
    {
        32 => [(4, 1, 0), (4, 2, 1), (4, 2, 1), (4, 2, 1)],   // 1 -> 4 -> 8 -> 16 -> 32
        28 => [(3, 1, 0), (3, 2, 0), (4, 2, 1), (4, 2, 1)],   // 1 -> 3 -> 7 -> 14 -> 28
        _ => throw new ArgumentException(
            $"DCGAN-style networks are built for 28×28 or 32×32 images, not {imageSize}×{imageSize}. " +
            "Resize the images to 28 or 32 pixels, or use the MLP networks (any size).", nameof(imageSize)),
    };

    /// <summary>Spatial size after each of the first three discriminator layers (32: 16, 8, 4; 28: 14, 7, 3).</summary>
    internal static int[] DownSizes(int imageSize) => imageSize == 32 ? [16, 8, 4] : [14, 7, 3];

    /// <summary>ConvTranspose2d stack: [B, inputDim, 1, 1] -> [B, channels, S, S], tanh at the end.</summary>
    internal static Sequential Generator(int inputDim, int features, int channels, int imageSize)
    {
        var layers = UpLayers(imageSize);
        int[] widths = [inputDim, 4 * features, 2 * features, features, channels];
        var seq = nn.Sequential();
        for (int i = 0; i < 4; i++)
        {
            var (k, s, p) = layers[i];
            seq.append(nn.ConvTranspose2d(widths[i], widths[i + 1], k, s, p, bias: false));
            if (i < 3)
            {
                seq.append(nn.BatchNorm2d(widths[i + 1]));
                seq.append(nn.ReLU(inplace: true));
            }
        }
        seq.append(nn.Tanh());
        return seq;
    }

    /// <summary>
    /// Conv2d stack: [B, inChannels, S, S] -> [B, outputs, 1, 1]. Normalization after the second and third
    /// convolutions only (never after the first, as in DCGAN). <paramref name="finalBias"/> gives the last
    /// convolution a bias (the SGAN classifier's per-class offsets).
    /// </summary>
    internal static Sequential Discriminator(int inChannels, int features, int imageSize, int outputs, NormKind norm,
        bool finalBias = false)
    {
        var layers = Enumerable.Reverse(UpLayers(imageSize)).ToArray();
        var sizes = DownSizes(imageSize);
        int[] widths = [inChannels, features, 2 * features, 4 * features];
        var seq = nn.Sequential();
        for (int i = 0; i < 3; i++)
        {
            var (k, s, p) = layers[i];
            seq.append(nn.Conv2d(widths[i], widths[i + 1], k, s, p, bias: false));
            if (i > 0 && norm == NormKind.BatchNorm) seq.append(nn.BatchNorm2d(widths[i + 1]));
            if (i > 0 && norm == NormKind.LayerNorm) seq.append(nn.LayerNorm([widths[i + 1], sizes[i], sizes[i]]));
            seq.append(nn.LeakyReLU(0.2, inplace: true));
        }
        var (kl, sl, pl) = layers[3];
        seq.append(nn.Conv2d(widths[3], outputs, kl, sl, pl, bias: finalBias));
        return seq;
    }
}
