using System.Globalization;
using System.Text;

namespace GanNotebooks.Display;

/// <summary>
/// One frame of a training cell's live output: the progress line, a small chart of the losses so far and the current
/// samples of the fixed noise batch, plus a status line ("stopped at step 812 of 4680 — run the cell again to
/// continue"). Plain HTML with an inline SVG chart and a data-URI image, so it shows the same in VS Code, Jupyter, the
/// runner's executed notebook and the exported pages, with no script. <see cref="Training.TrainingLoop"/> shows it.
/// </summary>
/// <param name="Progress">Where the run is.</param>
/// <param name="Curves">Loss curves to chart, by name: the steps and the values (e.g. from <c>History.Series</c>).</param>
/// <param name="Samples">The current samples, or null.</param>
/// <param name="Status">A line under the frame (continuing, stopped, finished), or null.</param>
[TypeFormatterSource(typeof(TrainingViewFormatters), PreferredMimeTypes = [Mime.Html, Mime.Text])]
public sealed record TrainingView(TrainingProgress Progress,
    IReadOnlyList<(string Name, long[] Steps, double[] Values)> Curves, ImageGrid? Samples, string? Status)
{
    const int ChartWidth = 300, ChartHeight = 150, SamplesHeight = 232, Margin = 34, MaxPoints = 240;
    static readonly string[] Colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"];

    /// <summary>The progress line, then the status line when there is one.</summary>
    public override string ToString() => Status is null ? Progress.ToString() : $"{Progress}\n{Status}";

    /// <summary>The progress bar, the chart beside the samples, the status line.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder("<div class=\"gn-training\" style=\"font:13px/1.4 sans-serif\">");
        html.Append(Progress.ToHtml());
        html.Append("<div style=\"display:flex;gap:16px;align-items:flex-start;flex-wrap:wrap;margin-top:6px\">");
        html.Append(Chart());
        if (Samples is not null) html.Append(SamplesImage(Samples));
        html.Append("</div>");
        if (Status is not null) html.Append(CultureInfo.InvariantCulture, $"<div class=\"gn-training-status\" style=\"margin-top:4px;font-weight:600\">{Html.Encode(Status)}</div>");
        return html.Append("</div>").ToString();
    }

    /// <summary>The samples at about <see cref="SamplesHeight"/> pixels (pixelated, never blurred).</summary>
    static string SamplesImage(ImageGrid grid)
    {
        // A whole number of screen pixels per image pixel keeps the cells even; only a grid far taller than the
        // chart is scaled down.
        double scale = grid.Height <= 1.5 * SamplesHeight ? Math.Max(1, Math.Floor((double)SamplesHeight / grid.Height)) : (double)SamplesHeight / grid.Height;
        int height = (int)Math.Round(grid.Height * scale), width = (int)Math.Round(grid.Width * scale);
        return $"<img src=\"{Html.PngDataUri(grid.Png)}\" width=\"{width}\" height=\"{height}\" alt=\"current samples, {grid.Rows} × {grid.Columns}\" " +
               "style=\"image-rendering:pixelated;max-width:none;border:1px solid #ddd\">";
    }

    /// <summary>The curves as one inline SVG (raw values, at most <see cref="MaxPoints"/> points each), min and max on the axis.</summary>
    string Chart()
    {
        var curves = Curves.Where(c => c.Values.Length > 0).ToList();
        var svg = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"<svg class=\"gn-loss-chart\" width=\"{ChartWidth}\" height=\"{ChartHeight}\" viewBox=\"0 0 {ChartWidth} {ChartHeight}\" role=\"img\" aria-label=\"losses\" style=\"background:#fff;border:1px solid #ddd\">"));
        if (curves.Count == 0)
            return svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{ChartWidth / 2}\" y=\"{ChartHeight / 2}\" text-anchor=\"middle\" fill=\"#888\">losses appear here</text></svg>").ToString();
        long x0 = curves.Min(c => c.Steps[0]), x1 = Math.Max(x0 + 1, curves.Max(c => c.Steps[^1]));
        double y0 = curves.Min(c => c.Values.Min()), y1 = curves.Max(c => c.Values.Max());
        if (y1 - y0 < 1e-9) (y0, y1) = (y0 - 0.5, y1 + 0.5);
        double X(long step) => Margin + (ChartWidth - Margin - 6) * (double)(step - x0) / (x1 - x0);
        double Y(double v) => 6 + (ChartHeight - 24) * (1 - (v - y0) / (y1 - y0));
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"2\" y=\"14\" font-size=\"10\" fill=\"#555\">{Number(y1)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"2\" y=\"{ChartHeight - 18}\" font-size=\"10\" fill=\"#555\">{Number(y0)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{ChartWidth - 4}\" y=\"{ChartHeight - 4}\" font-size=\"10\" fill=\"#555\" text-anchor=\"end\">step {x1}</text>");
        for (int c = 0; c < curves.Count; c++)
        {
            var (name, steps, values) = curves[c];
            string color = Colors[c % Colors.Length];
            int stride = Math.Max(1, (values.Length + MaxPoints - 1) / MaxPoints);
            var points = Enumerable.Range(0, values.Length).Where(i => i % stride == 0 || i == values.Length - 1)
                .Select(i => $"{F(X(steps[i]))},{F(Y(values[i]))}");
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.3\" points=\"{string.Join(' ', points)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin + 4 + 70 * c}\" y=\"{ChartHeight - 4}\" font-size=\"10\" fill=\"{color}\">{Html.Encode(name)}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    static string Number(double v) => v.ToString(Math.Abs(v) >= 100 ? "0" : "0.00", CultureInfo.InvariantCulture);
}
