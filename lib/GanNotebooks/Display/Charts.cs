using System.Text.Json.Nodes;
using GanNotebooks.Training;

namespace GanNotebooks.Display;

/// <summary>
/// The charts the notebooks draw, as plotly.js figures (see <see cref="Figure"/> for why the library writes the JSON
/// itself). Each returns a <see cref="ChartView"/>. Taught in notebook 01 (losses, D outputs), used in every notebook.
/// </summary>
public static class Charts
{
    const string ColorD = "#1f77b4", ColorG = "#ff7f0e";

    /// <summary>Discriminator and generator loss per step; with <paramref name="smoothing"/>, the raw curves are drawn faint under the smoothed ones.</summary>
    public static ChartView Losses(IReadOnlyList<int> steps, IReadOnlyList<float> lossD, IReadOnlyList<float> lossG, Smoothing? smoothing = null) =>
        TwoCurves("Losses", "loss", Series.Of("lossD", lossD, steps), Series.Of("lossG", lossG, steps), smoothing, guide: null);

    /// <summary>
    /// Both losses of a run from its history, each at its own steps: lossD at every point, lossG only where the
    /// generator was updated (every n_critic-th step for the WGANs, <see cref="StepResult.LossG"/>).
    /// <paramref name="title"/> names the run when a notebook shows several (notebook 10).
    /// </summary>
    public static ChartView Losses(TrainingHistory history, Smoothing? smoothing = null, string title = "Losses")
    {
        ArgumentNullException.ThrowIfNull(history);
        return TwoCurves(title, "loss", Of("lossD", history, r => r.LossD), Of("lossG", history, r => r.LossG), smoothing, guide: null);
    }

    /// <summary>
    /// The discriminator's mean output on real images, D(x), and on generated ones, D(G(z)), per step, with a dotted
    /// line at 0.5, where an optimal D sits when p_g = p_data.
    /// </summary>
    public static ChartView DiscriminatorOutputs(IReadOnlyList<int> steps, IReadOnlyList<float> dReal, IReadOnlyList<float> dFake, Smoothing? smoothing = null) =>
        TwoCurves("Discriminator outputs", "mean D output", Series.Of("D(x)", dReal, steps), Series.Of("D(G(z))", dFake, steps), smoothing, guide: 0.5);

    /// <summary><see cref="DiscriminatorOutputs(IReadOnlyList{int}, IReadOnlyList{float}, IReadOnlyList{float}, Smoothing?)"/> from a run's history.</summary>
    public static ChartView DiscriminatorOutputs(TrainingHistory history, Smoothing? smoothing = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        return TwoCurves("Discriminator outputs", "mean D output", Of("D(x)", history, r => r.DReal), Of("D(G(z))", history, r => r.DFake), smoothing, guide: 0.5);
    }

    /// <summary>A line chart of any number of series.</summary>
    public static ChartView Lines(string title, string xTitle, string yTitle, params Series[] series)
    {
        RequireSome(series);
        var figure = new Figure().Layout(title, xTitle, yTitle);
        foreach (var s in series) figure.AddTrace(Line(s.Name, s.XOrIndex(), s.Y, color: null, opacity: 1, showLegend: true, legendGroup: null));
        return figure.ToChart();
    }

    /// <summary>A scatter plot (markers) of any number of series: points (X[i], Y[i]).</summary>
    public static ChartView Scatter(string title, string xTitle, string yTitle, params Series[] series)
    {
        RequireSome(series);
        var figure = new Figure().Layout(title, xTitle, yTitle);
        figure.LayoutObject["hovermode"] = "closest";
        foreach (var s in series)
            figure.AddTrace(new JsonObject
            {
                ["type"] = "scatter", ["mode"] = "markers", ["name"] = s.Name,
                ["x"] = Figure.Numbers(s.XOrIndex()), ["y"] = Figure.Numbers(s.Y), ["marker"] = new JsonObject { ["size"] = 4 },
            });
        return figure.ToChart();
    }

    /// <summary>A grouped bar chart: one bar per category for each series (e.g. FID per model variant).</summary>
    public static ChartView Bars(string title, string yTitle, IReadOnlyList<string> categories, params Series[] series)
    {
        ArgumentNullException.ThrowIfNull(categories);
        RequireSome(series);
        var figure = new Figure().Layout(title, "", yTitle);
        foreach (var s in series)
        {
            if (s.Y.Count != categories.Count)
                throw new ArgumentException($"Series '{s.Name}' has {s.Y.Count} values for {categories.Count} categories; give one value per category.");
            figure.AddTrace(new JsonObject { ["type"] = "bar", ["name"] = s.Name, ["x"] = Figure.Strings(categories), ["y"] = Figure.Numbers(s.Y) });
        }
        figure.LayoutObject["barmode"] = "group";
        return figure.ToChart();
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
        var heatmap = new JsonObject
        {
            ["type"] = "heatmap",
            ["z"] = Figure.Matrix(z),
            ["colorscale"] = "Viridis",
        };
        if (x is not null) heatmap["x"] = Figure.Numbers(x);
        if (y is not null) heatmap["y"] = Figure.Numbers(y);
        return new Figure().Layout(title, xTitle, yTitle).AddTrace(heatmap).ToChart();
    }

    /// <summary>A history's quantity where it is present (<see cref="TrainingHistory.Series"/>), widened as <see cref="Series.Of(string, IEnumerable{float}, IEnumerable{int}?)"/> does.</summary>
    static Series Of(string name, TrainingHistory history, Func<StepResult, float?> pick)
    {
        var (steps, values) = history.Series(pick);
        return new(name, values.Select(v => Series.Widen((float)v)).ToArray(), steps.Select(t => (double)t).ToArray());
    }

    static ChartView TwoCurves(string title, string yTitle, Series a, Series b, Smoothing? smoothing, double? guide)
    {
        var figure = new Figure().Layout(title, "step", yTitle);
        foreach (var (s, color) in new[] { (a, ColorD), (b, ColorG) })
        {
            var x = s.XOrIndex();
            if (smoothing is null)
            {
                figure.AddTrace(Line(s.Name, x, s.Y, color, opacity: 1, showLegend: true, legendGroup: s.Name));
                continue;
            }
            figure.AddTrace(Line(s.Name + " (raw)", x, s.Y, color, opacity: 0.3, showLegend: false, legendGroup: s.Name));
            figure.AddTrace(Line($"{s.Name} ({smoothing.Label})", x, smoothing.Apply(s.Y), color, opacity: 1, showLegend: true, legendGroup: s.Name));
        }
        if (guide is double g)
            figure.LayoutObject["shapes"] = new JsonArray(new JsonObject
            {
                ["type"] = "line", ["xref"] = "paper", ["x0"] = 0, ["x1"] = 1, ["y0"] = g, ["y1"] = g,
                ["line"] = new JsonObject { ["dash"] = "dot", ["color"] = "#888", ["width"] = 1 },
            });
        return figure.ToChart();
    }

    static JsonObject Line(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, string? color, double opacity, bool showLegend, string? legendGroup)
    {
        var line = new JsonObject
        {
            ["type"] = "scatter", ["mode"] = "lines", ["name"] = name,
            ["x"] = Figure.Numbers(x), ["y"] = Figure.Numbers(y), ["opacity"] = opacity, ["showlegend"] = showLegend,
        };
        if (legendGroup is not null) line["legendgroup"] = legendGroup;
        if (color is not null) line["line"] = new JsonObject { ["color"] = color, ["width"] = opacity < 1 ? 1 : 2 };
        return line;
    }

    static void RequireSome(Series[] series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Length == 0) throw new ArgumentException("Give at least one series to chart.", nameof(series));
    }
}
