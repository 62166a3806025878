using System.Text.Json.Nodes;
using GanNotebooks.Display;

namespace GanNotebooks.Export.Tests;

/// <summary>
/// The executed-notebook fixture: TestData/executed.ipynb, hand-written, with its image, chart and slider outputs
/// filled in by our Display types at test time (so the fixture follows their real output).
/// </summary>
internal static class Fixture
{
    public static readonly ImageGrid Grid = MakeGrid(phase: 0);

    public static string Json => Fill(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "executed.ipynb")));

    /// <summary>Eight 8×8 grayscale images: diagonal ramps, shifted by <paramref name="phase"/>.</summary>
    public static ImageGrid MakeGrid(int phase)
    {
        const int n = 8, h = 8, w = 8;
        var pixels = new float[n * h * w];
        for (int i = 0; i < n; i++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    pixels[(i * h + y) * w + x] = ((x + y + i + phase) % 16) / 7.5f - 1f;
        return ImageGrid.From(pixels, n, 1, h, w, columns: 4, options: new GridOptions(Scale: 3));
    }

    public static ChartView Chart => Charts.Losses([0, 100, 200, 300], [1.2f, 0.9f, 0.7f, 0.65f], [0.8f, 1.1f, 1.3f, 1.35f]);

    public static GridSlider Slider => new GridSlider().Add("step 0", MakeGrid(2)).Add("step 100", MakeGrid(5)).Add("step 200", MakeGrid(9));

    static string Fill(string template)
    {
        var notebook = JsonNode.Parse(template)!;
        var values = new Dictionary<string, string>
        {
            ["@@GRID_PNG@@"] = Grid.ToBase64(),
            ["@@CHART_HTML@@"] = Chart.ToHtml(),
            ["@@SLIDER_HTML@@"] = Slider.ToHtml(),
        };
        Replace(notebook, values);
        return notebook.ToJsonString();
    }

    static void Replace(JsonNode node, Dictionary<string, string> values)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, child) in obj.ToArray())
                if (child is JsonValue v && v.TryGetValue(out string? s) && values.TryGetValue(s, out var value)) obj[key] = value;
                else if (child is not null) Replace(child, values);
        }
        else if (node is JsonArray array)
            foreach (var child in array) if (child is not null) Replace(child, values);
    }
}
