using System.Globalization;
using GanNotebooks.Ipynb;

namespace GanNotebooks.Runner.Engines;

/// <summary>A cell's progress line, the same in both engines: "  [ 3/25] cell 7    Setup.Seed(seed);   … 1.2 s".</summary>
internal static class ProgressLine
{
    /// <summary>The start of the line, written when the cell starts: "  [ 3/25] cell 7    Setup.Seed(seed);   ".</summary>
    public static string Prefix(CodeCell code, int k, int of) =>
        $"  [{k,2}/{of}] {(code.Injected ? "params" : code.Name),-8} {code.Headline(),-48} ";

    /// <summary>Its end, a wall time: "12.3 s".</summary>
    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
