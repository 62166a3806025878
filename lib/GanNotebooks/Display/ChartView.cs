using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GanNotebooks.Display;

/// <summary>
/// A plotly.js figure as a notebook output (text/html): a div and a script that draws it with plotly.js. The script
/// uses <c>window.Plotly</c> when the page has it (our HTML export ships plotly.js), else an AMD loader when the page
/// has one (Jupyter, the .NET Interactive kernel's require.js), else loads plotly.js once from the CDN (VS Code).
/// Build one with <see cref="Charts"/> or <see cref="Figure"/>, or from any plotly.js figure JSON (e.g. Plotly.NET's
/// <c>GenericChart.toFigureJson</c> in a process where Plotly.NET loads, or Python's <c>fig.to_json()</c>).
/// Taught in notebook 01.
/// </summary>
[TypeFormatterSource(typeof(ChartViewFormatters), PreferredMimeTypes = [Mime.Html])]
public sealed class ChartView
{
    /// <summary>The height (px) a chart gets when its layout sets none.</summary>
    public const int DefaultHeight = 420;

    /// <summary>The plotly.js version the charts are drawn with (see <see cref="PlotlyJs"/>).</summary>
    public const string PlotlyJsVersion = PlotlyJs.Version;

    readonly string figureJson;
    readonly int traceCount;

    /// <summary>Wraps a plotly.js figure, <c>{"data": [...], "layout": {...}}</c>; <paramref name="height"/> (px) applies when its layout sets none.</summary>
    public ChartView(string figureJson, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(figureJson);
        if (height < 50) throw new ArgumentException($"A chart needs a height of at least 50 px; got {height}.", nameof(height));
        JsonNode? figure;
        try { figure = JsonNode.Parse(figureJson); }
        catch (JsonException e) { throw new ArgumentException($"The figure is not valid JSON ({e.Message}); pass a plotly.js figure {{\"data\": [...], \"layout\": {{...}}}}.", nameof(figureJson), e); }
        if (figure is not JsonObject { } obj || obj["data"] is not JsonArray data)
            throw new ArgumentException("A plotly.js figure is a JSON object with a \"data\" array of traces (and usually a \"layout\" object).", nameof(figureJson));
        if (obj["layout"] is null) obj["layout"] = new JsonObject();
        this.figureJson = obj.ToJsonString();
        traceCount = data.Count;
        Height = height;
    }

    public int Height { get; }

    /// <summary>Where VS Code and Jupyter load plotly.js from (our HTML export ships it instead).</summary>
    public static string PlotlyJsCdnUrl => $"https://cdn.plot.ly/plotly-{PlotlyJsVersion}.min.js";

    /// <summary>The chart's figure as JSON: {"data": [...], "layout": {...}}.</summary>
    public string ToFigureJson() => figureJson;

    /// <summary>The output HTML: self-contained except for plotly.js itself (see the class summary).</summary>
    public string ToHtml()
    {
        string id = Html.NewId("gn-chart");
        string figure = Html.ScriptSafeJson(ToFigureJson());
        string cdn = PlotlyJsCdnUrl;
        string amdPath = cdn[..^".js".Length];
        return $$"""
            <div class="gn-chart"><div id="{{id}}" style="width:100%;min-height:{{Height}}px"></div>
            <script type="text/javascript">
            (function () {
              var figure = {{figure}};
              if (figure.layout.height === undefined) figure.layout.height = {{Height}};
              var config = { responsive: true, displaylogo: false };
              function draw(Plotly) { Plotly.newPlot('{{id}}', figure.data, figure.layout, config); }
              function failed() {
                document.getElementById('{{id}}').textContent =
                  'plotly.js could not be loaded from {{cdn}} (offline?); the chart needs it to draw.';
              }
              if (window.Plotly) { draw(window.Plotly); return; }
              if (typeof window.requirejs === 'function' && typeof window.requirejs.config === 'function') {
                window.requirejs.config({ paths: { plotly: '{{amdPath}}' } });
                window.requirejs(['plotly'], draw, failed);
                return;
              }
              var queue = window.__gnPlotlyQueue = window.__gnPlotlyQueue || [];
              queue.push(draw);
              if (queue.length > 1) return;
              var amd = window.define; window.define = undefined;
              var script = document.createElement('script');
              script.src = '{{cdn}}';
              script.onload = function () { window.define = amd; while (queue.length) queue.shift()(window.Plotly); };
              script.onerror = function () { window.define = amd; queue.length = 0; failed(); };
              document.head.appendChild(script);
            })();
            </script></div>
            """;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Plotly chart with {traceCount} trace(s)");
}
