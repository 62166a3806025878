using System.Globalization;

namespace GanNotebooks.Display;

/// <summary>
/// Durations as people read them, the one formatter of the course: the progress line's elapsed time and ETA
/// (the library's TrainingProgress) and the wall times the exported pages and the site's index show.
/// </summary>
public static class Duration
{
    /// <summary>
    /// "12.4 s" (or "36 s" without <paramref name="tenths"/>) under a minute, "3 min 05 s" under an hour, else
    /// "1 h 02 min". Rounds to the nearest unit shown (half away from zero), so 59.96 s is "1 min 00 s"; a negative
    /// duration shows as zero.
    /// </summary>
    public static string Format(TimeSpan t, bool tenths = true)
    {
        double seconds = Math.Max(0, t.TotalSeconds);
        if (tenths && Math.Round(seconds, 1) < 60) return string.Create(CultureInfo.InvariantCulture, $"{seconds:0.0} s");
        long whole = (long)Math.Round(seconds, MidpointRounding.AwayFromZero);
        if (whole < 60) return string.Create(CultureInfo.InvariantCulture, $"{whole} s");
        if (whole < 3600) return string.Create(CultureInfo.InvariantCulture, $"{whole / 60} min {whole % 60:00} s");
        long minutes = (whole + 30) / 60;
        return string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} h {minutes % 60:00} min");
    }

    /// <summary><see cref="Format(TimeSpan, bool)"/> of a number of seconds (a run's recorded wall time).</summary>
    public static string Format(double seconds, bool tenths = true) => Format(TimeSpan.FromSeconds(seconds), tenths);
}
