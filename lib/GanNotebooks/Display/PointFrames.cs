using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Display;

/// <summary>
/// One moment of a 2-D training run: generated points and the discriminator's (or critic's) value on a square grid
/// behind them. Make one with <see cref="Capture"/>, draw a list with <see cref="PointFrames.Chart"/>.
/// Taught in notebook 04b.
/// </summary>
/// <param name="Label">The slider label, e.g. "step 500".</param>
/// <param name="X">x of each generated point.</param>
/// <param name="Y">y of each generated point.</param>
/// <param name="Axis">The grid coordinates, the same along x and y.</param>
/// <param name="Field">The value at (Axis[column], Axis[row]): rows along y, columns along x.</param>
public sealed record PointFrame(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y, IReadOnlyList<double> Axis, double[,] Field)
{
    /// <summary>
    /// Evaluates <paramref name="field"/> (points [M, 2] -> values [M], e.g. <c>x => torch.sigmoid(d.call(x))</c>) on a
    /// <paramref name="resolution"/>² grid over [−extent, extent]², under no_grad, and keeps <paramref name="points"/> [N, 2].
    /// </summary>
    public static PointFrame Capture(string label, Tensor points, Func<Tensor, Tensor> field, double extent = 3, int resolution = 41)
    {
        if (points.dim() != 2 || points.shape[1] != 2)
            throw new ArgumentException($"Expected points [N, 2]; got [{string.Join(", ", points.shape)}].", nameof(points));
        if (resolution < 2) throw new ArgumentException($"The grid needs at least 2 points per side; got {resolution}.", nameof(resolution));
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var device = points.device;
        var axis = torch.linspace(-extent, extent, resolution, dtype: ScalarType.Float32, device: device);  // [R]
        var gy = axis.view(-1, 1).expand(resolution, resolution);                                          // row i: y = axis[i]
        var gx = axis.view(1, -1).expand(resolution, resolution);                                          // column j: x = axis[j]
        var grid = torch.stack([gx.reshape(-1), gy.reshape(-1)], dim: 1);                                  // [R·R, 2]
        var values = field(grid).reshape(resolution, resolution).to(ScalarType.Float64).cpu().data<double>().ToArray();
        var xy = points.detach().to(ScalarType.Float64).cpu().data<double>().ToArray();                    // [N·2] row-major
        var f = new double[resolution, resolution];
        for (int i = 0; i < resolution; i++)
            for (int j = 0; j < resolution; j++) f[i, j] = values[i * resolution + j];
        double[] axisValues = axis.to(ScalarType.Float64).cpu().data<double>().ToArray();
        return new PointFrame(label, xy.Where((_, k) => k % 2 == 0).ToArray(), xy.Where((_, k) => k % 2 == 1).ToArray(), axisValues, f);
    }
}

/// <summary>
/// Generated 2-D points as a scatter over a heat map of the discriminator, one frame per moment of training, with a
/// slider to step through them (plotly.js: every frame's two traces are in the figure, the slider shows one pair).
/// Taught in notebook 04b.
/// </summary>
public static class PointFrames
{
    /// <summary>The frames as one chart, opened on the last frame; <paramref name="modes"/> [K, 2] are marked with crosses.</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="frames">Frames in training order (at least one).</param>
    /// <param name="modes">The true mode centres, [K, 2] as (x, y) pairs.</param>
    /// <param name="fieldName">What the heat map shows, e.g. "D(x)" or "critic value".</param>
    public static ChartView Chart(string title, IReadOnlyList<PointFrame> frames, IReadOnlyList<(double X, double Y)> modes, string fieldName)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count == 0) throw new ArgumentException("Give at least one frame to draw.", nameof(frames));
        var figure = new Figure().Layout(title, "x", "y");
        figure.LayoutObject["hovermode"] = "closest";
        figure.LayoutObject["yaxis"]!["scaleanchor"] = "x";
        int last = frames.Count - 1;
        for (int f = 0; f < frames.Count; f++)
        {
            figure.AddTrace(Heatmap(frames[f], fieldName, visible: f == last));
            figure.AddTrace(new JsonObject
            {
                ["type"] = "scatter", ["mode"] = "markers", ["name"] = "G(z)", ["visible"] = f == last,
                ["x"] = Rounded(frames[f].X), ["y"] = Rounded(frames[f].Y),
                ["marker"] = new JsonObject { ["size"] = 3, ["color"] = "white", ["opacity"] = 0.7 },
            });
        }
        figure.AddTrace(new JsonObject
        {
            ["type"] = "scatter", ["mode"] = "markers", ["name"] = "modes",
            ["x"] = Figure.Numbers(modes.Select(m => m.X)), ["y"] = Figure.Numbers(modes.Select(m => m.Y)),
            ["marker"] = new JsonObject { ["symbol"] = "x", ["size"] = 9, ["color"] = "red" },
        });
        figure.LayoutObject["sliders"] = new JsonArray(Slider(frames, last));
        figure.LayoutObject["margin"]!["b"] = 90;
        return figure.ToChart(height: 560);
    }

    static JsonObject Heatmap(PointFrame frame, string fieldName, bool visible)
    {
        int rows = frame.Field.GetLength(0), cols = frame.Field.GetLength(1);
        if (rows != frame.Axis.Count || cols != frame.Axis.Count)
            throw new ArgumentException($"Frame '{frame.Label}': a {rows}×{cols} field for {frame.Axis.Count} grid points per side.");
        return new JsonObject
        {
            ["type"] = "heatmap", ["name"] = fieldName, ["visible"] = visible, ["colorscale"] = "Viridis",
            ["x"] = Figure.Numbers(frame.Axis), ["y"] = Figure.Numbers(frame.Axis),
            ["z"] = Figure.Matrix(frame.Field, Decimals),
            ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = fieldName } },
        };
    }

    static JsonObject Slider(IReadOnlyList<PointFrame> frames, int active)
    {
        int traces = 2 * frames.Count + 1;                                    // heat map + points per frame, then the modes
        var steps = new JsonArray();
        for (int f = 0; f < frames.Count; f++)
        {
            var visible = new JsonArray(Enumerable.Range(0, traces).Select(t => (JsonNode?)(t / 2 == f || t == traces - 1)).ToArray());
            steps.Add(new JsonObject
            {
                ["label"] = frames[f].Label, ["method"] = "restyle",
                ["args"] = new JsonArray(new JsonObject { ["visible"] = visible }),
            });
        }
        return new JsonObject { ["active"] = active, ["steps"] = steps, ["currentvalue"] = new JsonObject { ["prefix"] = "" }, ["pad"] = new JsonObject { ["t"] = 40 } };
    }

    /// <summary>Three decimals are plenty for a picture and keep a chart of many frames small.</summary>
    const int Decimals = 3;

    static JsonArray Rounded(IEnumerable<double> values) => Figure.Numbers(values.Select(v => Math.Round(v, Decimals)));
}
