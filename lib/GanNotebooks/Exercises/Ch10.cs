using static GanNotebooks.Exercises.Exercise;

namespace GanNotebooks.Exercises;

/// <summary>The checks of notebook 10 (capstone): questions answered with the numbers of the notebook's own run.</summary>
public static class Ch10
{
    /// <summary>Exercise 10.1: the variant with the lowest FID in <paramref name="results"/> (lower FID is better).</summary>
    /// <param name="answer">The student's <c>string LowestFid()</c>, a variant's name.</param>
    /// <param name="results">The notebook's results: each variant's name and FID.</param>
    public static string CheckLowestFid(Func<string> answer, IEnumerable<(string Name, double Fid)> results)
    {
        const string id = "10.1";
        var rows = Rows(id, results);
        string actual = Call(id, answer) ?? "";
        var best = rows.MinBy(r => r.Fid);
        if (actual == best.Name) return Correct(id, $"{best.Name}, FID {Format(best.Fid)}");
        var worst = rows.MaxBy(r => r.Fid);
        string hint = actual == worst.Name ? $" — that is the highest FID ({Format(worst.Fid)}); lower FID is better."
            : rows.Any(r => r.Name == actual) ? $" — its FID is {Format(rows.First(r => r.Name == actual).Fid)}, not the lowest."
            : $" — no variant is called that; the names are {string.Join(", ", rows.Select(r => $"\"{r.Name}\""))}.";
        throw Wrong(id, $"your answer is \"{actual}\"; the lowest FID in this run is {best.Name}'s, {Format(best.Fid)}{hint}");
    }

    /// <summary>
    /// Exercise 10.2: how many times as long as <paramref name="fast"/>'s training the training of <paramref name="slow"/>
    /// took in this run (a ratio of wall times, for the same number of generator steps).
    /// </summary>
    /// <param name="answer">The student's <c>double TimeRatio()</c>.</param>
    /// <param name="results">The notebook's results: each variant's name and training seconds.</param>
    /// <param name="slow">The numerator's variant ("WGAN-GP").</param>
    /// <param name="fast">The denominator's variant ("DCGAN").</param>
    public static string CheckTimeRatio(Func<double> answer, IEnumerable<(string Name, double Seconds)> results,
        string slow = "WGAN-GP", string fast = "DCGAN")
    {
        const string id = "10.2";
        var rows = Rows(id, results);
        double Seconds(string name) => rows.FirstOrDefault(r => r.Name == name) is { Name: not null } r ? r.Fid
            : throw new ArgumentException($"The results have no variant \"{name}\" (they have {string.Join(", ", rows.Select(x => x.Name))}).");
        double expected = Seconds(slow) / Seconds(fast);
        double actual = Call(id, answer);
        Expect(id, $"your ratio of {slow}'s to {fast}'s training time", actual, expected,
            new(1 / expected, $"that is {fast}'s time over {slow}'s; divide {slow}'s seconds by {fast}'s."),
            new(Seconds(slow) - Seconds(fast), "that is the difference in seconds; the question asks for a ratio."));
        return Correct(id, $"{Format(expected)}×");
    }

    static List<(string Name, double Fid)> Rows(string id, IEnumerable<(string Name, double Value)> results)
    {
        var rows = results.ToList();
        if (rows.Count == 0) throw new ArgumentException($"Exercise {id} needs the notebook's results: run the training cells first.");
        return rows;
    }
}
