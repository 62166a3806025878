using System.Text.RegularExpressions;

namespace GanNotebooks.Export;

/// <summary>What a page and the site's table of contents say about a notebook: title, summary, parameters.</summary>
internal static partial class PageFacts
{
    /// <summary>The first Markdown heading, else the notebook's name.</summary>
    public static string Title(Notebook notebook, string name) =>
        notebook.Cells.Where(c => c.Type == "markdown").Select(c => MarkdownRenderer.FirstHeading(c.Source))
            .FirstOrDefault(t => t is not null) ?? name;

    /// <summary>The first paragraph of Markdown after the title (the course's notebooks say there what they teach), as plain text.</summary>
    public static string Summary(Notebook notebook)
    {
        foreach (var cell in notebook.Cells.Where(c => c.Type == "markdown"))
            foreach (string block in cell.Source.Replace("\r\n", "\n").Split("\n\n"))
            {
                string text = block.Trim();
                if (text.Length == 0 || text.StartsWith('#') || text.StartsWith('|') || text.StartsWith("$$", StringComparison.Ordinal)) continue;
                return FirstSentences(MarkdownRenderer.ToPlainText(text), 240);
            }
        return "";
    }

    /// <summary>Whole sentences from the start, up to about <paramref name="max"/> characters (at least one sentence).</summary>
    static string FirstSentences(string text, int max)
    {
        int end = 0;
        foreach (Match m in SentenceEnd().Matches(text))
        {
            if (end > 0 && m.Index + 1 > max) break;
            end = m.Index + 1;
        }
        return end > 0 ? text[..end] : text;
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

    [GeneratedRegex(@"[.!?](?=\s|$)")]
    private static partial Regex SentenceEnd();

    // "int epochs = 3;", "string dataset = "fashion-mnist";", "var quick = true;"
    [GeneratedRegex(@"^\s*[A-Za-z_][\w.<>?,\[\] ]*?\s+(?<name>[A-Za-z_]\w*)\s*=\s*(?<value>.+?);\s*(//.*)?$", RegexOptions.Multiline)]
    private static partial Regex Declaration();
}
