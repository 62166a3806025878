using System.Text.RegularExpressions;
using GanNotebooks.Ipynb;

namespace GanNotebooks.Export;

/// <summary>What a page and the site's table of contents say about a notebook: title, summary, parameters.</summary>
internal static partial class PageFacts
{
    /// <summary>The first Markdown heading, else the notebook's name.</summary>
    public static string Title(Notebook notebook, string name) =>
        notebook.Cells.Where(c => c.Type == "markdown").Select(c => MarkdownRenderer.FirstHeading(c.Source))
            .FirstOrDefault(t => t is not null) ?? name;

    /// <summary>The first paragraph of Markdown after the title (the course's notebooks say there what they teach), as plain text.</summary>
    public static string Summary(Notebook notebook) => MarkdownRenderer.ToPlainText(SummaryMarkdown(notebook));

    /// <summary>
    /// That paragraph's Markdown, cut after whole sentences at about 240 characters of plain text; math (<c>$…$</c>)
    /// stays TeX for the page's KaTeX to typeset. Blank when the notebook has no such paragraph.
    /// </summary>
    public static string SummaryMarkdown(Notebook notebook)
    {
        foreach (var cell in notebook.Cells.Where(c => c.Type == "markdown"))
            foreach (string block in cell.Source.Replace("\r\n", "\n").Split("\n\n"))
            {
                string text = block.Trim();
                if (text.Length == 0 || text.StartsWith('#') || text.StartsWith('|') || text.StartsWith("$$", StringComparison.Ordinal)) continue;
                if (text.StartsWith("- ", StringComparison.Ordinal) || text.StartsWith("* ", StringComparison.Ordinal))
                    text = text[2..].Split("\n")[0].Trim();         // a list: its first item ("**You will learn:** …")
                return FirstSentences(text, 240);
            }
        return "";
    }

    /// <summary>
    /// Whole sentences from the start of <paramref name="markdown"/>, up to about <paramref name="max"/> characters of
    /// plain text (at least one sentence). A sentence ends at ".", "!" or "?" followed by a space or the end, outside
    /// parentheses, brackets and math, and not after an abbreviation such as "et al." or "e.g.".
    /// </summary>
    internal static string FirstSentences(string markdown, int max)
    {
        int end = 0, depth = 0;
        bool math = false;
        for (int i = 0; i < markdown.Length; i++)
        {
            char c = markdown[i];
            if (c == '$') math = !math;
            else if (math) continue;
            else if (c is '(' or '[') depth++;
            else if (c is ')' or ']') depth = Math.Max(0, depth - 1);
            else if (c is '.' or '!' or '?' && depth == 0 && (i + 1 == markdown.Length || char.IsWhiteSpace(markdown[i + 1]))
                     && !Abbreviation().IsMatch(markdown[..(i + 1)]))
            {
                if (end > 0 && MarkdownRenderer.ToPlainText(markdown[..(i + 1)]).Length > max) break;
                end = i + 1;
            }
        }
        return end > 0 ? markdown[..end] : markdown;
    }

    /// <summary>
    /// The parameters the run overrode, read from the cell tagged <c>injected-parameters</c> (our runner and papermill
    /// insert it): "parameters: epochs=3, dataset="fashion-mnist"", else "parameters: the notebook's defaults".
    /// </summary>
    public static string ParametersText(Notebook notebook)
    {
        var injected = notebook.Cells.FirstOrDefault(c => c.Type == "code" && c.Tags.Contains("injected-parameters"));
        if (injected is null) return "parameters: the notebook's defaults";
        var values = Declaration().Matches(injected.Source).Select(m => $"{m.Groups["name"].Value}={m.Groups["value"].Value.Trim()}").ToList();
        return values.Count == 0 ? "parameters: the notebook's defaults" : "parameters: " + string.Join(", ", values);
    }

    // "et al.", "e.g.", "i.e.", "cf.", "vs.", "Fig.", "Eq.", "etc." at the end of the text so far, and a single initial
    [GeneratedRegex(@"(?:\bet al|\be\.g|\bi\.e|\bcf|\bvs|\bFig|\bEq|\betc|\b[A-Z])\.$")]
    private static partial Regex Abbreviation();

    // "int epochs = 3;", "string dataset = "fashion-mnist";", "var quick = true;"
    [GeneratedRegex(@"^\s*[A-Za-z_][\w.<>?,\[\] ]*?\s+(?<name>[A-Za-z_]\w*)\s*=\s*(?<value>.+?);\s*(//.*)?$", RegexOptions.Multiline)]
    private static partial Regex Declaration();
}
