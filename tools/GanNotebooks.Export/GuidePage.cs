using System.Text;
using GanNotebooks.IO;

namespace GanNotebooks.Export;

/// <summary>
/// The teacher's guide on the site: <see cref="SourceFile"/> (Markdown, kept in the site folder, docs/teaching.md) rendered
/// to <see cref="PageFile"/> beside index.html with the pages' stylesheet, linked from the index.
/// </summary>
public static class GuidePage
{
    /// <summary>The guide's source in the site folder.</summary>
    public const string SourceFile = "teaching.md";

    /// <summary>The rendered guide.</summary>
    public const string PageFile = "teaching.html";

    /// <summary>
    /// Renders <paramref name="outDir"/>/teaching.md to teaching.html; returns the page's relative URL, or null (and writes
    /// nothing) when the folder has no guide.
    /// </summary>
    public static string? Write(string outDir)
    {
        string source = Path.Combine(outDir, SourceFile);
        if (!File.Exists(source)) return null;
        string markdown = File.ReadAllText(source);
        string title = MarkdownRenderer.FirstHeading(markdown) ?? "Teaching with GanNotebooks";
        var context = new PageContext(Path.GetFileNameWithoutExtension(PageFile)) { AssetsHref = "assets/" };
        var html = new StringBuilder();
        PageWriter.AppendDocumentStart(html, title, context, plotly: false);
        html.Append($"<nav class=\"pager\"><a href=\"{SiteBuilder.IndexFile}\">Contents</a></nav>\n")
            .Append("<main class=\"notebook guide\">\n<div class=\"cell markdown\">\n")
            .Append(MarkdownRenderer.ToHtml(markdown))
            .Append("</div>\n</main>\n");
        PageWriter.AppendMathScript(html, context);
        html.Append("</body>\n</html>\n");
        AtomicFile.WriteAllText(Path.Combine(outDir, PageFile), html.ToString());
        return PageFile;
    }
}
