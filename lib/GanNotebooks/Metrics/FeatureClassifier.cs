using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanNotebooks.Metrics;

/// <summary>Shape of a <see cref="FeatureClassifier"/>. Taught in notebook 07.</summary>
/// <param name="Channels">Image channels C (1 for MNIST and Fashion-MNIST).</param>
/// <param name="ImageSize">Image height = width (28); must be divisible by 4 (two 2×2 poolings).</param>
/// <param name="Classes">Number of classes K.</param>
/// <param name="Conv1">Channels of the first conv block.</param>
/// <param name="Conv2">Channels of the second conv block.</param>
/// <param name="FeatureDim">Size of the penultimate layer: the features FID is computed on.</param>
/// <param name="Dropout">Dropout before the last layer (training only).</param>
public sealed record FeatureClassifierConfig(
    int Channels = 1, int ImageSize = 28, int Classes = 10,
    int Conv1 = 32, int Conv2 = 64, int FeatureDim = 128, double Dropout = 0.3);

/// <summary>
/// A small CNN classifier for MNIST-like images whose penultimate layer serves as the feature space of
/// "FID on classifier features", and whose softmax p(y|x) feeds the <see cref="ClassifierScore"/>. The stand-in for
/// Inception-v3 at 28×28 (as fastai's course does); values are not comparable with Inception FIDs in papers.
/// Taught in notebook 07.
/// </summary>
/// <remarks>
/// [B, 1, 28, 28] in [-1, 1]
///   → conv1 3×3 (32) → bn1 → ReLU → max-pool 2   → [B, 32, 14, 14]
///   → conv2 3×3 (64) → bn2 → ReLU → max-pool 2   → [B, 64, 7, 7]
///   → flatten → fc1 (128) → ReLU                 → [B, 128]  = <see cref="Features"/>
///   → dropout → fc2 (10)                         → [B, 10]   = logits (<see cref="Module{T,TResult}.forward"/>)
/// Load trained weights with <see cref="FeatureClassifierStore.Load(string, Device, ClassifierLoadOptions?)"/>; train with <see cref="ClassifierTrainer"/>.
/// </remarks>
public sealed class FeatureClassifier : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Linear fc1;
    private readonly Dropout dropout;
    private readonly Linear fc2;

    /// <summary>A new, untrained classifier.</summary>
    /// <exception cref="ArgumentException">An image size not divisible by 4, or a non-positive size.</exception>
    public FeatureClassifier(FeatureClassifierConfig? config = null) : base(nameof(FeatureClassifier))
    {
        Config = config ??= new FeatureClassifierConfig();
        if (config.ImageSize % 4 != 0 || config.ImageSize <= 0 || config.Channels <= 0 || config.Classes < 2)
            throw new ArgumentException($"Unsupported classifier shape {config}: the image size must be a positive " +
                "multiple of 4, with at least 1 channel and 2 classes.", nameof(config));
        int flat = config.Conv2 * (config.ImageSize / 4) * (config.ImageSize / 4);
        conv1 = Conv2d(config.Channels, config.Conv1, kernel_size: 3, padding: 1);
        bn1 = BatchNorm2d(config.Conv1);
        conv2 = Conv2d(config.Conv1, config.Conv2, kernel_size: 3, padding: 1);
        bn2 = BatchNorm2d(config.Conv2);
        fc1 = Linear(flat, config.FeatureDim);
        dropout = Dropout(config.Dropout);
        fc2 = Linear(config.FeatureDim, config.Classes);
        RegisterComponents();
    }

    /// <summary>The shape this classifier was built with.</summary>
    public FeatureClassifierConfig Config { get; }

    /// <summary>What this classifier is, for metric names: "FID on {Name} features", "Classifier Score (IS formula on
    /// {Name} p(y|x))". <see cref="FeatureClassifierStore"/> sets e.g. "Fashion-MNIST classifier".</summary>
    public string Name { get; init; } = "untrained classifier";

    /// <summary>Penultimate-layer features [B, FeatureDim] (after the ReLU) of images [B, C, H, W] in [-1, 1].</summary>
    /// <exception cref="ArgumentException">Images of another shape than [B, C, ImageSize, ImageSize].</exception>
    public Tensor Features(Tensor x)
    {
        CheckImages(x);
        using var scope = torch.NewDisposeScope();
        var h = functional.max_pool2d(functional.relu(bn1.call(conv1.call(x))), 2);   // [B, 32, 14, 14]
        h = functional.max_pool2d(functional.relu(bn2.call(conv2.call(h))), 2);       // [B, 64, 7, 7]
        h = functional.relu(fc1.call(h.flatten(1)));                                   // [B, 128]
        return h.MoveToOuterDisposeScope();
    }

    /// <summary>Class logits [B, Classes] of images [B, C, H, W] in [-1, 1].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        return fc2.call(dropout.call(Features(x))).MoveToOuterDisposeScope();           // [B, 10]
    }

    void CheckImages(Tensor x)
    {
        var c = Config;
        if (x.dim() != 4 || x.shape[1] != c.Channels || x.shape[2] != c.ImageSize || x.shape[3] != c.ImageSize)
            throw new ArgumentException($"The classifier takes images [B, {c.Channels}, {c.ImageSize}, {c.ImageSize}] " +
                $"in [-1, 1]; got [{string.Join(", ", x.shape)}]. Reshape generator output to image form first " +
                "(e.g. x.view(-1, 1, 28, 28)).", nameof(x));
    }
}
