namespace GanNotebooks.Training;

/// <summary>
/// Exponentially weighted moving average of a stream of numbers (for smoothing loss curves).
/// Taught in notebook 09.
/// </summary>
/// <remarks>
/// v_0 = 0, v_t = β v_{t−1} + (1 − β) x_t. With bias correction the value reported is v_t / (1 − β^t), which
/// removes the pull towards the start value 0 (Kingma and Ba 2015, §3): after one number it is that number.
/// </remarks>
public sealed class Ewma
{
    double v;

    /// <summary>Starts an average with weight <paramref name="beta"/> on the past (0.9 ≈ the last 10 values).</summary>
    public Ewma(double beta, bool biasCorrection = true)
    {
        if (!(beta >= 0 && beta < 1)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be in [0, 1).");
        Beta = beta;
        BiasCorrection = biasCorrection;
    }

    /// <summary>β, the weight of the past.</summary>
    public double Beta { get; }
    /// <summary>Whether <see cref="Value"/> is divided by 1 − β^t.</summary>
    public bool BiasCorrection { get; }
    /// <summary>How many numbers have been added.</summary>
    public int Count { get; private set; }

    /// <summary>The current average (NaN before the first number when bias-corrected, 0 otherwise).</summary>
    public double Value => !BiasCorrection ? v : Count == 0 ? double.NaN : v / (1 - Math.Pow(Beta, Count));

    /// <summary>Adds x_t and returns the new <see cref="Value"/>.</summary>
    public double Update(double x)
    {
        v = Beta * v + (1 - Beta) * x;
        Count++;
        return Value;
    }

    /// <summary>The running average after each element of <paramref name="xs"/> (same length).</summary>
    public static double[] Smooth(IEnumerable<double> xs, double beta, bool biasCorrection = true)
    {
        var ewma = new Ewma(beta, biasCorrection);
        return xs.Select(ewma.Update).ToArray();
    }
}
