using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Metrics;

/// <summary>
/// Entropy, cross-entropy, KL divergence and binary cross-entropy: on <c>double[]</c> for teaching (one distribution,
/// every number visible) and on tensors for batches (one distribution per row, along the last dimension).
/// Taught in notebook 08 (entropy, cross-entropy, KL); used by the Classifier Score of notebook 07.
/// </summary>
/// <remarks>
/// Conventions: 0 · log 0 = 0 (an outcome with probability 0 contributes nothing); a term p · log q with p &gt; 0 and
/// q = 0 is +∞ (q rules out something that happens), which is returned as such, not hidden.
/// The log base is a parameter: <see cref="Nats"/> (e, the default) or <see cref="Bits"/> (2).
/// </remarks>
public static class Information
{
    /// <summary>Log base e: results in nats (the default).</summary>
    public const double Nats = Math.E;

    /// <summary>Log base 2: results in bits.</summary>
    public const double Bits = 2.0;

    /// <summary>Default clamping for <see cref="BinaryCrossEntropy(double[], double[], double, double)"/>: predictions are
    /// clamped into [eps, 1 − eps] so that a prediction of exactly 0 or 1 gives a large finite loss, not ∞.</summary>
    public const double DefaultBceEps = 1e-7;

    /// <summary>Tolerance for "sums to 1" checks of distributions.</summary>
    public const double SumTolerance = 1e-6;

    /// <summary>Entropy H(p) = −Σᵢ pᵢ log pᵢ.</summary>
    /// <exception cref="ArgumentException">p is empty, has a negative or non-finite entry, or does not sum to 1.</exception>
    public static double Entropy(double[] p, double logBase = Nats)
    {
        CheckDistribution(p, nameof(p));
        double h = 0;
        foreach (double pi in p) if (pi > 0) h -= pi * Math.Log(pi);
        return h / LogOf(logBase);
    }

    /// <summary>Cross-entropy H(p, q) = −Σᵢ pᵢ log qᵢ = H(p) + KL(p ‖ q).</summary>
    /// <exception cref="ArgumentException">Lengths differ, or p or q is not a distribution.</exception>
    public static double CrossEntropy(double[] p, double[] q, double logBase = Nats)
    {
        CheckPair(p, q);
        double h = 0;
        for (int i = 0; i < p.Length; i++)
            if (p[i] > 0) h -= q[i] > 0 ? p[i] * Math.Log(q[i]) : double.NegativeInfinity;
        return h / LogOf(logBase);
    }

    /// <summary>Kullback–Leibler divergence KL(p ‖ q) = Σᵢ pᵢ log(pᵢ / qᵢ) ≥ 0, zero only when p = q.</summary>
    /// <exception cref="ArgumentException">Lengths differ, or p or q is not a distribution.</exception>
    public static double KlDivergence(double[] p, double[] q, double logBase = Nats)
    {
        CheckPair(p, q);
        double kl = 0;
        for (int i = 0; i < p.Length; i++)
            if (p[i] > 0) kl += q[i] > 0 ? p[i] * Math.Log(p[i] / q[i]) : double.PositiveInfinity;
        return kl / LogOf(logBase);
    }

    /// <summary>
    /// Binary cross-entropy, mean over samples: −(1/N) Σₙ [yₙ log pₙ + (1 − yₙ) log(1 − pₙ)].
    /// </summary>
    /// <param name="labels">Targets yₙ in [0, 1] (usually 0 or 1).</param>
    /// <param name="predictions">Predicted probabilities pₙ = P(y = 1); clamped into [eps, 1 − eps] before the log.</param>
    /// <param name="eps">Clamping, <see cref="DefaultBceEps"/> by default (the loss per sample is then at most
    /// −log eps ≈ 16.1 nats); 0 gives the exact formula, with ∞ for a confident wrong prediction.</param>
    /// <param name="logBase">Log base: <see cref="Nats"/> or <see cref="Bits"/>.</param>
    /// <exception cref="ArgumentException">Lengths differ or are 0, or a value is outside [0, 1] or not finite.</exception>
    public static double BinaryCrossEntropy(double[] labels, double[] predictions, double eps = DefaultBceEps,
        double logBase = Nats)
    {
        CheckBce(labels, predictions, eps);
        double sum = 0;
        for (int n = 0; n < labels.Length; n++)
        {
            double p = Math.Clamp(predictions[n], eps, 1 - eps);
            sum -= Term(labels[n], p) + Term(1 - labels[n], 1 - p);
        }
        return sum / labels.Length / LogOf(logBase);
    }

    /// <summary>Row-wise entropy of a batch of distributions [..., K] → [...], in float64.</summary>
    /// <exception cref="ArgumentException">Negative or non-finite entries, or rows that do not sum to 1.</exception>
    public static Tensor Entropy(Tensor p, double logBase = Nats)
    {
        using var scope = NewDisposeScope();
        var p64 = CheckDistribution(p, nameof(p));
        return (-XLogY(p64, p64).sum(-1) / LogOf(logBase)).MoveToOuterDisposeScope();
    }

    /// <summary>Row-wise cross-entropy H(p, q) of two batches [..., K] → [...], in float64.</summary>
    /// <exception cref="ArgumentException">Shapes differ, or rows that are not distributions.</exception>
    public static Tensor CrossEntropy(Tensor p, Tensor q, double logBase = Nats)
    {
        using var scope = NewDisposeScope();
        var (p64, q64) = CheckPair(p, q);
        return (-XLogY(p64, q64).sum(-1) / LogOf(logBase)).MoveToOuterDisposeScope();
    }

    /// <summary>Row-wise KL(p ‖ q) of two batches [..., K] → [...], in float64.</summary>
    /// <exception cref="ArgumentException">Shapes differ, or rows that are not distributions.</exception>
    public static Tensor KlDivergence(Tensor p, Tensor q, double logBase = Nats)
    {
        using var scope = NewDisposeScope();
        var (p64, q64) = CheckPair(p, q);
        return ((XLogY(p64, p64) - XLogY(p64, q64)).sum(-1) / LogOf(logBase)).MoveToOuterDisposeScope();
    }

    /// <summary>Binary cross-entropy, mean over all elements, of labels and predictions of the same shape (float64
    /// scalar). Same formula and clamping as <see cref="BinaryCrossEntropy(double[], double[], double, double)"/>.</summary>
    /// <exception cref="ArgumentException">Shapes differ, are empty, or values are outside [0, 1] or not finite.</exception>
    public static Tensor BinaryCrossEntropy(Tensor labels, Tensor predictions, double eps = DefaultBceEps,
        double logBase = Nats)
    {
        using var scope = NewDisposeScope();
        if (!labels.shape.SequenceEqual(predictions.shape) || labels.numel() == 0)
            throw new ArgumentException($"Binary cross-entropy needs labels and predictions of the same non-empty shape; " +
                $"got [{string.Join(", ", labels.shape)}] and [{string.Join(", ", predictions.shape)}].");
        var y = InUnitInterval(labels, nameof(labels));
        var p = InUnitInterval(predictions, nameof(predictions)).clamp(eps, 1 - eps);
        var loss = -(XLogY(y, p) + XLogY(1 - y, 1 - p)).mean();
        return (loss / LogOf(logBase)).MoveToOuterDisposeScope();
    }

    /// <summary>x · log y with 0 · log y = 0 (also for y = 0), elementwise.</summary>
    static Tensor XLogY(Tensor x, Tensor y) => torch.where(x == 0, torch.zeros_like(x), x * y.log());

    static double Term(double y, double p) => y == 0 ? 0 : y * Math.Log(p);

    static double LogOf(double logBase) => logBase > 0 && logBase != 1 && double.IsFinite(logBase)
        ? Math.Log(logBase)
        : throw new ArgumentOutOfRangeException(nameof(logBase), logBase,
            "The log base must be positive, finite and not 1: use Information.Nats (e) or Information.Bits (2).");

    static void CheckDistribution(double[] p, string name)
    {
        if (p.Length == 0) throw new ArgumentException("A distribution needs at least one probability; got none.", name);
        for (int i = 0; i < p.Length; i++)
            if (!(p[i] >= 0) || double.IsInfinity(p[i]))
                throw new ArgumentException($"{name}[{i}] = {p[i]}: probabilities must be finite and ≥ 0.", name);
        double sum = p.Sum();
        if (Math.Abs(sum - 1) > SumTolerance)
            throw new ArgumentException($"{name} sums to {sum}, not 1 (tolerance {SumTolerance}): normalise it first " +
                "(divide by its sum), or use softmax if these are logits.", name);
    }

    static void CheckPair(double[] p, double[] q)
    {
        if (p.Length != q.Length)
            throw new ArgumentException($"p and q must have the same length; got {p.Length} and {q.Length}.");
        CheckDistribution(p, nameof(p));
        CheckDistribution(q, nameof(q));
    }

    static void CheckBce(double[] labels, double[] predictions, double eps)
    {
        if (labels.Length != predictions.Length || labels.Length == 0)
            throw new ArgumentException("Binary cross-entropy needs labels and predictions of the same non-zero length; " +
                $"got {labels.Length} and {predictions.Length}.");
        if (!(eps >= 0 && eps < 0.5))
            throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be in [0, 0.5).");
        for (int n = 0; n < labels.Length; n++)
        {
            if (!(labels[n] >= 0 && labels[n] <= 1))
                throw new ArgumentException($"labels[{n}] = {labels[n]} is outside [0, 1].", nameof(labels));
            if (!(predictions[n] >= 0 && predictions[n] <= 1))
                throw new ArgumentException($"predictions[{n}] = {predictions[n]} is outside [0, 1]: BCE takes " +
                    "probabilities; apply a sigmoid to logits first.", nameof(predictions));
        }
    }

    static Tensor CheckDistribution(Tensor p, string name)
    {
        if (p.dim() == 0 || p.shape[^1] == 0)
            throw new ArgumentException($"{name} must have a non-empty last dimension (the classes); " +
                $"got shape [{string.Join(", ", p.shape)}].", name);
        var p64 = p.to_type(ScalarType.Float64);
        if (!p64.isfinite().all().item<bool>() || p64.lt(0).any().item<bool>())
            throw new ArgumentException($"{name} has a negative or non-finite entry: probabilities must be finite and ≥ 0.", name);
        double worst = (p64.sum(-1) - 1).abs().max().item<double>();
        if (worst > SumTolerance)
            throw new ArgumentException($"A row of {name} sums to 1 ± {worst:G3}, more than the tolerance {SumTolerance}: " +
                "normalise the rows, or apply softmax if these are logits.", name);
        return p64;
    }

    static (Tensor p, Tensor q) CheckPair(Tensor p, Tensor q)
    {
        if (!p.shape.SequenceEqual(q.shape))
            throw new ArgumentException($"p and q must have the same shape; got [{string.Join(", ", p.shape)}] and " +
                $"[{string.Join(", ", q.shape)}].");
        return (CheckDistribution(p, nameof(p)), CheckDistribution(q, nameof(q)));
    }

    static Tensor InUnitInterval(Tensor t, string name)
    {
        var t64 = t.to_type(ScalarType.Float64);
        if (!(t64.ge(0) & t64.le(1)).all().item<bool>())
            throw new ArgumentException($"{name} has values outside [0, 1] (or NaN).", name);
        return t64;
    }
}
