using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Metrics;

/// <summary>
/// How well generated 2-D points cover the modes of a mixture (VEEGAN, Srivastava et al. 2017, §5.1; PacGAN). A
/// sample is <b>high quality</b> when it lies within <see cref="Sigmas"/> standard deviations of its nearest mode
/// centre; a mode is <b>covered</b> when at least <see cref="MinPerMode"/> high-quality samples are nearest to it.
/// Taught in notebook 04b.
/// </summary>
/// <param name="Samples">N, the number of generated points measured.</param>
/// <param name="HighQualityPerMode">For each mode k, the high-quality samples whose nearest centre is k.</param>
/// <param name="Sigmas">The radius of "high quality", in σ (3 in VEEGAN).</param>
/// <param name="MinPerMode">High-quality samples a mode needs to count as covered (VEEGAN: 1; here by default
/// 1 % of N, so that a few stray points do not make a mode "covered").</param>
public sealed record ModeCoverage(int Samples, IReadOnlyList<int> HighQualityPerMode, double Sigmas, int MinPerMode)
{
    /// <summary>K, the number of modes.</summary>
    public int Modes => HighQualityPerMode.Count;

    /// <summary>Modes with at least <see cref="MinPerMode"/> high-quality samples.</summary>
    public int ModesCovered => HighQualityPerMode.Count(c => c >= MinPerMode);

    /// <summary>High-quality samples over all samples, in [0, 1].</summary>
    public double HighQualityShare => Samples == 0 ? 0 : (double)HighQualityPerMode.Sum() / Samples;

    /// <summary>
    /// Measures <paramref name="samples"/> [N, D] against the mode <paramref name="centers"/> [K, D] of a mixture whose
    /// Gaussians have standard deviation <paramref name="std"/>.
    /// </summary>
    /// <param name="samples">Generated points [N, D].</param>
    /// <param name="centers">Mode centres [K, D].</param>
    /// <param name="std">σ of each mode.</param>
    /// <param name="sigmas">High quality = within this many σ of the nearest centre (Euclidean distance).</param>
    /// <param name="minShare">A mode is covered with at least ⌈minShare · N⌉ (and at least 1) high-quality samples.</param>
    public static ModeCoverage Measure(Tensor samples, Tensor centers, double std, double sigmas = 3, double minShare = 0.01)
    {
        if (samples.dim() != 2 || centers.dim() != 2 || samples.shape[1] != centers.shape[1])
            throw new ArgumentException($"Expected samples [N, D] and centers [K, D] with the same D; got [{string.Join(", ", samples.shape)}] and [{string.Join(", ", centers.shape)}].");
        if (!(std > 0) || !(sigmas > 0)) throw new ArgumentException($"std ({std}) and sigmas ({sigmas}) must be positive.");
        if (minShare < 0 || minShare > 1) throw new ArgumentException($"minShare must be in [0, 1]; got {minShare}.", nameof(minShare));
        using var scope = torch.NewDisposeScope();
        var x = samples.detach().to(ScalarType.Float64, torch.CPU);
        var c = centers.detach().to(ScalarType.Float64, torch.CPU);
        var distances = torch.cdist(x, c);                                    // [N, K] Euclidean
        var (nearestDistance, nearest) = distances.min(1);                     // [N], [N]
        var good = nearestDistance.le(sigmas * std);                           // [N] high quality?
        var counts = torch.bincount(nearest.masked_select(good), minlength: (int)c.shape[0]);   // [K]
        int n = (int)x.shape[0];
        int minPerMode = Math.Max(1, (int)Math.Ceiling(minShare * n - 1e-9));
        return new ModeCoverage(n, counts.data<long>().Select(v => (int)v).ToArray(), sigmas, minPerMode);
    }

    /// <summary>"6/8 modes covered, 71.3 % high quality (within 3σ of a mode; N = 1000)".</summary>
    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "{0}/{1} modes covered, {2:P1} high quality (within {3}σ of a mode; N = {4}, a mode needs {5})",
        ModesCovered, Modes, HighQualityShare, Sigmas, Samples, MinPerMode);
}
