using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Metrics;

/// <summary>
/// How good a generator's samples are through one classifier: FID on its features against a reference set's
/// statistics, and the Classifier Score of its p(y|x), both from the same <see cref="Samples"/> images. Taught in
/// notebook 07; every training notebook ends with one (see <see cref="Measure"/>).
/// </summary>
/// <param name="Name">What was scored, e.g. "DCGAN, 10 epochs" or "real training images".</param>
/// <param name="Fid">FID on the classifier's features against the reference statistics (lower is better).</param>
/// <param name="Score">Classifier Score (Inception Score formula; higher is better, at most the number of classes).</param>
/// <param name="ScoreStd">Standard deviation of the score over its splits.</param>
/// <param name="Samples">Images scored.</param>
/// <param name="Features">The feature space, e.g. "Fashion-MNIST classifier features (128-d)".</param>
public sealed record GeneratorScores(string Name, double Fid, double Score, double ScoreStd, long Samples, string Features)
{
    /// <summary>Images per generator call in <see cref="Measure"/>.</summary>
    public const int BatchSize = 500;

    /// <summary>
    /// Scores <paramref name="samples"/> images drawn from <paramref name="generate"/> (z [n, latentDim] → images
    /// [n, C, H, W] in [-1, 1], e.g. <c>z =&gt; trainer.Sample(z)</c>). The noise comes from its own generator seeded
    /// with <paramref name="seed"/> (<see cref="Models.Latent.FixedNoise"/>), so the same weights get the same score and
    /// the caller's random state is untouched.
    /// </summary>
    /// <param name="name">What is scored (the row's name).</param>
    /// <param name="classifier">The feature network.</param>
    /// <param name="reference">Statistics of the reference images' features (e.g. the test split's).</param>
    /// <param name="generate">Draws images from noise; called with at most <see cref="BatchSize"/> rows at a time.</param>
    /// <param name="latentDim">Length of z.</param>
    /// <param name="samples">How many images (10,000 for the course's numbers; fewer give a larger FID).</param>
    /// <param name="seed">Seeds the noise.</param>
    public static GeneratorScores Measure(string name, FeatureClassifier classifier, FeatureStatistics reference,
        Func<Tensor, Tensor> generate, int latentDim, int samples = 10_000, long seed = 0)
    {
        if (samples < 2) throw new ArgumentOutOfRangeException(nameof(samples), samples, "Score at least 2 samples (10,000 for numbers comparable with the course's).");
        var device = classifier.parameters().First().device;
        using var scope = torch.NewDisposeScope();
        var parts = new List<Tensor>();
        using (torch.no_grad())
        {
            for (int start = 0, batch = 0; start < samples; start += BatchSize, batch++)
            {
                int n = Math.Min(BatchSize, samples - start);
                var z = Models.Latent.FixedNoise(n, latentDim, device, seed * 1_000_003 + batch);   // [n, Z]
                parts.Add(generate(z).to(device));                                                // [n, C, H, W]
            }
        }
        var images = torch.cat(parts, 0);                                                         // [samples, C, H, W]
        return Of(name, classifier, reference, images);
    }

    /// <summary>Scores given images [N, C, H, W] in [-1, 1] (real images, noise, or samples drawn elsewhere).</summary>
    public static GeneratorScores Of(string name, FeatureClassifier classifier, FeatureStatistics reference, Tensor images)
    {
        var fid = ClassifierMetrics.Fid(classifier, reference, images);
        var score = ClassifierMetrics.ClassifierScore(classifier, images);
        return new GeneratorScores(name, fid.Value, score.Mean, score.Std, images.shape[0], fid.Features);
    }

    /// <summary>E.g. "DCGAN: FID 38.6, Classifier Score 6.83 ± 0.05 (10,000 samples)".</summary>
    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "{0}: FID {1:F1}, Classifier Score {2:F2} ± {3:F2} ({4:N0} samples)", Name, Fid, Score, ScoreStd, Samples);
}
