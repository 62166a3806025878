using System.Globalization;
using static TorchSharp.torch;

namespace GanNotebooks.Metrics;

/// <summary>
/// A Fréchet distance and its parts: <c>Value = MeanTerm + TraceSigma1 + TraceSigma2 − CrossTerm</c>.
/// Taught in notebook 07.
/// </summary>
/// <param name="Value">FID = ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2 tr √(Σ₁Σ₂). Lower is better; 0 for identical statistics.</param>
/// <param name="MeanTerm">‖μ₁ − μ₂‖², how far apart the two feature means are.</param>
/// <param name="TraceSigma1">tr Σ₁, the total variance of set 1.</param>
/// <param name="TraceSigma2">tr Σ₂, the total variance of set 2.</param>
/// <param name="CrossTerm">2 tr √(Σ₁Σ₂).</param>
/// <param name="Count1">N₁, samples in set 1.</param>
/// <param name="Count2">N₂, samples in set 2.</param>
/// <param name="Dimension">D, the feature dimension.</param>
/// <param name="Features">What the features are, e.g. "Fashion-MNIST classifier features (128-d)": the printed name
/// is "FID on ..." this, so that nobody mistakes it for Inception FID.</param>
/// <param name="Warnings">Everything that makes the number less trustworthy (few samples, regularisation added,
/// eigenvalues clamped beyond round-off); empty when all is well.</param>
public sealed record FidResult(
    double Value, double MeanTerm, double TraceSigma1, double TraceSigma2, double CrossTerm,
    long Count1, long Count2, int Dimension, string Features, IReadOnlyList<string> Warnings)
{
    /// <summary>"FID on {Features}: value", the parts, and any warnings.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        string s = string.Format(c, "FID on {0}: {1:F4}  (‖Δμ‖² = {2:G6}, tr Σ1 = {3:G6}, tr Σ2 = {4:G6}, " +
            "2 tr √(Σ1Σ2) = {5:G6}; N1 = {6}, N2 = {7}, D = {8})",
            Features, Value, MeanTerm, TraceSigma1, TraceSigma2, CrossTerm, Count1, Count2, Dimension);
        return Warnings.Count == 0 ? s : s + string.Concat(Warnings.Select(w => "\n  warning: " + w));
    }
}

/// <summary>Settings of <see cref="Fid"/>. Taught in notebook 07.</summary>
/// <param name="Features">Name of the feature space, shown as "FID on {Features}".</param>
/// <param name="Eps">Diagonal offset εI added to both covariances when the first result is not finite
/// (pytorch-fid's safeguard, same default 1e-6).</param>
/// <param name="NegativeEigenvalueTolerance">Eigenvalues of the PSD matrices M = Bᵀ Σ₂ B (Σ₁ = B Bᵀ, see
/// <see cref="Fid"/>) and, on the eigh route, Σ₁ that are negative by less than this times the largest eigenvalue are round-off and clamped to 0 silently; more negative ones are clamped
/// with a warning.</param>
/// <param name="Device">Where to compute (eigendecompositions included); null: the device of the features/statistics.</param>
/// <param name="Log">If set, every warning is also written here as it happens (e.g. <c>Console.Out</c>).</param>
public sealed record FidOptions(
    string Features = "features",
    double Eps = 1e-6,
    double NegativeEigenvalueTolerance = 1e-8,
    Device? Device = null,
    TextWriter? Log = null);
