using System.Globalization;
using GanNotebooks.Metrics;

namespace GanNotebooks;

/// <summary>
/// The course's bar for a chapter's generator: the largest FID and the smallest Classifier Score (on the shipped
/// Fashion-MNIST classifier's features, 10,000 samples against the test split) at which a chapter shows a GAN that
/// works. Anchored on notebook 02's full run of the first course build (FID 38.6, score 6.83); real test images score
/// 8.1 and uniform noise FID ~1,850, score 1.2. Course policy, not library: see <see cref="Course"/>.
/// </summary>
/// <param name="Name">Whose bar, e.g. "DCGAN family".</param>
/// <param name="MaxFid">The largest FID that meets it.</param>
/// <param name="MinScore">The smallest Classifier Score that meets it; null when the bar is on FID only.</param>
public sealed record QualityBar(string Name, double MaxFid, double? MinScore = null)
{
    /// <summary>How many samples the bars are set at; fewer samples give a larger FID, so fewer are not judged.</summary>
    public const int Samples = 10_000;

    /// <summary>DCGAN-sized generators (02, 03, 05's conditional DCGAN, 09's EMA generator).</summary>
    public static QualityBar DcganFamily { get; } = new("DCGAN family", 40, 6.5);

    /// <summary>WGAN with gradient penalty (04).</summary>
    public static QualityBar WganGp { get; } = new("WGAN-GP", 50);

    /// <summary>WGAN with weight clipping (04).</summary>
    public static QualityBar WganClip { get; } = new("weight-clipped WGAN", 80);

    /// <summary>MLP generators (01, 05's conditional MLP).</summary>
    public static QualityBar Mlp { get; } = new("MLP generator", 100, 5.0);

    /// <summary>E.g. "FID ≤ 40 and Classifier Score ≥ 6.5".</summary>
    public string Condition => string.Format(CultureInfo.InvariantCulture, "FID ≤ {0:0.#}", MaxFid) +
        (MinScore is double s ? string.Format(CultureInfo.InvariantCulture, " and Classifier Score ≥ {0:0.0#}", s) : "");

    /// <summary>Whether <paramref name="scores"/> meet the bar (only judged at <see cref="Samples"/> or more samples).</summary>
    public bool IsMetBy(GeneratorScores scores) =>
        scores.Samples >= Samples && scores.Fid <= MaxFid && (MinScore is null || scores.Score >= MinScore);

    /// <summary>
    /// The one line a chapter ends with, e.g. "✓ bar met (DCGAN family: FID ≤ 40 and Classifier Score ≥ 6.5 at 10,000
    /// samples): DCGAN, this run: FID 38.6, score 6.83". A run scored on fewer samples, or on another classifier than
    /// the shipped one, is not judged, and the line says why.
    /// </summary>
    public string Verdict(GeneratorScores scores)
    {
        var c = CultureInfo.InvariantCulture;
        string bar = string.Format(c, "{0}: {1} at {2:N0} samples", Name, Condition, Samples);
        string got = string.Format(c, "{0}: FID {1:F1}, score {2:F2}", scores.Name, scores.Fid, scores.Score);
        if (scores.Samples < Samples)
            return string.Format(c, "– not judged ({0:N0} samples; the bar is {1}): {2}", scores.Samples, bar, got);
        if (!scores.Features.StartsWith(FeatureClassifierStore.Canonical("fashion-mnist").Title + " classifier features", StringComparison.Ordinal))
            return $"– not judged (the bar is set on the shipped Fashion-MNIST classifier, these are {scores.Features}): {got}";
        return IsMetBy(scores) ? $"✓ bar met ({bar}): {got}" : $"✗ bar NOT met ({bar}): {got}";
    }
}
