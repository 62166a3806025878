using System.Text.Json.Nodes;
using GanNotebooks.Ipynb;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace GanNotebooks.Export;

/// <summary>
/// Markdown cells to HTML with Markdig. Math is left as TeX in <c>.math</c> elements (inline: span, display: div or
/// span.display) for KaTeX to typeset in the page; fenced C# blocks are coloured like code cells.
/// </summary>
internal static class MarkdownRenderer
{
    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseMathematics()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseTaskLists()
        .UseFootnotes()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .Build();

    public static string ToHtml(string markdown, JsonObject? attachments = null)
    {
        var document = Markdown.Parse(InlineAttachments(markdown, attachments), Pipeline);
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.ReplaceOrAdd<HtmlMathInlineRenderer>(new MathInlineRenderer());
        renderer.ObjectRenderers.ReplaceOrAdd<CodeBlockRenderer>(new HighlightingCodeBlockRenderer());
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>The first heading's text (markup and math delimiters removed), or null.</summary>
    public static string? FirstHeading(string markdown)
    {
        var heading = Markdown.Parse(markdown, Pipeline).Descendants<HeadingBlock>().FirstOrDefault();
        if (heading is null) return null;
        string line = markdown.Substring(heading.Span.Start, heading.Span.Length).TrimStart('#', ' ');
        string text = Markdown.ToPlainText(line, Pipeline).Trim();
        return text.Length > 0 ? text : null;
    }

    /// <summary>Markdown as plain text (markup removed, math kept as TeX).</summary>
    public static string ToPlainText(string markdown) => Markdown.ToPlainText(markdown, Pipeline).Trim();

    /// <summary>Jupyter cell attachments (<c>![](attachment:plot.png)</c>) become data URIs.</summary>
    static string InlineAttachments(string markdown, JsonObject? attachments)
    {
        if (attachments is null) return markdown;
        foreach (var (name, bundle) in attachments)
        {
            if (bundle is not JsonObject mimes || mimes.Count == 0) continue;
            var (mime, data) = mimes.First();
            string base64 = string.Concat(Notebook.Text(data).Where(ch => !char.IsWhiteSpace(ch)));
            markdown = markdown.Replace($"attachment:{name}", $"data:{mime};base64,{base64}");
        }
        return markdown;
    }

    /// <summary>$x$ → span.math; $$x$$ inside a paragraph → span.math.display (Jupyter shows it as display math).</summary>
    sealed class MathInlineRenderer : HtmlObjectRenderer<MathInline>
    {
        protected override void Write(HtmlRenderer renderer, MathInline math)
        {
            renderer.Write(math.DelimiterCount >= 2 ? "<span class=\"math display\">" : "<span class=\"math\">");
            renderer.WriteEscape(math.Content);
            renderer.Write("</span>");
        }
    }

    sealed class HighlightingCodeBlockRenderer : CodeBlockRenderer
    {
        static readonly HashSet<string> CSharp = new(["csharp", "cs", "c#", "C#"], StringComparer.OrdinalIgnoreCase);

        protected override void Write(HtmlRenderer renderer, CodeBlock block)
        {
            if (block is not FencedCodeBlock { Info: { } info } || !CSharp.Contains(info))
            {
                base.Write(renderer, block);
                return;
            }
            renderer.EnsureLine();
            renderer.Write("<pre class=\"source\"><code class=\"language-csharp\">");
            renderer.Write(CSharpHighlighter.Highlight(block.Lines.ToString()));
            renderer.WriteLine("</code></pre>");
        }
    }
}
