using MathNet.Numerics.LinearAlgebra;
using static GanNotebooks.Exercises.Exercise;
using static TorchSharp.torch;

namespace GanNotebooks.Exercises;

/// <summary>The checks of notebook 07 (FID and the classifier score), on 2-D statistics and hand-sized probabilities.</summary>
public static class Ch07
{
    /// <summary>
    /// Exercise 7.1: FID = ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^½) from means and covariances, for two 2-D cases: diagonal
    /// covariances (FID = 7 by hand), and Σ₁ = [[2, 1], [1, 2]], Σ₂ = diag(1, 4), which do not commute, so that
    /// Tr(Σ₁^½ Σ₂^½) differs from Tr (Σ₁Σ₂)^½. The expected trace uses Tr √M = √(tr M + 2√det M) for a 2×2 M with
    /// non-negative eigenvalues.
    /// </summary>
    /// <param name="fid">The student's <c>double Fid(Vector&lt;double&gt; mu1, Matrix&lt;double&gt; sigma1, Vector&lt;double&gt; mu2, Matrix&lt;double&gt; sigma2)</c>.</param>
    public static string CheckFid(Func<Vector<double>, Matrix<double>, Vector<double>, Matrix<double>, double> fid)
    {
        const string id = "7.1";
        var m = Matrix<double>.Build;
        var v = Vector<double>.Build;
        var cases = new[]
        {
            (Mu1: v.Dense([0.0, 0.0]), S1: m.DenseOfArray(new double[,] { { 1, 0 }, { 0, 4 } }),
             Mu2: v.Dense([1.0, 2.0]), S2: m.DenseOfArray(new double[,] { { 4, 0 }, { 0, 1 } }), Name: "μ₁ = [0, 0], Σ₁ = diag(1, 4), μ₂ = [1, 2], Σ₂ = diag(4, 1)"),
            (Mu1: v.Dense([1.0, 0.0]), S1: m.DenseOfArray(new double[,] { { 2, 1 }, { 1, 2 } }),
             Mu2: v.Dense([0.0, 0.0]), S2: m.DenseOfArray(new double[,] { { 1, 0 }, { 0, 4 } }), Name: "μ₁ = [1, 0], Σ₁ = [[2, 1], [1, 2]], μ₂ = [0, 0], Σ₂ = diag(1, 4)"),
        };
        foreach (var c in cases)
        {
            double actual = Call(id, () => fid(c.Mu1.Clone(), c.S1.Clone(), c.Mu2.Clone(), c.S2.Clone()));
            var product = c.S1 * c.S2;
            double traceSqrt = Math.Sqrt(product.Trace() + 2 * Math.Sqrt(product.Determinant()));
            double meanTerm = (c.Mu1 - c.Mu2).DotProduct(c.Mu1 - c.Mu2);
            double traces = c.S1.Trace() + c.S2.Trace();
            double expected = meanTerm + traces - 2 * traceSqrt;
            Expect(id, $"your FID for {c.Name}", actual, expected,
                new(Math.Sqrt(meanTerm) + traces - 2 * traceSqrt, "the mean term is the squared distance ‖μ₁ − μ₂‖², not the distance."),
                new(meanTerm + traces - traceSqrt, "did you drop the 2 in front of Tr (Σ₁Σ₂)^½?"),
                new(meanTerm + traces - 2 * (Sqrt2x2(c.S1) * Sqrt2x2(c.S2)).Trace(),
                    "(Σ₁Σ₂)^½ is not Σ₁^½ Σ₂^½ unless the two commute; take the root of the product (Σ₁^½ Σ₂ Σ₁^½ has the same eigenvalues)."),
                new(meanTerm + traces + 2 * traceSqrt, "wrong sign: the cross term is subtracted."));
        }
        return Correct(id, "both cases");
    }

    /// <summary>
    /// Exercise 7.2: the classifier score exp(mean_x KL(p(y|x) ‖ p(y))), p(y) the mean of the rows, on perfectly sharp
    /// predictions over 2 of 2 classes (score 2, with zero probabilities: 0 · log 0 counts as 0), and on three soft rows.
    /// </summary>
    /// <param name="classifierScore">The student's <c>double ClassifierScore(Tensor probs)</c>, probs [N, K] with rows that sum to 1.</param>
    public static string CheckClassifierScore(Func<Tensor, double> classifierScore)
    {
        const string id = "7.2";
        double[][][] cases = [[[1, 0], [0, 1], [1, 0], [0, 1]], [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4]]];
        foreach (var rows in cases)
        {
            using var scope = NewDisposeScope();
            double actual = Call(id, () => classifierScore(T(rows.SelectMany(r => r).ToArray()).reshape(rows.Length, rows[0].Length)));
            double[] py = Enumerable.Range(0, rows[0].Length).Select(k => rows.Average(r => r[k])).ToArray();
            double[] kl = rows.Select(r => Kl(r, py)).ToArray();
            double expected = Math.Exp(kl.Average());
            string what = $"your score for p(y|x) = [{string.Join(", ", rows.Select(r => Format(r)))}]";
            if (double.IsNaN(actual))
                throw Wrong(id, $"{what} is NaN — a term with p(y|x) = 0 contributes 0 (0 · log 0 = 0); skip it or mask it instead of computing 0 · (−∞).");
            Expect(id, what, actual, expected,
                new(kl.Average(), "did you forget the exp? The score is exp of the mean KL."),
                new(kl.Average(Math.Exp), "take exp of the mean KL, not the mean of exp(KL)."),
                new(Math.Exp(rows.Average(r => Kl(py, r))), "the KL is the wrong way round: KL(p(y|x) ‖ p(y)), the sample's prediction first."),
                new(Math.Exp(-py.Where(p => p > 0).Sum(p => p * Math.Log(p))), "exp(H(y)) rewards diversity only; subtract the mean entropy of p(y|x) too (that is what the KL does)."));
        }
        return Correct(id, "both cases");
    }

    static double Kl(double[] p, double[] q) =>
        p.Zip(q).Where(t => t.First > 0).Sum(t => t.Second > 0 ? t.First * Math.Log(t.First / t.Second) : double.PositiveInfinity);

    static Matrix<double> Sqrt2x2(Matrix<double> a)
    {
        var evd = a.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var root = Matrix<double>.Build.DiagonalOfDiagonalVector(evd.EigenValues.Map(l => Math.Sqrt(Math.Max(l.Real, 0))));
        return evd.EigenVectors * root * evd.EigenVectors.Transpose();
    }
}
