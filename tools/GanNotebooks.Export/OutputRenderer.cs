using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GanNotebooks.Ipynb;

namespace GanNotebooks.Export;

/// <summary>Code cell outputs to HTML, each the richest representation the output carries.</summary>
internal static partial class OutputRenderer
{
    /// <summary>Richest first; the order nbconvert uses for HTML.</summary>
    static readonly string[] MimePriority =
        ["text/html", "image/svg+xml", "image/png", "image/jpeg", "image/gif", "text/markdown", "text/latex", "application/json", "text/plain"];

    /// <summary>The output's HTML (without prompt), or null for an output with nothing to show.</summary>
    public static string? Render(Output output) => output.Type switch
    {
        "stream" => Stream(output.StreamName, output.StreamText),
        "execute_result" or "display_data" when !LiveOnly(output.Data) => RichData(output.Data),
        "error" => Error(output),
        _ => null,
    };

    /// <summary>
    /// What only works next to a running kernel: the .NET Interactive kernel's bootstrap (its first output in Jupyter
    /// and nbclient), a script that loads require.js from a CDN and probes 127.0.0.1:2048 and the machine's other
    /// addresses for the kernel's HTTP API. An exported page drops it: offline it can only fail.
    /// </summary>
    internal static bool LiveOnly(JsonObject data) =>
        data["text/html"] is { } html && Notebook.Text(html) is var text
        && (text.Contains("loadDotnetInteractiveApi", StringComparison.Ordinal) || text.Contains("id='dotnet-interactive-this-cell-", StringComparison.Ordinal));

    public static bool UsesPlotly(Output output) =>
        output.Data["text/html"] is { } html && Notebook.Text(html).Contains("Plotly.", StringComparison.Ordinal);

    static string Stream(string name, string text) =>
        $"<pre class=\"stream {(name == "stderr" ? "stderr" : "stdout")}\">{Encode(Terminal(text))}</pre>";

    static string? RichData(JsonObject data)
    {
        string? mime = MimePriority.FirstOrDefault(data.ContainsKey);
        var unknown = data.Select(p => p.Key).Where(k => !MimePriority.Contains(k)).ToList();
        if (mime is null)
            return unknown.Count == 0 ? null : Note($"An output of type {string.Join(", ", unknown)}, which the export does not render (and it carries no text/plain).");
        string content = mime == "application/json" ? data[mime]!.ToJsonString() : Notebook.Text(data[mime]);
        if (mime == "text/plain")
        {
            string text = $"<pre class=\"text\">{Encode(Terminal(content))}</pre>";
            return unknown.Count == 0 ? text : text + Note($"Shown as text/plain: the export does not render {string.Join(", ", unknown)}.");
        }
        return mime switch
        {
            "text/html" => $"<div class=\"html\">{content}</div>",
            "image/svg+xml" => $"<div class=\"svg\">{content}</div>",
            "image/png" or "image/jpeg" or "image/gif" =>
                $"<img src=\"data:{mime};base64,{string.Concat(content.Where(c => !char.IsWhiteSpace(c)))}\" alt=\"output image\">",
            "text/markdown" => $"<div class=\"md\">{MarkdownRenderer.ToHtml(content)}</div>",
            "text/latex" => $"<div class=\"md\"><div class=\"math\">{Encode(content.Trim().Trim('$'))}</div></div>",
            "application/json" => $"<pre class=\"json\">{Encode(content)}</pre>",
            _ => $"<pre class=\"text\">{Encode(content)}</pre>",
        };
    }

    static string Note(string text) => $"<p class=\"export-note\">{Encode(text)}</p>";

    static string Error(Output output)
    {
        string name = Notebook.Text(output.Json["ename"]), value = Notebook.Text(output.Json["evalue"]);
        string traceback = string.Join("\n", (output.Json["traceback"] as JsonArray ?? []).Select(Notebook.Text));
        var html = new StringBuilder("<div class=\"error\">");
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"ename\">{Encode(name)}: {Encode(Terminal(value))}</div>");
        if (traceback.Length > 0) html.Append(CultureInfo.InvariantCulture, $"<pre class=\"traceback\">{Encode(Terminal(traceback))}</pre>");
        return html.Append("</div>").ToString();
    }

    /// <summary>
    /// What a terminal would show: ANSI colour codes removed, and on each line only what follows its last carriage
    /// return (progress lines that rewrite themselves).
    /// </summary>
    internal static string Terminal(string text)
    {
        text = Ansi().Replace(text, "").Replace("\r\n", "\n");
        return string.Join("\n", text.Split('\n').Select(line => line[(line.LastIndexOf('\r') + 1)..]));
    }

    static string Encode(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Ansi();
}
