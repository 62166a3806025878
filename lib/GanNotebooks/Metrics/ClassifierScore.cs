using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Metrics;

/// <summary>
/// Classifier Score: the Inception Score formula (Salimans et al. 2016) applied to the class probabilities p(y|x) of
/// a classifier that we name, e.g. "Fashion-MNIST classifier". It is only "Inception Score" when the classifier is
/// Inception-v3 on ImageNet.
/// </summary>
/// <remarks>
/// IS = exp( E_x KL( p(y|x) ‖ p(y) ) ),  p(y) = E_x p(y|x) (the marginal over the same split).
/// High when each sample is classified confidently (low-entropy p(y|x)) and the classes are used evenly (high-entropy
/// p(y)); between 1 (every sample gets the same prediction) and K (confident, and the K classes used equally).
/// As in the original code, the N samples are cut into <c>splits</c> consecutive parts, the score is computed on each,
/// and the mean and the (population) standard deviation over parts are reported. All in float64, with 0·log 0 = 0.
/// Taught in notebook 07 (metrics).
/// </remarks>
public static class ClassifierScore
{
    /// <summary>Tolerance for rows of probabilities summing to 1.</summary>
    public const double SumTolerance = 1e-4;

    /// <summary>Score from probabilities p(y|x) [N, K] (rows non-negative, summing to 1).</summary>
    /// <param name="probabilities">One row per sample; float32 or float64.</param>
    /// <param name="classifier">The classifier's name, shown in the result, e.g. "Fashion-MNIST classifier".</param>
    /// <param name="splits">Number of parts (default 10, as in the original); each needs at least 1 sample.</param>
    /// <exception cref="ArgumentException">Not [N, K], N &lt; splits, negative/non-finite entries, or rows that do not
    /// sum to 1 (pass logits to <see cref="FromLogits"/> instead).</exception>
    public static ClassifierScoreResult Compute(Tensor probabilities, string classifier, int splits = 10)
    {
        using var scope = torch.NewDisposeScope();
        CheckShape(probabilities, splits);
        var p = probabilities.to_type(ScalarType.Float64);                                    // [N, K]
        if (!p.isfinite().all().item<bool>() || p.lt(0).any().item<bool>())
            throw new ArgumentException("The probabilities have negative, NaN or infinite entries; pass class " +
                "probabilities (softmax output), or logits to ClassifierScore.FromLogits.", nameof(probabilities));
        double worst = (p.sum(1) - 1).abs().max().item<double>();
        if (worst > SumTolerance)
            throw new ArgumentException($"A row of probabilities sums to 1 ± {worst:G3} (tolerance {SumTolerance}): " +
                "these look like logits or unnormalised scores; use ClassifierScore.FromLogits.", nameof(probabilities));
        return Score(p, classifier, splits);
    }

    /// <summary>Score from logits [N, K]: p(y|x) = softmax(logits) in float64, then as <see cref="Compute"/>.</summary>
    /// <exception cref="ArgumentException">Not [N, K], N &lt; splits, or non-finite logits.</exception>
    public static ClassifierScoreResult FromLogits(Tensor logits, string classifier, int splits = 10)
    {
        using var scope = torch.NewDisposeScope();
        CheckShape(logits, splits);
        var z = logits.to_type(ScalarType.Float64);
        if (!z.isfinite().all().item<bool>())
            throw new ArgumentException("The logits have NaN or infinite entries; if they come from generated images, " +
                "the generator has probably diverged.", nameof(logits));
        return Score(torch.softmax(z, 1), classifier, splits);
    }

    static ClassifierScoreResult Score(Tensor p, string classifier, int splits)
    {
        long n = p.shape[0];
        var scores = new double[splits];
        for (int i = 0; i < splits; i++)
        {
            long start = i * n / splits, end = (i + 1) * n / splits;                             // as the original
            var part = p[TensorIndex.Slice(start, end)];                                         // [n_i, K]
            var marginal = part.mean(new long[] { 0 }, keepdim: true);                           // p(y), [1, K]
            var logRatio = part.log() - marginal.log();
            var kl = torch.where(part == 0, torch.zeros_like(part), part * logRatio).sum(1);    // [n_i]
            scores[i] = Math.Exp(kl.mean().item<double>());
        }
        double mean = scores.Average();
        double std = Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / splits);              // population std
        return new ClassifierScoreResult(mean, std, scores, n, (int)p.shape[1], classifier);
    }

    static void CheckShape(Tensor t, int splits)
    {
        if (t.dim() != 2 || t.shape[1] < 1)
            throw new ArgumentException($"Expected class scores [N, K] (one row per sample); got shape " +
                $"[{FeatureStatistics.Shape(t)}].");
        if (splits < 1)
            throw new ArgumentOutOfRangeException(nameof(splits), splits, "splits must be at least 1.");
        if (t.shape[0] < splits)
            throw new ArgumentException($"{t.shape[0]} samples cannot be cut into {splits} splits; use more samples " +
                "(thousands) or fewer splits.");
    }
}

/// <summary>A Classifier Score: mean and standard deviation over splits, and which classifier produced it. Taught in notebook 07.</summary>
/// <param name="Mean">Mean of the per-split scores; in [1, K].</param>
/// <param name="Std">Population standard deviation of the per-split scores.</param>
/// <param name="PerSplit">The score of each split.</param>
/// <param name="Count">N, samples scored.</param>
/// <param name="Classes">K, the number of classes.</param>
/// <param name="Classifier">The classifier whose p(y|x) was used.</param>
public sealed record ClassifierScoreResult(double Mean, double Std, IReadOnlyList<double> PerSplit, long Count,
    int Classes, string Classifier)
{
    /// <summary>"Classifier Score (IS formula on {Classifier} p(y|x)): mean ± std".</summary>
    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "Classifier Score (IS formula on {0} p(y|x)): {1:F4} ± {2:F4}  (N = {3}, {4} splits, max {5})",
        Classifier, Mean, Std, Count, PerSplit.Count, Classes);
}
