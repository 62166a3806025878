using System.Globalization;

namespace GanNotebooks.Display;

/// <summary>One named line or bar series of a chart: values <see cref="Y"/> at positions <see cref="X"/> (default 0, 1, 2, ...). Taught in notebook 01.</summary>
public sealed record Series(string Name, IReadOnlyList<double> Y, IReadOnlyList<double>? X = null)
{
    /// <summary>A series from float values (losses, D outputs) at integer steps.</summary>
    public static Series Of(string name, IEnumerable<float> y, IEnumerable<int>? steps = null) =>
        new(name, y.Select(Widen).ToArray(), steps?.Select(s => (double)s).ToArray());

    /// <summary>A series from double values at double positions.</summary>
    public static Series Of(string name, IEnumerable<double> y, IEnumerable<double>? x = null) =>
        new(name, y.ToArray(), x?.ToArray());

    /// <summary>The x positions, 0..n-1 when none were given; checks that X and Y have the same length.</summary>
    internal IReadOnlyList<double> XOrIndex()
    {
        if (X is null) return Enumerable.Range(0, Y.Count).Select(i => (double)i).ToArray();
        if (X.Count != Y.Count)
            throw new ArgumentException($"Series '{Name}' has {X.Count} steps (x values) but {Y.Count} values; they must pair up.");
        return X;
    }

    /// <summary>
    /// float → double without the binary noise (0.612f is 0.6119999885559082 as a double): the chart's JSON then
    /// holds the digits the float printed as.
    /// </summary>
    internal static double Widen(float v) => float.IsFinite(v) ? (double)(decimal)v : v;
}

/// <summary>How a noisy curve (a loss per step) is smoothed before it is drawn over the raw one. Taught in notebook 01.</summary>
public abstract record Smoothing
{
    /// <summary>Trailing mean of the last <paramref name="window"/> values (fewer at the start).</summary>
    public static Smoothing MovingAverage(int window) => window >= 1
        ? new MovingAverageSmoothing(window)
        : throw new ArgumentException($"The moving-average window must be at least 1; got {window}.", nameof(window));

    /// <summary>Exponential moving average with decay <paramref name="beta"/> in [0, 1), bias-corrected.</summary>
    public static Smoothing Ema(double beta) => beta is >= 0 and < 1
        ? new EmaSmoothing(beta)
        : throw new ArgumentException($"The EMA decay beta must be in [0, 1); got {beta}.", nameof(beta));

    /// <summary>The smoothed values, one per input value.</summary>
    public abstract double[] Apply(IReadOnlyList<double> values);

    /// <summary>A short description for a legend, e.g. "EMA 0.9".</summary>
    public abstract string Label { get; }
}

/// <remarks>s_t = (x_{t-w+1} + ... + x_t) / w, with w = min(window, t + 1).</remarks>
internal sealed record MovingAverageSmoothing(int Window) : Smoothing
{
    public override string Label => $"mean of {Window}";

    public override double[] Apply(IReadOnlyList<double> values)
    {
        var result = new double[values.Count];
        double sum = 0;
        for (int t = 0; t < values.Count; t++)
        {
            sum += values[t];
            if (t >= Window) sum -= values[t - Window];
            result[t] = sum / Math.Min(Window, t + 1);
        }
        return result;
    }
}

/// <remarks>The bias-corrected EWMA of <see cref="Training.Ewma"/> (notebook 09 teaches it), one value per input value.</remarks>
internal sealed record EmaSmoothing(double Beta) : Smoothing
{
    public override string Label => string.Create(CultureInfo.InvariantCulture, $"EMA {Beta:0.###}");

    public override double[] Apply(IReadOnlyList<double> values) => Training.Ewma.Smooth(values, Beta, biasCorrection: true);
}
