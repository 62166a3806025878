using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using GanNotebooks.Ipynb;

namespace GanNotebooks.Export;

/// <summary>Assembles a page: head with the assets (inlined or linked, see <see cref="PageContext"/>), a header, the cells.</summary>
internal static partial class PageWriter
{
    /// <summary>
    /// Chart HTML written for Jupyter asks an AMD loader for plotly.js. The page carries plotly.js, so a stand-in
    /// loader hands it over at once (and requests nothing).
    /// </summary>
    internal const string AmdStandIn = """
        if (typeof window.requirejs === 'undefined') {
          window.requirejs = function (deps, callback) { if (typeof callback === 'function') callback(window.Plotly); };
          window.requirejs.config = function () { return window.requirejs; };
          if (typeof window.require === 'undefined') window.require = window.requirejs;
        }
        """;

    public static string Write(Notebook notebook, PageContext context)
    {
        bool plotly = notebook.Cells.SelectMany(c => c.Outputs).Any(OutputRenderer.UsesPlotly);
        var page = new StringBuilder(1 << 20);
        AppendDocumentStart(page, PageFacts.Title(notebook, context.Name), context, plotly);
        AppendNavigation(page, context);
        page.Append("<main class=\"notebook\">\n");
        AppendHeader(page, notebook, context.Name);
        foreach (var cell in notebook.Cells) AppendCell(page, cell, context);
        page.Append("</main>\n");
        AppendNavigation(page, context);
        AppendMathScript(page, context);
        return page.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>
    /// The start of a page up to the opening body tag: doctype, meta, title, the stylesheet and KaTeX (inlined, or from
    /// the site's assets folder) and, when <paramref name="plotly"/>, plotly.js. Shared by the notebook pages and the
    /// site's guide page.
    /// </summary>
    internal static void AppendDocumentStart(StringBuilder page, string title, PageContext context, bool plotly)
    {
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"GanNotebooks.Export\">\n")
            .Append(CultureInfo.InvariantCulture, $"<title>{Encode(title)}</title>\n");
        AppendHead(page, context, plotly);
        page.Append("</head>\n<body>\n");
    }

    /// <summary>The script that typesets the page's math, inlined or from the assets folder; last in the body.</summary>
    internal static void AppendMathScript(StringBuilder page, PageContext context) =>
        AppendScript(page, context, "render-math", "render-math.js", Assets.RenderMathScript);

    static void AppendHead(StringBuilder page, PageContext context, bool plotly)
    {
        if (context.Inline)
            page.Append(CultureInfo.InvariantCulture, $"<style>\n{Assets.PageCss}</style>\n<style data-asset=\"katex\">{Assets.KatexCss}</style>\n");
        else
            page.Append(CultureInfo.InvariantCulture, $"<link rel=\"stylesheet\" href=\"{context.AssetsHref}page.css\">\n")
                .Append(CultureInfo.InvariantCulture, $"<link rel=\"stylesheet\" href=\"{context.AssetsHref}katex/katex.min.css\">\n");
        AppendScript(page, context, "katex", "katex/katex.min.js", Assets.KatexScript);
        if (!plotly) return;
        AppendScript(page, context, $"plotly.js {Assets.PlotlyVersion}", "plotly.min.js", Assets.PlotlyScript);
        AppendScript(page, context, "amd-stand-in", "amd-stand-in.js", AmdStandIn);
    }

    /// <summary>A script inlined (alone) or linked from the assets folder (in a site).</summary>
    static void AppendScript(StringBuilder page, PageContext context, string asset, string file, string script)
    {
        if (!context.Inline)
        {
            page.Append(CultureInfo.InvariantCulture, $"<script data-asset=\"{Encode(asset)}\" src=\"{context.AssetsHref}{file}\"></script>\n");
            return;
        }
        page.Append(CultureInfo.InvariantCulture, $"<script data-asset=\"{Encode(asset)}\">\n")
            .Append(script.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase))
            .Append("\n</script>\n");
    }

    static void AppendNavigation(StringBuilder page, PageContext context)
    {
        if (context.Index is null && context.Previous is null && context.Next is null) return;
        page.Append("<nav class=\"site-nav\">");
        if (context.Previous is { } previous) page.Append(CultureInfo.InvariantCulture, $"<a class=\"prev\" rel=\"prev\" href=\"{Encode(previous.Href)}\">← {Encode(previous.Title)}</a>");
        else page.Append("<span class=\"prev\"></span>");
        if (context.Index is { } index) page.Append(CultureInfo.InvariantCulture, $"<a class=\"toc\" href=\"{Encode(index.Href)}\">{Encode(index.Title)}</a>");
        if (context.Next is { } next) page.Append(CultureInfo.InvariantCulture, $"<a class=\"next\" rel=\"next\" href=\"{Encode(next.Href)}\">{Encode(next.Title)} →</a>");
        else page.Append("<span class=\"next\"></span>");
        page.Append("</nav>\n");
    }

    static void AppendHeader(StringBuilder page, Notebook notebook, string notebookName)
    {
        page.Append("<header class=\"nb-header\">").Append(CultureInfo.InvariantCulture, $"<span class=\"nb-name\">{Encode(notebookName)}</span>");
        if (ExecutionInfo.From(notebook.Metadata)?.Describe() is { Length: > 0 } run)
            page.Append(CultureInfo.InvariantCulture, $" · <span class=\"nb-run\">{Encode(run)}</span>");
        page.Append(CultureInfo.InvariantCulture, $" · <span class=\"nb-params\">{Encode(PageFacts.ParametersText(notebook))}</span>");
        if (notebook.Cells.Any(c => c.Type == "code" && c.Source.Contains(StudentEdition.BeginSolution, StringComparison.Ordinal)))
            page.Append(" · <span class=\"nb-edition\">teacher's edition: the exercises are shown solved (the student edition has stubs)</span>");
        page.Append("</header>\n");
    }

    static void AppendCell(StringBuilder page, Cell cell, PageContext context)
    {
        switch (cell.Type)
        {
            case "markdown":
                string markdown = MarkdownRenderer.ToHtml(cell.Source, cell.Attachments);
                page.Append(CultureInfo.InvariantCulture, $"<section class=\"cell markdown md\">\n{StoreImages(markdown, context)}</section>\n");
                break;
            case "code":
                AppendCodeCell(page, cell, context);
                break;
            default:
                page.Append(CultureInfo.InvariantCulture, $"<section class=\"cell raw\"><pre>{Encode(cell.Source)}</pre></section>\n");
                break;
        }
    }

    static void AppendCodeCell(StringBuilder page, Cell cell, PageContext context)
    {
        string language = cell.Language;
        bool csharp = language is "csharp" or "C#" or "c#";
        string code = csharp ? CSharpHighlighter.Highlight(cell.Source) : Encode(cell.Source);
        page.Append("<section class=\"cell code\">\n<div class=\"input\">")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"prompt in\">In&nbsp;[{cell.ExecutionCount?.ToString(CultureInfo.InvariantCulture) ?? "&nbsp;"}]:</div>")
            .Append(CultureInfo.InvariantCulture, $"<pre class=\"source\"><code class=\"language-{Encode(csharp ? "csharp" : language)}\">{code}</code></pre></div>\n");
        var outputs = cell.Outputs.Select(o => (Output: o, Html: OutputRenderer.Render(o))).Where(o => o.Html is not null).ToList();
        if (outputs.Count > 0)
        {
            page.Append("<div class=\"outputs\">\n");
            foreach (var (output, html) in outputs)
            {
                string prompt = output.Type == "execute_result" && output.ExecutionCount is int n ? $"Out[{n}]:" : "";
                page.Append(CultureInfo.InvariantCulture, $"<div class=\"output {output.Type}\"><div class=\"prompt out\">{prompt}</div>")
                    .Append(CultureInfo.InvariantCulture, $"<div class=\"content\">{StoreImages(Offline(html!), context)}{Animation(html!, context)}</div></div>\n");
            }
            page.Append("</div>\n");
        }
        page.Append("</section>\n");
    }

    /// <summary>After a GridSlider with two frames or more: the same frames as an animated GIF.</summary>
    static string Animation(string outputHtml, PageContext context)
    {
        var frames = ProgressAnimation.SliderFrames(outputHtml);
        if (frames.Count < 2) return "";
        byte[] gif;
        try { gif = ProgressAnimation.EncodeGif(frames.Select(f => f.Png).ToList()); }
        catch (ArgumentException) { return ""; }      // frames of different sizes: the slider alone shows them
        string url = context.ImageUrl("image/gif", gif, "progress");
        return $"<figure class=\"gn-animation\"><img src=\"{Encode(url)}\" alt=\"training progress, {frames.Count} frames\">" +
               $"<figcaption>The {frames.Count} frames above as an animation ({Encode(frames[0].Label)} to {Encode(frames[^1].Label)}).</figcaption></figure>";
    }

    /// <summary>In a site, images in data URIs become files (see <see cref="PageContext.StoreImage"/>).</summary>
    static string StoreImages(string html, PageContext context) => context.StoreImage is null ? html :
        DataImage().Replace(html, m => context.ImageUrl(m.Groups["mime"].Value,
            Convert.FromBase64String(m.Groups["data"].Value), "image"));

    /// <summary>
    /// Output HTML may name CDN copies of plotly.js, require.js or MathJax (in script src attributes or in loader
    /// code). The page carries what charts need, so those URLs become empty scripts: nothing is fetched.
    /// </summary>
    internal static string Offline(string html) => CdnScript().Replace(html, "data:text/javascript,");

    static string Encode(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex(@"https?://(?:cdn\.plot\.ly/|cdnjs\.cloudflare\.com/ajax/libs/(?:require\.js|mathjax)/|cdn\.jsdelivr\.net/npm/(?:plotly|mathjax|requirejs))[^'""\s<>)]*")]
    private static partial Regex CdnScript();

    [GeneratedRegex(@"data:(?<mime>image/(?:png|jpeg|gif));base64,(?<data>[A-Za-z0-9+/=]+)")]
    private static partial Regex DataImage();
}
