using System.Text.Json.Nodes;
using GanNotebooks.Display;

namespace GanNotebooks.Tests.Display;

public class PointFramesTests
{
    static PointFrame Frame(string label, float shift)
    {
        using var points = torch.tensor(new float[,] { { 1, 2 }, { -1, 0.5f } }) + shift;
        return PointFrame.Capture(label, points, x => x[.., 0] + 10 * x[.., 1], extent: 1, resolution: 3);
    }

    [Fact]
    public void CaptureEvaluatesTheFieldWithRowsAlongYAndColumnsAlongX()
    {
        var frame = Frame("step 0", 0);
        Assert.Equal([-1.0, 0, 1], frame.Axis);
        Assert.Equal(-1 + 10 * -1, frame.Field[0, 0], 6);          // row 0: y = −1, column 0: x = −1
        Assert.Equal(1 + 10 * -1, frame.Field[0, 2], 6);           // x = 1
        Assert.Equal(-1 + 10 * 1, frame.Field[2, 0], 6);           // y = 1
        Assert.Equal([1.0, -1], frame.X);
        Assert.Equal([2.0, 0.5], frame.Y);
    }

    [Fact]
    public void TheSliderShowsOneFramesTwoTracesAndAlwaysTheModes()
    {
        var chart = PointFrames.Chart("ring", [Frame("step 0", 0), Frame("step 1", 0.25f)], [(1, 0), (-1, 0)], "D(x)");
        var figure = JsonNode.Parse(chart.ToFigureJson())!;
        var data = figure["data"]!.AsArray();
        Assert.Equal(["heatmap", "scatter", "heatmap", "scatter", "scatter"], data.Select(t => (string)t!["type"]!));
        Assert.Equal([false, false, true, true], data.Take(4).Select(t => (bool)t!["visible"]!));   // opens on the last frame
        Assert.Equal([1.25, -0.75], data[3]!["x"]!.AsArray().Select(v => v!.GetValue<double>()));
        var steps = figure["layout"]!["sliders"]![0]!["steps"]!.AsArray();
        Assert.Equal(["step 0", "step 1"], steps.Select(s => (string)s!["label"]!));
        var firstVisible = steps[0]!["args"]![0]!["visible"]!.AsArray().Select(v => v!.GetValue<bool>());
        Assert.Equal([true, true, false, false, true], firstVisible);
    }
}
