using System.Text.Json.Serialization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace GanNotebooks.Models;

/// <summary>Sizes of the conditional MLP pair (Mirza and Osindero 2014): <see cref="MlpConfig"/> plus the labels. Taught in notebook 05.</summary>
/// <param name="NumClasses">Number of classes K; labels are int64 in [0, K).</param>
/// <param name="LatentDim">Length of z.</param>
/// <param name="Hidden">Width of the narrowest hidden layer (the other is 2·Hidden).</param>
/// <param name="EmbeddingDim">Length E of the learned label vector concatenated to the inputs.</param>
/// <param name="Channels">Image channels.</param>
/// <param name="ImageSize">Image height = width in pixels.</param>
public sealed record ConditionalMlpConfig(int NumClasses = 10, int LatentDim = 100, int Hidden = 256,
    int EmbeddingDim = 10, int Channels = 1, int ImageSize = 28)
{
    /// <summary>Number of values in one image, C·H·W.</summary>
    [JsonIgnore] public int ImageFeatures => Channels * ImageSize * ImageSize;
}

/// <summary>Sizes of the conditional DCGAN pair: <see cref="DcganConfig"/> plus the labels. Taught in notebook 05.</summary>
/// <param name="NumClasses">Number of classes K; labels are int64 in [0, K).</param>
/// <param name="LatentDim">Length of z.</param>
/// <param name="Features">Base width F (see <see cref="DcganConfig"/>).</param>
/// <param name="EmbeddingDim">Length E of the label vector concatenated to z in the generator.</param>
/// <param name="Channels">Image channels.</param>
/// <param name="ImageSize">28 or 32.</param>
public sealed record ConditionalDcganConfig(int NumClasses = 10, int LatentDim = 100, int Features = 64,
    int EmbeddingDim = 10, int Channels = 1, int ImageSize = 28);

/// <summary>
/// Conditional MLP generator: [z, embed(y)] [B, Z + E] -> the <see cref="MlpGenerator"/> layers -> [B, C, H, W].
/// Taught in notebook 05.
/// </summary>
public sealed class ConditionalMlpGenerator : nn.Module<Tensor, Tensor, Tensor>, IGenerator
{
    private readonly Embedding label_emb;
    private readonly Linear fc1;
    private readonly Linear fc2;
    private readonly Linear fc3;

    /// <summary>Builds the generator from <paramref name="config"/>.</summary>
    public ConditionalMlpGenerator(ConditionalMlpConfig config) : base(nameof(ConditionalMlpGenerator))
    {
        Config = config;
        label_emb = nn.Embedding(config.NumClasses, config.EmbeddingDim);
        fc1 = nn.Linear(config.LatentDim + config.EmbeddingDim, config.Hidden);
        fc2 = nn.Linear(config.Hidden, 2 * config.Hidden);
        fc3 = nn.Linear(2 * config.Hidden, config.ImageFeatures);
        RegisterComponents();
    }

    /// <summary>The config this generator was built from.</summary>
    public ConditionalMlpConfig Config { get; }
    object INetwork.Config => Config;
    /// <inheritdoc/>
    public int LatentDim => Config.LatentDim;
    /// <inheritdoc/>
    public nn.Module Recreate() => new ConditionalMlpGenerator(Config);

    /// <summary>z [B, Z], labels y [B] (int64) -> images [B, C, H, W] in [-1, 1].</summary>
    public override Tensor forward(Tensor z, Tensor y)
    {
        var h = torch.cat([z, label_emb.call(y)], 1);   // [B, Z] ++ [B, E] -> [B, Z + E]
        h = F.relu(fc1.call(h));                         // [B, H]
        h = F.relu(fc2.call(h));                         // [B, 2H]
        var x = torch.tanh(fc3.call(h));                 // [B, C·H·W]
        return x.view(-1, Config.Channels, Config.ImageSize, Config.ImageSize); // -> [B, C, H, W]
    }
}

/// <summary>
/// Conditional MLP discriminator: [flatten(x), embed(y)] [B, C·H·W + E] -> the <see cref="MlpDiscriminator"/>
/// layers -> logit [B].
/// Taught in notebook 05.
/// </summary>
public sealed class ConditionalMlpDiscriminator : nn.Module<Tensor, Tensor, Tensor>, INetwork
{
    private readonly Embedding label_emb;
    private readonly Linear fc1;
    private readonly Linear fc2;
    private readonly Linear fc3;

    /// <summary>Builds the discriminator from <paramref name="config"/>.</summary>
    public ConditionalMlpDiscriminator(ConditionalMlpConfig config) : base(nameof(ConditionalMlpDiscriminator))
    {
        Config = config;
        label_emb = nn.Embedding(config.NumClasses, config.EmbeddingDim);
        fc1 = nn.Linear(config.ImageFeatures + config.EmbeddingDim, 2 * config.Hidden);
        fc2 = nn.Linear(2 * config.Hidden, config.Hidden);
        fc3 = nn.Linear(config.Hidden, 1);
        RegisterComponents();
    }

    /// <summary>The config this discriminator was built from.</summary>
    public ConditionalMlpConfig Config { get; }
    object INetwork.Config => Config;
    /// <inheritdoc/>
    public nn.Module Recreate() => new ConditionalMlpDiscriminator(Config);

    /// <summary>images [B, C, H, W], labels y [B] (int64) -> logits [B].</summary>
    public override Tensor forward(Tensor x, Tensor y)
    {
        var h = torch.cat([x.flatten(1), label_emb.call(y)], 1); // [B, C·H·W] ++ [B, E] -> [B, C·H·W + E]
        h = F.leaky_relu(fc1.call(h), 0.2);              // [B, 2H]
        h = F.leaky_relu(fc2.call(h), 0.2);              // [B, H]
        return fc3.call(h).squeeze(1);                   // [B, 1] -> [B]
    }
}

/// <summary>
/// Conditional DCGAN generator: the label is embedded to a vector of length E and concatenated to z, so the
/// transposed convolutions start from [B, Z + E, 1, 1]; the rest is the <see cref="DcganGenerator"/> stack.
/// Taught in notebook 05.
/// </summary>
public sealed class ConditionalDcganGenerator : nn.Module<Tensor, Tensor, Tensor>, IGenerator
{
    private readonly Embedding label_emb;
    private readonly Sequential main;

    /// <summary>Builds the generator from <paramref name="config"/> (DCGAN initialization on the convolutions).</summary>
    public ConditionalDcganGenerator(ConditionalDcganConfig config) : base(nameof(ConditionalDcganGenerator))
    {
        Config = config;
        label_emb = nn.Embedding(config.NumClasses, config.EmbeddingDim);
        main = DcganLayers.Generator(config.LatentDim + config.EmbeddingDim, config.Features, config.Channels,
            config.ImageSize);
        Dcgan.InitWeights(main);
        RegisterComponents();
    }

    /// <summary>The config this generator was built from.</summary>
    public ConditionalDcganConfig Config { get; }
    object INetwork.Config => Config;
    /// <inheritdoc/>
    public int LatentDim => Config.LatentDim;
    /// <inheritdoc/>
    public nn.Module Recreate() => new ConditionalDcganGenerator(Config);

    /// <summary>z [B, Z], labels y [B] (int64) -> images [B, C, H, W] in [-1, 1].</summary>
    public override Tensor forward(Tensor z, Tensor y)
    {
        var h = torch.cat([z, label_emb.call(y)], 1);   // [B, Z] ++ [B, E] -> [B, Z + E]
        h = h.view(h.shape[0], h.shape[1], 1, 1);        // [B, Z + E] -> [B, Z + E, 1, 1]
        return main.call(h);                             // -> [B, C, H, W]
    }
}

/// <summary>
/// Conditional DCGAN discriminator. A convolution sees planes, not vectors, so the label is embedded to one
/// H×W plane (an Embedding(K, H·W) reshaped to [B, 1, H, W]) and concatenated to the image as an extra
/// channel: the first convolution then takes C + 1 channels and can learn, at every position, how the label
/// should change what it looks for. The rest is the <see cref="DcganDiscriminator"/> stack; output: logit [B].
/// (<see cref="ConditionalDcganConfig.EmbeddingDim"/> is the generator's; this plane always has H·W values.)
/// Taught in notebook 05.
/// </summary>
public sealed class ConditionalDcganDiscriminator : nn.Module<Tensor, Tensor, Tensor>, INetwork
{
    private readonly Embedding label_emb;
    private readonly Sequential main;

    /// <summary>Builds the discriminator from <paramref name="config"/> (DCGAN initialization on the convolutions).</summary>
    public ConditionalDcganDiscriminator(ConditionalDcganConfig config) : base(nameof(ConditionalDcganDiscriminator))
    {
        Config = config;
        label_emb = nn.Embedding(config.NumClasses, config.ImageSize * config.ImageSize);
        main = DcganLayers.Discriminator(config.Channels + 1, config.Features, config.ImageSize, 1, NormKind.BatchNorm);
        Dcgan.InitWeights(main);
        RegisterComponents();
    }

    /// <summary>The config this discriminator was built from.</summary>
    public ConditionalDcganConfig Config { get; }
    object INetwork.Config => Config;
    /// <inheritdoc/>
    public nn.Module Recreate() => new ConditionalDcganDiscriminator(Config);

    /// <summary>images [B, C, H, W], labels y [B] (int64) -> logits [B].</summary>
    public override Tensor forward(Tensor x, Tensor y)
    {
        int s = Config.ImageSize;
        var plane = label_emb.call(y).view(-1, 1, s, s); // [B, H·W] -> [B, 1, H, W]
        var h = torch.cat([x, plane], 1);                // [B, C, H, W] ++ [B, 1, H, W] -> [B, C + 1, H, W]
        return main.call(h).view(-1);                    // [B, 1, 1, 1] -> [B]
    }
}
