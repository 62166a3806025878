using System.Globalization;
using System.Text.RegularExpressions;
using Plotly.NET;

namespace GanNotebooks.Display;

/// <summary>
/// A Plotly.NET chart as a notebook output (text/html): a div and a script that draws it with plotly.js. The script
/// uses <c>window.Plotly</c> when the page has it (our HTML export inlines plotly.js), else an AMD loader when the page
/// has one (Jupyter), else loads plotly.js once from the CDN (VS Code notebooks).
/// </summary>
[TypeFormatterSource(typeof(ChartViewFormatters), PreferredMimeTypes = [Mime.Html])]
public sealed partial class ChartView
{
    static readonly Lazy<string> plotlyJsVersion = new(FindPlotlyJsVersion);

    /// <summary>Wraps <paramref name="chart"/>; <paramref name="height"/> (px) applies when its layout sets none.</summary>
    public ChartView(GenericChart chart, int height = 420)
    {
        ArgumentNullException.ThrowIfNull(chart);
        if (height < 50) throw new ArgumentException($"A chart needs a height of at least 50 px; got {height}.", nameof(height));
        Chart = chart;
        Height = height;
    }

    public GenericChart Chart { get; }

    public int Height { get; }

    /// <summary>The plotly.js version that Plotly.NET ships (read from its embedded plotly.min.js).</summary>
    public static string PlotlyJsVersion => plotlyJsVersion.Value;

    /// <summary>Where VS Code notebooks load plotly.js from (our HTML export inlines it instead).</summary>
    public static string PlotlyJsCdnUrl => $"https://cdn.plot.ly/plotly-{PlotlyJsVersion}.min.js";

    /// <summary>The chart's figure as JSON: {"data": [...], "layout": {...}, "frames": [...]}.</summary>
    public string ToFigureJson() => GenericChart.toFigureJson(Chart);

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
        string.Create(CultureInfo.InvariantCulture, $"Plotly chart with {GenericChart.countTrace(Chart)} trace(s)");

    static string FindPlotlyJsVersion()
    {
        foreach (string name in typeof(GenericChart).Assembly.GetManifestResourceNames())
            if (PlotlyResource().Match(name) is { Success: true } m) return m.Groups[1].Value;
        return "2.28.0";    // what Plotly.NET 6.0.0 embeds, should a later version rename its resource
    }

    [GeneratedRegex(@"plotly-(\d+\.\d+\.\d+)\.min\.js$")]
    private static partial Regex PlotlyResource();
}
