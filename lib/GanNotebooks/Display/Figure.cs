using System.Text.Json.Nodes;

namespace GanNotebooks.Display;

/// <summary>
/// A plotly.js figure built as JSON: <c>{"data": [trace, ...], "layout": {...}}</c>, the format plotly.js draws and
/// Plotly (Python), Plotly.NET and plotly.js itself read and write. The library writes this JSON itself rather than
/// through Plotly.NET: Plotly.NET 6 needs FSharp.Core 10.1, and the .NET Interactive kernel (VS Code Polyglot
/// Notebooks) has FSharp.Core 10.0 loaded before any notebook runs, so no Plotly.NET 6 chart can load there (see
/// environment.md). Attribute names are plotly.js's own (https://plotly.com/javascript/reference/).
/// Taught in notebook 01, through <see cref="Charts"/>, which builds every figure.
/// </summary>
/// <example>
/// <code>
/// var figure = new Figure().Layout("Two points", "x", "y");
/// figure.AddTrace(new JsonObject { ["type"] = "scatter", ["mode"] = "markers", ["x"] = Figure.Numbers([0.0, 1]), ["y"] = Figure.Numbers([1.0, 0]) });
/// display(figure.ToChart());
/// </code>
/// </example>
public sealed class Figure
{
    readonly JsonArray data = [];
    readonly JsonObject layout = [];

    /// <summary>The traces, in drawing order.</summary>
    public JsonArray Data => data;

    /// <summary>The layout: titles, axes, shapes, margins.</summary>
    public JsonObject LayoutObject => layout;

    /// <summary>Appends a trace (a JSON object with at least "type") and returns this figure.</summary>
    public Figure AddTrace(JsonObject trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        if (trace["type"] is null) throw new ArgumentException("A plotly.js trace needs a \"type\" (\"scatter\", \"bar\", \"heatmap\", ...).", nameof(trace));
        data.Add(trace);
        return this;
    }

    /// <summary>Sets the title, the axis titles and the course's margins and hover mode; returns this figure.</summary>
    public Figure Layout(string title, string xTitle, string yTitle)
    {
        layout["title"] = new JsonObject { ["text"] = title };
        layout["xaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = xTitle } };
        layout["yaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = yTitle } };
        layout["margin"] = new JsonObject { ["l"] = 60, ["r"] = 20, ["t"] = 50, ["b"] = 50 };
        layout["hovermode"] = "x unified";
        return this;
    }

    /// <summary>The figure as a notebook output.</summary>
    public ChartView ToChart(int height = ChartView.DefaultHeight) => new(ToJson(), height);

    /// <summary>The figure as compact JSON.</summary>
    public string ToJson() => new JsonObject { ["data"] = data.DeepClone(), ["layout"] = layout.DeepClone() }.ToJsonString();

    /// <summary>Numbers as a JSON array; NaN and ±∞ become null, which plotly.js draws as a gap (JSON has no NaN).</summary>
    public static JsonArray Numbers(IEnumerable<double> values) =>
        new(values.Select(v => double.IsFinite(v) ? JsonValue.Create(v) : null).ToArray<JsonNode?>());

    /// <summary>
    /// A matrix as a JSON array of rows, <c>z[row][column]</c> as plotly.js heat maps take it, each row as
    /// <see cref="Numbers"/>; <paramref name="decimals"/> rounds the values (smaller figures) when given.
    /// </summary>
    public static JsonArray Matrix(double[,] z, int? decimals = null)
    {
        ArgumentNullException.ThrowIfNull(z);
        int rows = z.GetLength(0), cols = z.GetLength(1);
        return new(Enumerable.Range(0, rows)
            .Select(r => (JsonNode?)Numbers(Enumerable.Range(0, cols).Select(c => decimals is int d ? Math.Round(z[r, c], d) : z[r, c])))
            .ToArray());
    }

    /// <summary>Strings as a JSON array (bar categories, hover texts).</summary>
    public static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
