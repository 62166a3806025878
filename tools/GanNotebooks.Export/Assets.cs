using System.Reflection;
using System.Text.RegularExpressions;
using GanNotebooks.Display;
using Plotly.NET;

namespace GanNotebooks.Export;

/// <summary>The scripts and styles inlined into every page (see assets/README.md), read once from resources.</summary>
internal static partial class Assets
{
    static readonly Assembly Self = typeof(Assets).Assembly;
    static readonly Lazy<string> LazyKatexCss = new(() => InlineFonts(Text("assets/katex/katex.min.css")));
    static readonly Lazy<string> LazyPlotlyScript = new(LoadPlotly);

    public static string PageCss => Text("assets/page.css");

    public static string RenderMathScript => Text("assets/render-math.js");

    public static string KatexScript => Text("assets/katex/katex.min.js");

    /// <summary>KaTeX's stylesheet with its woff2 fonts as data URIs.</summary>
    public static string KatexCss => LazyKatexCss.Value;

    /// <summary>The plotly.js that Plotly.NET embeds (the version our charts target).</summary>
    public static string PlotlyScript => LazyPlotlyScript.Value;

    public static string PlotlyVersion => PlotlyJs.Version;

    /// <summary>
    /// The shared assets folder of a site: (path relative to it, bytes). KaTeX's stylesheet names only its woff2 fonts,
    /// which are all the folder carries.
    /// </summary>
    public static IEnumerable<(string Path, byte[] Bytes)> SiteFiles()
    {
        var utf8 = new System.Text.UTF8Encoding(false);
        yield return ("page.css", utf8.GetBytes(PageCss));
        yield return ("render-math.js", utf8.GetBytes(RenderMathScript));
        yield return ("amd-stand-in.js", utf8.GetBytes(PageWriter.AmdStandIn));
        yield return ("plotly.min.js", utf8.GetBytes(PlotlyScript));
        yield return ("katex/katex.min.js", utf8.GetBytes(KatexScript));
        yield return ("katex/LICENSE", Bytes("assets/katex/LICENSE"));
        string css = FontSource().Replace(Text("assets/katex/katex.min.css"), m => $"src:url(fonts/{m.Groups[1].Value}.woff2) format(\"woff2\")");
        yield return ("katex/katex.min.css", utf8.GetBytes(css));
        foreach (string name in Self.GetManifestResourceNames().Where(n => n.StartsWith("assets/katex/fonts/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            yield return (name["assets/".Length..], Bytes(name));
    }

    static string Text(string name)
    {
        using var stream = Self.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The export's resource '{name}' is missing from {Self.GetName().Name}.dll; rebuild the project.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    static byte[] Bytes(string name)
    {
        using var stream = Self.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The export's resource '{name}' is missing from {Self.GetName().Name}.dll; rebuild the project.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Each @font-face's src list (woff2, woff, ttf URLs) becomes the woff2 file alone, as a data URI.</summary>
    static string InlineFonts(string css) => FontSource().Replace(css, m =>
        $"src:url(data:font/woff2;base64,{Convert.ToBase64String(Bytes($"assets/katex/fonts/{m.Groups[1].Value}.woff2"))}) format(\"woff2\")");

    static string LoadPlotly()
    {
        var plotlyNet = typeof(GenericChart).Assembly;
        string name = $"Plotly.NET.plotly-{PlotlyJs.Version}.min.js";
        using var stream = plotlyNet.GetManifestResourceStream(name) ?? throw new InvalidOperationException(
            $"{plotlyNet.GetName()} does not embed {name}, the plotly.js the course's charts are drawn with " +
            $"(lib/GanNotebooks.Common/Display/PlotlyJs.cs). Pin Plotly.NET back in Directory.Packages.props, or change PlotlyJs.Version " +
            $"to the version it embeds ({string.Join(", ", plotlyNet.GetManifestResourceNames().Where(n => n.EndsWith(".min.js", StringComparison.Ordinal)))}).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"src:url\(fonts/([A-Za-z0-9_-]+)\.woff2\)[^;}]*")]
    private static partial Regex FontSource();
}
