using MathNet.Numerics.LinearAlgebra;

namespace GanNotebooks.Metrics;

/// <summary>
/// The same Fréchet distance as <see cref="Fid"/>, written step by step with MathNet.Numerics on the CPU, for teaching
/// (notebook 07). Every step is a public method so a notebook can show its intermediate result. Fine for D up to a
/// few hundred; use <see cref="Fid"/> for real feature sizes (it is much faster and runs on the GPU).
/// Taught in notebook 07.
/// </summary>
/// <remarks>
/// 1. μ = mean of the rows;  Σ = (X − μ)ᵀ(X − μ) / (N − 1).
/// 2. √Σ₁ from the symmetric eigendecomposition Σ₁ = V diag(w) Vᵀ:  √Σ₁ = V diag(√max(w, 0)) Vᵀ.
/// 3. M = √Σ₁ Σ₂ √Σ₁ is symmetric PSD with the same eigenvalues as Σ₁Σ₂, so tr √(Σ₁Σ₂) = Σᵢ √λᵢ(M).
/// 4. FID = ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2 tr √(Σ₁Σ₂).
/// <see cref="SqrtPsdSvd"/> shows the same square root from an SVD (for a symmetric PSD matrix, U = V and the singular
/// values are the eigenvalues).
/// </remarks>
public static class FidMathNet
{
    /// <summary>Step 1a: μ, the mean of the rows of X [N, D].</summary>
    public static Vector<double> Mean(Matrix<double> x)
    {
        if (x.RowCount < 1) throw new ArgumentException("X has no rows.", nameof(x));
        return x.ColumnSums() / x.RowCount;
    }

    /// <summary>Step 1b: Σ = (X − μ)ᵀ(X − μ) / (N − 1), the unbiased covariance of the rows of X [N, D].</summary>
    public static Matrix<double> Covariance(Matrix<double> x, Vector<double> mean)
    {
        if (x.RowCount < 2)
            throw new ArgumentException($"X has {x.RowCount} row(s); a covariance needs at least 2.", nameof(x));
        var xc = x - Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (_, j) => mean[j]);   // [N, D] centred
        return xc.TransposeThisAndMultiply(xc) / (x.RowCount - 1);                                 // [D, D]
    }

    /// <summary>Step 2: √A of a symmetric positive semi-definite A by eigendecomposition, negative eigenvalues (round-off)
    /// clamped to 0.</summary>
    public static Matrix<double> SqrtPsd(Matrix<double> a)
    {
        var evd = a.Evd(Symmetricity.Symmetric);                             // A = V diag(w) Vᵀ
        var sqrtW = evd.EigenValues.Map(l => Math.Sqrt(Math.Max(l.Real, 0)));
        var v = evd.EigenVectors;
        return v * Matrix<double>.Build.DiagonalOfDiagonalVector(sqrtW) * v.Transpose();
    }

    /// <summary>Step 2, another way: √A from the SVD A = U diag(s) Vᵀ; for symmetric PSD A this is U diag(√s) Uᵀ.</summary>
    public static Matrix<double> SqrtPsdSvd(Matrix<double> a)
    {
        var svd = a.Svd(computeVectors: true);
        var sqrtS = svd.S.Map(Math.Sqrt);
        return svd.U * Matrix<double>.Build.DiagonalOfDiagonalVector(sqrtS) * svd.U.Transpose();
    }

    /// <summary>Step 3: tr √(Σ₁Σ₂) = Σᵢ √λᵢ(√Σ₁ Σ₂ √Σ₁).</summary>
    public static double TraceSqrtProduct(Matrix<double> sigma1, Matrix<double> sigma2)
    {
        var a = SqrtPsd(sigma1);
        var m = a * sigma2 * a;
        m = (m + m.Transpose()) / 2;                                         // exactly symmetric
        var lambda = m.Evd(Symmetricity.Symmetric).EigenValues;
        return lambda.Sum(l => Math.Sqrt(Math.Max(l.Real, 0)));
    }

    /// <summary>Step 4: FID from the statistics (μ₁, Σ₁) and (μ₂, Σ₂), with its parts.</summary>
    public static FidResult Compute(Vector<double> mu1, Matrix<double> sigma1, long count1,
        Vector<double> mu2, Matrix<double> sigma2, long count2, string features = "features")
    {
        if (mu1.Count != mu2.Count || sigma1.RowCount != mu1.Count || sigma2.RowCount != mu2.Count)
            throw new ArgumentException($"Dimensions do not match: μ1 [{mu1.Count}], Σ1 [{sigma1.RowCount}, " +
                $"{sigma1.ColumnCount}], μ2 [{mu2.Count}], Σ2 [{sigma2.RowCount}, {sigma2.ColumnCount}].");
        double meanTerm = (mu1 - mu2).DotProduct(mu1 - mu2);                 // ‖μ₁ − μ₂‖²
        double trace1 = sigma1.Trace(), trace2 = sigma2.Trace();
        double cross = 2 * TraceSqrtProduct(sigma1, sigma2);
        return new FidResult(meanTerm + trace1 + trace2 - cross, meanTerm, trace1, trace2, cross,
            count1, count2, mu1.Count, features, Array.Empty<string>());
    }

    /// <summary>FID between two feature matrices X₁ [N₁, D] and X₂ [N₂, D]: steps 1–4.</summary>
    public static FidResult Compute(Matrix<double> x1, Matrix<double> x2, string features = "features")
    {
        if (x1.ColumnCount != x2.ColumnCount)
            throw new ArgumentException($"The two feature sets have different dimensions (D1 = {x1.ColumnCount}, " +
                $"D2 = {x2.ColumnCount}).");
        var mu1 = Mean(x1);
        var mu2 = Mean(x2);
        return Compute(mu1, Covariance(x1, mu1), x1.RowCount, mu2, Covariance(x2, mu2), x2.RowCount, features);
    }
}
