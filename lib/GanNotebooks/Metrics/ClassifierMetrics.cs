using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Metrics;

/// <summary>
/// Image-level metrics through a <see cref="FeatureClassifier"/>: features, p(y|x), accuracy, "FID on classifier
/// features" and the Classifier Score. Images go through the network in batches under <c>eval()</c> and
/// <c>no_grad()</c> (the model's train/eval mode is restored afterwards); results stay on the model's device.
/// Taught in notebook 07.
/// </summary>
public static class ClassifierMetrics
{
    /// <summary>Default images per forward pass.</summary>
    public const int DefaultBatchSize = 500;

    /// <summary>Penultimate features [N, FeatureDim] (float32, on the model's device) of images [N, C, H, W].</summary>
    public static Tensor Features(FeatureClassifier model, Tensor images, int batchSize = DefaultBatchSize) =>
        Map(model, images, batchSize, model.Features);

    /// <summary>Class probabilities p(y|x) [N, Classes] (softmax of the logits, float32) of images [N, C, H, W].</summary>
    public static Tensor Probabilities(FeatureClassifier model, Tensor images, int batchSize = DefaultBatchSize) =>
        Map(model, images, batchSize, x => torch.softmax(model.call(x), 1));

    /// <summary>Fraction of images whose most probable class is the label.</summary>
    /// <exception cref="ArgumentException">Labels that are not [N] for N images.</exception>
    public static double Accuracy(FeatureClassifier model, Tensor images, Tensor labels, int batchSize = DefaultBatchSize)
    {
        if (labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException($"Expected one label per image ({images.shape[0]}); got labels of shape " +
                $"[{string.Join(", ", labels.shape)}].", nameof(labels));
        using var scope = torch.NewDisposeScope();
        var predicted = Map(model, images, batchSize, x => model.call(x).argmax(1));         // [N]
        return predicted.eq(labels.to(predicted.device)).to_type(ScalarType.Float64).mean().item<double>();
    }

    /// <summary>
    /// "FID on {model.Name} features": the Fréchet distance between the classifier features of two image sets.
    /// </summary>
    /// <param name="model">The feature network (e.g. from <see cref="FeatureClassifierStore.Load(string, TorchSharp.torch.Device, ClassifierLoadOptions?)"/>).</param>
    /// <param name="realImages">Reference images [N₁, C, H, W] in [-1, 1].</param>
    /// <param name="fakeImages">Generated images [N₂, C, H, W] in [-1, 1].</param>
    /// <param name="log">Receives warnings as they happen (they are also in the result).</param>
    public static FidResult Fid(FeatureClassifier model, Tensor realImages, Tensor fakeImages, TextWriter? log = null)
    {
        using var real = FeatureStatistics(model, realImages);
        return Fid(model, real, fakeImages, log);
    }

    /// <summary>FID of generated images against precomputed real-image statistics (compute those once with
    /// <see cref="FeatureStatistics(FeatureClassifier, Tensor, int)"/>).</summary>
    public static FidResult Fid(FeatureClassifier model, FeatureStatistics realStatistics, Tensor fakeImages,
        TextWriter? log = null)
    {
        using var fake = FeatureStatistics(model, fakeImages);
        return Metrics.Fid.Compute(realStatistics, fake, new FidOptions(Features: FeatureName(model), Log: log));
    }

    /// <summary>μ and Σ of the classifier features of images [N, C, H, W] (float64, on the model's device).</summary>
    public static FeatureStatistics FeatureStatistics(FeatureClassifier model, Tensor images,
        int batchSize = DefaultBatchSize)
    {
        using var features = Features(model, images, batchSize);
        return Metrics.FeatureStatistics.FromFeatures(features, name: $"{model.Name} features");
    }

    /// <summary>The Classifier Score (Inception Score formula on this classifier's p(y|x)) of images [N, C, H, W].</summary>
    public static ClassifierScoreResult ClassifierScore(FeatureClassifier model, Tensor images, int splits = 10)
    {
        using var p = Probabilities(model, images);
        return Metrics.ClassifierScore.Compute(p, model.Name, splits);
    }

    /// <summary>E.g. "Fashion-MNIST classifier features (128-d)".</summary>
    public static string FeatureName(FeatureClassifier model) => $"{model.Name} features ({model.Config.FeatureDim}-d)";

    /// <summary>Runs <paramref name="f"/> on batches of images moved to the model's device, in eval mode without
    /// gradients, and concatenates the results.</summary>
    static Tensor Map(FeatureClassifier model, Tensor images, int batchSize, Func<Tensor, Tensor> f)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Must be at least 1.");
        if (images.dim() == 0 || images.shape[0] == 0)
            throw new ArgumentException("No images to evaluate.", nameof(images));
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = torch.no_grad();
            using var scope = torch.NewDisposeScope();
            var device = model.parameters().First().device;
            var outputs = new List<Tensor>();
            for (long start = 0; start < images.shape[0]; start += batchSize)
            {
                long count = Math.Min(batchSize, images.shape[0] - start);
                outputs.Add(f(images.narrow(0, start, count).to(device)));
            }
            return torch.cat(outputs, 0).MoveToOuterDisposeScope();
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
