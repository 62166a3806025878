using System.Collections;

namespace GanNotebooks.Training;

/// <summary>
/// The <see cref="StepResult"/>s of a run, in order (numbers only: nothing here keeps a tensor alive). Trainers
/// append to it each time they read their metrics; charts take <see cref="Series"/> or <see cref="Smoothed"/>.
/// Taught in notebook 01.
/// </summary>
public sealed class TrainingHistory : IReadOnlyList<StepResult>
{
    readonly List<StepResult> results = [];

    /// <summary>Appends one result.</summary>
    public void Add(StepResult result) => results.Add(result);

    /// <summary>Removes everything (a loaded checkpoint brings its own history).</summary>
    public void Clear() => results.Clear();

    /// <summary>The latest result, or null when empty.</summary>
    public StepResult? Last => results.Count == 0 ? null : results[^1];

    /// <summary>
    /// One quantity against the step index, e.g. <c>history.Series(r => r.LossD)</c>; results where the
    /// selector returns null (e.g. no gradient penalty) are left out.
    /// </summary>
    public (long[] Steps, double[] Values) Series(Func<StepResult, float?> select)
    {
        var points = results.Select(r => (r.Step, Value: select(r))).Where(p => p.Value.HasValue).ToArray();
        return (points.Select(p => p.Step).ToArray(), points.Select(p => (double)p.Value!.Value).ToArray());
    }

    /// <summary>
    /// <see cref="Series"/> smoothed by a bias-corrected <see cref="Ewma"/> with weight <paramref name="beta"/>.
    /// </summary>
    public (long[] Steps, double[] Values) Smoothed(Func<StepResult, float?> select, double beta = 0.9)
    {
        var (steps, values) = Series(select);
        return (steps, Ewma.Smooth(values, beta, biasCorrection: true));
    }

    /// <inheritdoc/>
    public int Count => results.Count;
    /// <inheritdoc/>
    public StepResult this[int index] => results[index];
    /// <inheritdoc/>
    public IEnumerator<StepResult> GetEnumerator() => results.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
