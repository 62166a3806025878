using TorchSharp;
using static GanNotebooks.Exercises.Exercise;
using static TorchSharp.torch;

namespace GanNotebooks.Exercises;

/// <summary>The checks of notebook 04b (mode collapse): modes covered and the high-quality share, on hand-placed points.</summary>
public static class Ch04b
{
    // Four modes on the unit circle, σ = 0.1 (3σ = 0.3). Samples: three at the first mode, one each at the second and
    // third (the third 0.25 from its centre: inside 3σ), one at (0, −0.5), nearest to the fourth mode but 0.5 from it.
    static readonly double[,] Centers = { { 1, 0 }, { 0, 1 }, { -1, 0 }, { 0, -1 } };
    static readonly double[,] Samples = { { 1, 0 }, { 1.05, 0.05 }, { 0.95, -0.1 }, { 0, 1.1 }, { -0.75, 0 }, { 0, -0.5 } };
    const double Std = 0.1;

    /// <summary>What the checks pass: the samples [6, 2], the centres [4, 2] and σ.</summary>
    static (Tensor Samples, Tensor Centers) Inputs() => (torch.tensor(Samples), torch.tensor(Centers));

    /// <summary>
    /// Exercise 4b.1: the number of modes covered — modes that are the nearest centre of at least one high-quality
    /// sample (within 3σ of that centre). Here 3 of 4.
    /// </summary>
    /// <param name="modesCovered">The student's <c>int ModesCovered(Tensor samples, Tensor centers, double std)</c>.</param>
    public static string CheckModesCovered(Func<Tensor, Tensor, double, int> modesCovered)
    {
        const string id = "4b.1";
        using var scope = NewDisposeScope();
        var (samples, centers) = Inputs();
        int actual = Call(id, () => modesCovered(samples, centers, Std));
        var (nearest, distance) = Nearest();
        int expected = nearest.Where((k, i) => distance[i] <= 3 * Std).Distinct().Count();
        Expect(id, "your count for the six points of this check (three at mode 0, one at mode 1, one 0.25 from mode 2, one 0.5 from mode 3; σ = 0.1)", actual, expected,
            new(nearest.Distinct().Count(), "a mode counts only if a sample lies within 3σ of it; the point 0.5 from mode 3 is nearest to it but too far."),
            new(distance.Count(d => d <= 3 * Std), "that counts samples; count the distinct modes they belong to."),
            new(nearest.Where((k, i) => distance[i] <= Std).Distinct().Count(), "the radius of \"high quality\" is 3σ, not σ."));
        return Correct(id);
    }

    /// <summary>Exercise 4b.2: the share of samples within 3σ of their nearest mode, in [0, 1]. Here 5/6.</summary>
    /// <param name="highQualityShare">The student's <c>double HighQualityShare(Tensor samples, Tensor centers, double std)</c>.</param>
    public static string CheckHighQualityShare(Func<Tensor, Tensor, double, double> highQualityShare)
    {
        const string id = "4b.2";
        using var scope = NewDisposeScope();
        var (samples, centers) = Inputs();
        double actual = Call(id, () => highQualityShare(samples, centers, Std));
        var (_, distance) = Nearest();
        double expected = distance.Count(d => d <= 3 * Std) / (double)distance.Length;
        Expect(id, "your share for the six points of this check", actual, expected,
            new(100 * expected, "a share is a fraction in [0, 1], not a percentage."),
            new(distance.Count(d => d <= 3 * Std), "that is the number of high-quality samples; divide by N."),
            new(distance.Count(d => d <= Std) / (double)distance.Length, "the radius of \"high quality\" is 3σ, not σ."));
        return Correct(id);
    }

    static (int[] Nearest, double[] Distance) Nearest()
    {
        int n = Samples.GetLength(0), k = Centers.GetLength(0);
        var nearest = new int[n];
        var distance = new double[n];
        for (int i = 0; i < n; i++)
        {
            distance[i] = double.PositiveInfinity;
            for (int c = 0; c < k; c++)
            {
                double d = Math.Sqrt(Math.Pow(Samples[i, 0] - Centers[c, 0], 2) + Math.Pow(Samples[i, 1] - Centers[c, 1], 2));
                if (d < distance[i]) (distance[i], nearest[i]) = (d, c);
            }
        }
        return (nearest, distance);
    }
}
