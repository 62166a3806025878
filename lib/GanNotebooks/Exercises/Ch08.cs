using static GanNotebooks.Exercises.Exercise;

namespace GanNotebooks.Exercises;

/// <summary>The checks of notebook 08 (entropy): cross-entropy, KL and binary cross-entropy, in nats.</summary>
public static class Ch08
{
    /// <summary>Exercise 8.1: H(p, q) = −Σ pᵢ ln qᵢ for p = [0.7, 0.2, 0.1], q = [0.2, 0.5, 0.3].</summary>
    /// <param name="crossEntropy">The student's <c>double CrossEntropy(double[] p, double[] q)</c>.</param>
    public static string CheckCrossEntropy(Func<double[], double[], double> crossEntropy)
    {
        const string id = "8.1";
        double[] p = [0.7, 0.2, 0.1], q = [0.2, 0.5, 0.3];
        double actual = Call(id, () => crossEntropy((double[])p.Clone(), (double[])q.Clone()));
        double H(double[] a, double[] b) => -a.Zip(b).Sum(t => t.First * Math.Log(t.Second));
        double expected = H(p, q);
        Expect(id, $"your H(p, q) for p = {Format(p)}, q = {Format(q)}", actual, expected,
            new(H(q, p), "p and q are swapped: H(p, q) weighs the surprise −ln q by the true distribution p."),
            new(expected / Math.Log(2), "that is in bits (log₂); the check wants nats (Math.Log)."),
            new(-expected, "wrong sign: −Σ p ln q is positive."),
            new(H(p, p), "that is the entropy H(p); the cross-entropy takes the log of q."));
        return Correct(id);
    }

    /// <summary>
    /// Exercise 8.2: KL(p ‖ q) = Σ pᵢ ln(pᵢ/qᵢ), with terms where pᵢ = 0 counting 0: for p = [0.5, 0.5, 0],
    /// q = [0.25, 0.25, 0.5] (KL = ln 2, and KL(q ‖ p) = ∞), and p = [0.7, 0.2, 0.1], q = [0.2, 0.5, 0.3].
    /// </summary>
    /// <param name="klDivergence">The student's <c>double KlDivergence(double[] p, double[] q)</c>.</param>
    public static string CheckKlDivergence(Func<double[], double[], double> klDivergence)
    {
        const string id = "8.2";
        foreach (var (p, q) in new (double[], double[])[] { ([0.5, 0.5, 0], [0.25, 0.25, 0.5]), ([0.7, 0.2, 0.1], [0.2, 0.5, 0.3]) })
        {
            double actual = Call(id, () => klDivergence((double[])p.Clone(), (double[])q.Clone()));
            double Kl(double[] a, double[] b) => a.Zip(b).Where(t => t.First > 0)
                .Sum(t => t.Second > 0 ? t.First * Math.Log(t.First / t.Second) : double.PositiveInfinity);
            double expected = Kl(p, q);
            string what = $"your KL(p ‖ q) for p = {Format(p)}, q = {Format(q)}";
            if (double.IsNaN(actual))
                throw Wrong(id, $"{what} is NaN — a term with pᵢ = 0 contributes 0 (0 · ln 0 = 0); skip it.");
            Expect(id, what, actual, expected,
                new(Kl(q, p), "that is KL(q ‖ p): KL is not symmetric; weigh ln(p/q) by p."),
                new(expected / Math.Log(2), "that is in bits (log₂); the check wants nats (Math.Log)."),
                new(-expected, "wrong sign: Σ p ln(p/q) is never negative."));
        }
        return Correct(id, "both cases");
    }

    /// <summary>
    /// Exercise 8.3: binary cross-entropy −mean[y ln p̂ + (1 − y) ln(1 − p̂)] for labels [1, 0, 1, 0] and predictions
    /// [0.9, 0.2, 0.6, 0.4].
    /// </summary>
    /// <param name="binaryCrossEntropy">The student's <c>double BinaryCrossEntropy(double[] labels, double[] predictions)</c>.</param>
    public static string CheckBinaryCrossEntropy(Func<double[], double[], double> binaryCrossEntropy)
    {
        const string id = "8.3";
        double[] y = [1, 0, 1, 0], p = [0.9, 0.2, 0.6, 0.4];
        double actual = Call(id, () => binaryCrossEntropy((double[])y.Clone(), (double[])p.Clone()));
        double[] terms = y.Zip(p, (yi, pi) => -(yi * Math.Log(pi) + (1 - yi) * Math.Log(1 - pi))).ToArray();
        double expected = terms.Average();
        Expect(id, $"your BCE for labels {Format(y)} and predictions {Format(p)}", actual, expected,
            new(terms.Sum(), "did you sum over the samples instead of taking the mean?"),
            new(-y.Zip(p, (yi, pi) => yi * Math.Log(pi)).Average(), "did you drop the (1 − y) ln(1 − p̂) term? The negatives count too."),
            new(-expected, "wrong sign: −ln of a probability is positive."),
            new(expected / Math.Log(2), "that is in bits (log₂); the check wants nats (Math.Log)."));
        return Correct(id);
    }
}
