using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace GanNotebooks.Export;

/// <summary>Assembles the page: head with the inlined assets, a header line, then the cells.</summary>
internal static partial class PageWriter
{
    /// <summary>
    /// Chart HTML written for Jupyter asks an AMD loader for plotly.js. The page inlines plotly.js, so a stand-in
    /// loader hands it over at once (and requests nothing).
    /// </summary>
    const string AmdStandIn = """
        if (typeof window.requirejs === 'undefined') {
          window.requirejs = function (deps, callback) { if (typeof callback === 'function') callback(window.Plotly); };
          window.requirejs.config = function () { return window.requirejs; };
          if (typeof window.require === 'undefined') window.require = window.requirejs;
        }
        """;

    public static string Write(Notebook notebook, string notebookName)
    {
        bool plotly = notebook.Cells.SelectMany(c => c.Outputs).Any(OutputRenderer.UsesPlotly);
        string title = notebook.Cells.Where(c => c.Type == "markdown").Select(c => MarkdownRenderer.FirstHeading(c.Source))
            .FirstOrDefault(t => t is not null) ?? notebookName;
        var page = new StringBuilder(1 << 20);
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"GanNotebooks.Export\">\n")
            .Append($"<title>{Encode(title)}</title>\n")
            .Append($"<style>\n{Assets.PageCss}</style>\n<style data-asset=\"katex\">{Assets.KatexCss}</style>\n");
        AppendScript(page, "katex", Assets.KatexScript);
        if (plotly)
        {
            AppendScript(page, $"plotly.js {Assets.PlotlyVersion}", Assets.PlotlyScript);
            AppendScript(page, "amd-stand-in", AmdStandIn);
        }
        page.Append("</head>\n<body>\n<main class=\"notebook\">\n");
        AppendHeader(page, notebook, notebookName);
        foreach (var cell in notebook.Cells) AppendCell(page, cell);
        page.Append("</main>\n");
        AppendScript(page, "render-math", Assets.RenderMathScript);
        return page.Append("</body>\n</html>\n").ToString();
    }

    static void AppendScript(StringBuilder page, string asset, string script) =>
        page.Append($"<script data-asset=\"{Encode(asset)}\">\n")
            .Append(script.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase))
            .Append("\n</script>\n");

    static void AppendHeader(StringBuilder page, Notebook notebook, string notebookName)
    {
        page.Append("<header class=\"nb-header\">").Append($"<span class=\"nb-name\">{Encode(notebookName)}</span>");
        if (ExecutionInfo.From(notebook.Metadata)?.Describe() is { Length: > 0 } run)
            page.Append($" · <span class=\"nb-run\">{Encode(run)}</span>");
        page.Append("</header>\n");
    }

    static void AppendCell(StringBuilder page, Cell cell)
    {
        switch (cell.Type)
        {
            case "markdown":
                page.Append($"<section class=\"cell markdown md\">\n{MarkdownRenderer.ToHtml(cell.Source, cell.Attachments)}</section>\n");
                break;
            case "code":
                AppendCodeCell(page, cell);
                break;
            default:
                page.Append($"<section class=\"cell raw\"><pre>{Encode(cell.Source)}</pre></section>\n");
                break;
        }
    }

    static void AppendCodeCell(StringBuilder page, Cell cell)
    {
        string language = cell.Language;
        bool csharp = language is "csharp" or "C#" or "c#";
        string code = csharp ? CSharpHighlighter.Highlight(cell.Source) : Encode(cell.Source);
        page.Append("<section class=\"cell code\">\n<div class=\"input\">")
            .Append($"<div class=\"prompt in\">In&nbsp;[{cell.ExecutionCount?.ToString() ?? "&nbsp;"}]:</div>")
            .Append($"<pre class=\"source\"><code class=\"language-{Encode(csharp ? "csharp" : language)}\">{code}</code></pre></div>\n");
        if (cell.Outputs.Count > 0)
        {
            page.Append("<div class=\"outputs\">\n");
            foreach (var output in cell.Outputs)
            {
                if (OutputRenderer.Render(output) is not { } html) continue;
                string prompt = output.Type == "execute_result" && output.ExecutionCount is int n ? $"Out[{n}]:" : "";
                page.Append($"<div class=\"output {output.Type}\"><div class=\"prompt out\">{prompt}</div>")
                    .Append($"<div class=\"content\">{Offline(html)}</div></div>\n");
            }
            page.Append("</div>\n");
        }
        page.Append("</section>\n");
    }

    /// <summary>
    /// Output HTML may name CDN copies of plotly.js, require.js or MathJax (in script src attributes or in loader
    /// code). The page inlines what charts need, so those URLs become empty scripts: nothing is fetched.
    /// </summary>
    internal static string Offline(string html) => CdnScript().Replace(html, "data:text/javascript,");

    static string Encode(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex(@"https?://(?:cdn\.plot\.ly/|cdnjs\.cloudflare\.com/ajax/libs/(?:require\.js|mathjax)/|cdn\.jsdelivr\.net/npm/(?:plotly|mathjax|requirejs))[^'""\s<>)]*")]
    private static partial Regex CdnScript();
}
