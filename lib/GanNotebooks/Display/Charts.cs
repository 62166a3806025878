using Plotly.NET;

namespace GanNotebooks.Display;

/// <summary>
/// The charts the notebooks draw, built on Plotly.NET (its traces and layout set as plotly.js attributes, since the
/// F# chart functions' optional arguments are not optional from C#). Each returns a <see cref="ChartView"/>.
/// </summary>
public static class Charts
{
    const string ColorD = "#1f77b4", ColorG = "#ff7f0e";

    /// <summary>Discriminator and generator loss per step; with <paramref name="smoothing"/>, the raw curves are drawn faint under the smoothed ones.</summary>
    public static ChartView Losses(IReadOnlyList<int> steps, IReadOnlyList<float> lossD, IReadOnlyList<float> lossG, Smoothing? smoothing = null) =>
        TwoCurves("Losses", "loss", Series.Of("lossD", lossD, steps), Series.Of("lossG", lossG, steps), smoothing, guide: null);

    /// <summary>
    /// The discriminator's mean output on real images, D(x), and on generated ones, D(G(z)), per step, with a dotted
    /// line at 0.5, where an optimal D sits when p_g = p_data.
    /// </summary>
    public static ChartView DiscriminatorOutputs(IReadOnlyList<int> steps, IReadOnlyList<float> dReal, IReadOnlyList<float> dFake, Smoothing? smoothing = null) =>
        TwoCurves("Discriminator outputs", "mean D output", Series.Of("D(x)", dReal, steps), Series.Of("D(G(z))", dFake, steps), smoothing, guide: 0.5);

    /// <summary>A line chart of any number of series.</summary>
    public static ChartView Lines(string title, string xTitle, string yTitle, params Series[] series)
    {
        RequireSome(series);
        var traces = series.Select(s => Line(s.Name, s.XOrIndex(), s.Y, color: null, opacity: 1, showLegend: true, legendGroup: null));
        return Build(traces, Layout(title, xTitle, yTitle));
    }

    /// <summary>A grouped bar chart: one bar per category for each series (e.g. FID per model variant).</summary>
    public static ChartView Bars(string title, string yTitle, IReadOnlyList<string> categories, params Series[] series)
    {
        ArgumentNullException.ThrowIfNull(categories);
        RequireSome(series);
        var traces = new List<Trace>();
        foreach (var s in series)
        {
            if (s.Y.Count != categories.Count)
                throw new ArgumentException($"Series '{s.Name}' has {s.Y.Count} values for {categories.Count} categories; give one value per category.");
            var bar = new Trace2D("bar");
            bar.SetProperty("name", s.Name);
            bar.SetProperty("x", categories.ToArray());
            bar.SetProperty("y", Finite(s.Y));
            traces.Add(bar);
        }
        var layout = Layout(title, "", yTitle);
        layout.SetProperty("barmode", "group");
        return Build(traces, layout);
    }

    /// <summary>A heatmap of <paramref name="z"/>[row, column], rows along y and columns along x.</summary>
    public static ChartView Heatmap(string title, double[,] z, IReadOnlyList<double>? x = null, IReadOnlyList<double>? y = null,
        string xTitle = "", string yTitle = "")
    {
        ArgumentNullException.ThrowIfNull(z);
        int rows = z.GetLength(0), cols = z.GetLength(1);
        if (rows == 0 || cols == 0) throw new ArgumentException("The heatmap has no values.", nameof(z));
        if (x is not null && x.Count != cols) throw new ArgumentException($"x has {x.Count} values for {cols} columns.", nameof(x));
        if (y is not null && y.Count != rows) throw new ArgumentException($"y has {y.Count} values for {rows} rows.", nameof(y));
        var heatmap = new Trace2D("heatmap");
        heatmap.SetProperty("z", Enumerable.Range(0, rows).Select(r => Finite(Enumerable.Range(0, cols).Select(c => z[r, c]).ToArray())).ToArray());
        if (x is not null) heatmap.SetProperty("x", x.ToArray());
        if (y is not null) heatmap.SetProperty("y", y.ToArray());
        heatmap.SetProperty("colorscale", "Viridis");
        return Build([heatmap], Layout(title, xTitle, yTitle));
    }

    static ChartView TwoCurves(string title, string yTitle, Series a, Series b, Smoothing? smoothing, double? guide)
    {
        var traces = new List<Trace>();
        foreach (var (s, color) in new[] { (a, ColorD), (b, ColorG) })
        {
            var x = s.XOrIndex();
            if (smoothing is null)
            {
                traces.Add(Line(s.Name, x, s.Y, color, opacity: 1, showLegend: true, legendGroup: s.Name));
                continue;
            }
            traces.Add(Line(s.Name + " (raw)", x, s.Y, color, opacity: 0.3, showLegend: false, legendGroup: s.Name));
            traces.Add(Line($"{s.Name} ({smoothing.Label})", x, smoothing.Apply(s.Y), color, opacity: 1, showLegend: true, legendGroup: s.Name));
        }
        var layout = Layout(title, "step", yTitle);
        if (guide is double g)
            layout.SetProperty("shapes", new[] { new { type = "line", xref = "paper", x0 = 0, x1 = 1, y0 = g, y1 = g, line = new { dash = "dot", color = "#888", width = 1 } } });
        return Build(traces, layout);
    }

    static Trace Line(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, string? color, double opacity, bool showLegend, string? legendGroup)
    {
        var line = new Trace2D("scatter");
        line.SetProperty("mode", "lines");
        line.SetProperty("name", name);
        line.SetProperty("x", x.ToArray());
        line.SetProperty("y", Finite(y));
        line.SetProperty("opacity", opacity);
        line.SetProperty("showlegend", showLegend);
        if (legendGroup is not null) line.SetProperty("legendgroup", legendGroup);
        if (color is not null) line.SetProperty("line", new { color, width = opacity < 1 ? 1 : 2 });
        return line;
    }

    static Layout Layout(string title, string xTitle, string yTitle)
    {
        var layout = new Layout();
        layout.SetProperty("title", new { text = title });
        layout.SetProperty("xaxis", new { title = new { text = xTitle } });
        layout.SetProperty("yaxis", new { title = new { text = yTitle } });
        layout.SetProperty("margin", new { l = 60, r = 20, t = 50, b = 50 });
        layout.SetProperty("hovermode", "x unified");
        return layout;
    }

    static ChartView Build(IEnumerable<Trace> traces, Layout layout) =>
        new(GenericChart.setLayout(layout, GenericChart.ofTraceObjects(false, traces.ToArray())));

    /// <summary>NaN and ±∞ become null, which plotly.js draws as a gap (JSON has no NaN).</summary>
    static double?[] Finite(IReadOnlyList<double> values) => values.Select(v => double.IsFinite(v) ? v : (double?)null).ToArray();

    static void RequireSome(Series[] series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Length == 0) throw new ArgumentException("Give at least one series to chart.", nameof(series));
    }
}
