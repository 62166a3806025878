using GanNotebooks.Display;
using GanNotebooks.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks;

/// <summary>
/// How every training chapter scores its generators: FID on the classifier's features against the test split, and
/// the Classifier Score, from the same number of samples, beside two rows for scale: real training images (the best a
/// generator can hope for) and uniform noise (the worst). Made once per notebook (the test split's statistics and the
/// two rows take a few seconds); <see cref="Score"/> then scores any generator the same way. Course policy (what is
/// compared with what, how many samples); the measuring is <see cref="GeneratorScores"/>.
/// </summary>
public sealed class QualityCheck : IDisposable
{
    QualityCheck(FeatureClassifier classifier, FeatureStatistics reference, int samples, long seed,
        GeneratorScores real, GeneratorScores noise)
    {
        Classifier = classifier;
        Reference = reference;
        Samples = samples;
        Seed = seed;
        Real = real;
        Noise = noise;
    }

    /// <summary>The feature network.</summary>
    public FeatureClassifier Classifier { get; }

    /// <summary>μ and Σ of the test images' features: what every FID is measured against.</summary>
    public FeatureStatistics Reference { get; }

    /// <summary>Images scored per row (10,000 for the course's bars).</summary>
    public int Samples { get; }

    /// <summary>Seeds the noise every generator is scored on.</summary>
    public long Seed { get; }

    /// <summary>The first <see cref="Samples"/> training images: the best row a generator can reach.</summary>
    public GeneratorScores Real { get; }

    /// <summary>Uniform noise in [-1, 1]: the worst row.</summary>
    public GeneratorScores Noise { get; }

    /// <summary>
    /// Computes the test split's statistics and the real and noise rows.
    /// </summary>
    /// <param name="classifier">The feature network (<see cref="Course.LoadClassifier(string, Device, bool, int, ClassifierLoadOptions?)"/>).</param>
    /// <param name="testImages">The test split [N, C, H, W] in [-1, 1]: the reference.</param>
    /// <param name="trainImages">Training images [M, C, H, W]; the first <paramref name="samples"/> make the real row.</param>
    /// <param name="samples">Images per row (<see cref="QualityBar.Samples"/> for numbers judged against the bars).</param>
    /// <param name="seed">Seeds the noise row and every generator's noise.</param>
    public static QualityCheck Create(FeatureClassifier classifier, Tensor testImages, Tensor trainImages,
        int samples = QualityBar.Samples, long seed = 0)
    {
        if (trainImages.shape[0] < samples)
            throw new ArgumentException($"The real row needs {samples:N0} training images; {trainImages.shape[0]:N0} were given. " +
                "Pass more images or score fewer samples.", nameof(trainImages));
        var reference = ClassifierMetrics.FeatureStatistics(classifier, testImages);
        var real = GeneratorScores.Of("real training images", classifier, reference, trainImages.narrow(0, 0, samples));
        using var generator = new torch.Generator((ulong)seed, torch.CPU);
        using var noiseImages = torch.rand([samples, .. trainImages.shape.Skip(1)], generator: generator) * 2 - 1;
        var noise = GeneratorScores.Of("uniform noise", classifier, reference, noiseImages);
        return new QualityCheck(classifier, reference, samples, seed, real, noise);
    }

    /// <summary>Scores a generator: <paramref name="generate"/> maps noise z [n, latentDim] to images (e.g.
    /// <c>z =&gt; trainer.Sample(z)</c>); the same z for every generator scored here.</summary>
    public GeneratorScores Score(string name, Func<Tensor, Tensor> generate, int latentDim) =>
        GeneratorScores.Measure(name, Classifier, Reference, generate, latentDim, Samples, Seed);

    /// <summary>The given rows between the real row (top) and the noise row (bottom).</summary>
    public Table Table(params GeneratorScores[] rows)
    {
        var table = new Table("images", "FID on classifier features", "Classifier Score", "samples") { NumberFormat = "#,0.##" };
        foreach (var row in rows.Prepend(Real).Append(Noise)) table.Add(row.Name, row.Fid, row.Score, row.Samples);
        return table;
    }

    /// <inheritdoc />
    public void Dispose() => Reference.Dispose();
}
