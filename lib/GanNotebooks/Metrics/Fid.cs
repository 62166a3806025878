using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Metrics;

/// <summary>
/// Fréchet distance between two feature sets, each summarised as a Gaussian N(μ, Σ) (Heusel et al. 2017, "GANs
/// trained by a two time-scale update rule converge to a local Nash equilibrium"). Computed in float64 on the
/// features' device (GPU if they are there), by a Cholesky factor of Σ₁ and a symmetric eigenvalue problem.
/// </summary>
/// <remarks>
/// FID = ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2 tr √(Σ₁Σ₂).
///
/// The trace term without a non-symmetric matrix square root: factor Σ₁ = B Bᵀ with a square B. Then
/// Σ₁Σ₂ = B·(BᵀΣ₂) and M = BᵀΣ₂B = (BᵀΣ₂)·B have the same eigenvalues (XY and YX always do). M is symmetric positive
/// semi-definite, so its eigenvalues λᵢ are real and ≥ 0, and tr √(Σ₁Σ₂) = Σᵢ √max(λᵢ, 0), with λ from eigvalsh of
/// M symmetrised as (M + Mᵀ)/2. Two factorizations give B:
/// (1) Cholesky, Σ₁ = L Lᵀ, B = L (cholesky_ex, accepted when info = 0 and the smallest pivot is not at round-off
/// level): about 1/3 D³ flops instead of eigh-with-vectors' ~9 D³; the usual case, Σ₁ positive definite (N > D).
/// (2) Fallback when Σ₁ is singular or not positive definite (e.g. N ≤ D, or a "covariance" that is not PSD):
/// eigh, Σ₁ = V diag(w) Vᵀ, B = V diag(√w) with tiny negative w clamped to 0 (then M = Vᵀ (√Σ₁ Σ₂ √Σ₁) V).
///
/// pytorch-fid computes √(Σ₁Σ₂) with scipy.linalg.sqrtm, a Schur-decomposition method for general matrices: round-off
/// makes Σ₁Σ₂ slightly non-normal and the result slightly complex, so pytorch-fid drops imaginary parts and raises an
/// error if a diagonal imaginary part exceeds 1e-3. That check has nothing to test here: eigh of a symmetric matrix
/// returns real eigenvalues by construction. The failure it guards against shows up instead as negative eigenvalues;
/// we clamp them to 0, silently when they are round-off (relative size below
/// <see cref="FidOptions.NegativeEigenvalueTolerance"/>), otherwise with a warning. pytorch-fid's other safeguard is
/// kept: if the result is not finite, εI (ε = 1e-6) is added to both covariances and the computation repeated, with a
/// warning. (In pytorch-fid it rescues a singular product that sqrtm cannot take the root of. Here clamping already
/// handles singular matrices, so a non-finite value can only come from float64 overflow, which εI does not cure: if
/// the retry is not finite either, an exception says so.)
///
/// With fewer samples than dimensions (N &lt; D) a covariance is singular and FID is strongly biased upwards; the
/// result carries a warning. FID also depends on N: compare values computed with the same N.
/// Taught in notebook 07 (metrics), step by step with <see cref="FidMathNet"/>.
/// </remarks>
public static class Fid
{
    /// <summary>FID between two feature matrices [N₁, D] and [N₂, D].</summary>
    /// <exception cref="ArgumentException">Not matrices, different D, fewer than 2 rows, or NaN/∞ values.</exception>
    public static FidResult Compute(Tensor features1, Tensor features2, FidOptions? options = null)
    {
        options ??= new FidOptions();
        if (features1.dim() == 2 && features2.dim() == 2 && features1.shape[1] != features2.shape[1])
            throw DimensionMismatch(features1.shape[1], features2.shape[1]);
        using var s1 = FeatureStatistics.FromFeatures(features1, options.Device, "features of set 1");
        using var s2 = FeatureStatistics.FromFeatures(features2, options.Device ?? features1.device, "features of set 2");
        return Compute(s1, s2, options);
    }

    /// <summary>FID between two precomputed statistics (e.g. the real data's, computed once).</summary>
    /// <exception cref="ArgumentException">Different dimensions.</exception>
    /// <exception cref="InvalidOperationException">A non-finite result even after the εI retry (float64 overflow).</exception>
    public static FidResult Compute(FeatureStatistics stats1, FeatureStatistics stats2, FidOptions? options = null)
    {
        options ??= new FidOptions();
        if (stats1.Dimension != stats2.Dimension) throw DimensionMismatch(stats1.Dimension, stats2.Dimension);
        var warnings = new List<string>();
        void Warn(string w) { warnings.Add(w); options.Log?.WriteLine("FID warning: " + w); }
        foreach (var (s, i) in new[] { (stats1, 1), (stats2, 2) })
            if (s.Count < s.Dimension)
                Warn($"set {i} has N = {s.Count} samples for D = {s.Dimension} features: its covariance is singular " +
                     $"and FID is biased upwards; use at least {s.Dimension} samples (thousands for stable numbers).");

        using var scope = torch.NewDisposeScope();
        var device = options.Device ?? stats1.Mean.device;
        var (mu1, sigma1) = (stats1.Mean.to(device), stats1.Covariance.to(device));
        var (mu2, sigma2) = (stats2.Mean.to(device), stats2.Covariance.to(device));
        var parts = Parts(mu1, sigma1, mu2, sigma2, options.NegativeEigenvalueTolerance, Warn);
        if (!double.IsFinite(parts.Value))
        {
            Warn($"FID was not finite ({parts.Value}); adding {options.Eps:G3}·I to both covariances and retrying " +
                 "(pytorch-fid's safeguard).");
            var offset = torch.eye(stats1.Dimension, dtype: ScalarType.Float64, device: device).mul_(options.Eps);
            parts = Parts(mu1, sigma1 + offset, mu2, sigma2 + offset, options.NegativeEigenvalueTolerance, Warn);
            if (!double.IsFinite(parts.Value))
                throw new InvalidOperationException($"FID is not finite ({parts.Value}) even with {options.Eps:G3}·I " +
                    $"added: the feature values are too large for float64 (tr Σ1 = {parts.Trace1:G3}, tr Σ2 = " +
                    $"{parts.Trace2:G3}). Check the feature network's output; rescale features if they are legitimately huge.");
        }
        return new FidResult(parts.Value, parts.MeanTerm, parts.Trace1, parts.Trace2, parts.Cross,
            stats1.Count, stats2.Count, stats1.Dimension, options.Features, warnings);
    }

    /// <summary>
    /// tr √(Σ₁Σ₂) of two symmetric PSD matrices [D, D] (float64 result), by the route above: Cholesky of Σ₁ when it
    /// is positive definite, eigh otherwise.
    /// </summary>
    /// <param name="sigma1">Σ₁, symmetric positive semi-definite.</param>
    /// <param name="sigma2">Σ₂, symmetric positive semi-definite.</param>
    /// <param name="negativeTolerance">Relative size of negative eigenvalues accepted silently as round-off.</param>
    /// <param name="warn">Receives a message when eigenvalues are more negative than round-off; null to ignore.</param>
    public static double TraceSqrtProduct(Tensor sigma1, Tensor sigma2, double negativeTolerance = 1e-8,
        Action<string>? warn = null) => TraceSqrtProduct(sigma1, sigma2, negativeTolerance, warn, FactorRoute.Auto).Value;

    /// <summary>Which factorization of Σ₁ = B Bᵀ the trace term uses (tests force one to compare them).</summary>
    internal enum FactorRoute { Auto, Cholesky, Eigh }

    /// <summary>The trace term and the route it took; <see cref="FactorRoute.Cholesky"/> forced on a matrix that is
    /// not positive definite throws.</summary>
    internal static (double Value, FactorRoute Route) TraceSqrtProduct(Tensor sigma1, Tensor sigma2,
        double negativeTolerance, Action<string>? warn, FactorRoute route)
    {
        using var scope = torch.NewDisposeScope();
        var s1 = sigma1.to_type(ScalarType.Float64);
        var s2 = sigma2.to_type(ScalarType.Float64);
        var b = route == FactorRoute.Eigh ? null : CholeskyFactor(s1);           // Σ₁ = L Lᵀ, or null
        if (b is null && route == FactorRoute.Cholesky)
            throw new ArgumentException("Σ1 is not numerically positive definite: no Cholesky factor.", nameof(sigma1));
        var used = b is null ? FactorRoute.Eigh : FactorRoute.Cholesky;
        b ??= EighFactor(s1, negativeTolerance, warn);                           // Σ₁ = B Bᵀ, B = V diag(√w)
        var m = b.T.mm(s2).mm(b);                                 // M = Bᵀ Σ₂ B: the eigenvalues of Σ₁Σ₂
        m = (m + m.T).div_(2);                                    // symmetric up to round-off; make it exact
        if (!m.isfinite().all().item<bool>()) return (double.NaN, used);  // overflow: the caller's safeguard handles it
        var lambda = torch.linalg.eigvalsh(m);
        CheckNegative(lambda, used == FactorRoute.Cholesky ? "Lᵀ Σ2 L (Σ1 = L Lᵀ)" : "√Σ1 Σ2 √Σ1", negativeTolerance, warn);
        return (lambda.clamp_min(0).sqrt().sum().item<double>(), used);
    }

    /// <summary>
    /// L with Σ₁ = L Lᵀ, or null when Σ₁ is not numerically positive definite: Cholesky failed (info ≠ 0), or a
    /// pivot Lᵢᵢ² is at round-off level (below D·ε_float64 of the largest diagonal entry of Σ₁), as for a singular Σ₁
    /// that round-off made barely positive. Then the eigh route, which clamps such directions to 0, is used.
    /// </summary>
    static Tensor? CholeskyFactor(Tensor s1)
    {
        var (l, info) = torch.linalg.cholesky_ex(s1);
        if (info.item<int>() != 0) return null;
        var pivots = l.diagonal().square();                       // Lᵢᵢ²: the Schur-complement pivots
        double floor = s1.shape[0] * 2.220446049250313e-16 * s1.diagonal().max().item<double>();
        return pivots.isfinite().all().item<bool>() && pivots.min().item<double>() > floor ? l : null;
    }

    static Tensor EighFactor(Tensor s1, double negativeTolerance, Action<string>? warn)
    {
        var (w, v) = torch.linalg.eigh(s1);                       // Σ₁ = V diag(w) Vᵀ
        CheckNegative(w, "Σ1", negativeTolerance, warn);
        return v * w.clamp_min(0).sqrt();                         // B = V diag(√w): scales column j by √w_j
    }

    readonly record struct FidParts(double Value, double MeanTerm, double Trace1, double Trace2, double Cross);

    static FidParts Parts(Tensor mu1, Tensor sigma1, Tensor mu2, Tensor sigma2, double tol, Action<string> warn)
    {
        using var scope = torch.NewDisposeScope();
        double meanTerm = (mu1 - mu2).square().sum().item<double>();
        double trace1 = sigma1.trace().item<double>();
        double trace2 = sigma2.trace().item<double>();
        double cross = 2 * TraceSqrtProduct(sigma1, sigma2, tol, warn);
        return new FidParts(meanTerm + trace1 + trace2 - cross, meanTerm, trace1, trace2, cross);
    }

    static void CheckNegative(Tensor eigenvalues, string what, double tol, Action<string>? warn)
    {
        double min = eigenvalues.min().item<double>();
        double scale = eigenvalues.abs().max().item<double>();
        if (warn is not null && min < -tol * scale)
            warn($"{what} has an eigenvalue {min:G4} (largest |λ| = {scale:G4}), more negative than round-off " +
                 $"(relative tolerance {tol:G2}); clamped to 0. Is the covariance really a covariance (symmetric, PSD)?");
    }

    static ArgumentException DimensionMismatch(long d1, long d2) => new(
        $"The two feature sets have different dimensions (D1 = {d1}, D2 = {d2}); compute both with the same feature " +
        "network.");
}
