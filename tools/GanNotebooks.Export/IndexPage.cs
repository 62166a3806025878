using System.Globalization;
using System.Net;
using System.Text;
using GanNotebooks.Display;

namespace GanNotebooks.Export;

/// <summary>The site's table of contents (index.html) and its wall-time table (Markdown, for the README).</summary>
internal static class IndexPage
{
    public const string WallTimesFile = "wall-times.md";

    /// <summary>
    /// The index page; <paramref name="studentZip"/>, when given, is the student edition's download and
    /// <paramref name="guide"/> the teacher's guide (relative URLs).
    /// </summary>
    public static string Write(IReadOnlyList<SitePage> pages, string? studentZip = null, string? guide = null)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"GanNotebooks.Export\">\n<title>GanNotebooks: the course</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"assets/page.css\">\n<link rel=\"stylesheet\" href=\"assets/katex/katex.min.css\">\n")
            .Append("<script src=\"assets/katex/katex.min.js\"></script>\n</head>\n<body>\n<main class=\"notebook contents\">\n")
            .Append("<h1>GanNotebooks: generative adversarial networks in C#</h1>\n")
            .Append("<p>Every chapter below was executed as shown: the samples, charts and numbers on each page are what that run produced. ")
            .Append("Each entry names the machine, the wall time and the parameters of its run. A training chapter run with its default ")
            .Append("<code>budget</code>, \"class\", trains live for a few minutes and then loads its <em>course checkpoint</em>: the same networks ")
            .Append("trained with the chapter's full recipe by the course build (<code>data/course/</code>); both are scored the same way, ")
            .Append("and the chapter's verdict lines say which meets its quality bar.</p>\n")
            .Append("<p class=\"edition\">These pages show the <strong>teacher's edition</strong>: the exercises at the end of each chapter are solved, ")
            .Append("and each check below them prints ✓.");
        if (studentZip is not null)
            html.Append(CultureInfo.InvariantCulture, $" <a class=\"student-edition\" href=\"{E(studentZip)}\" download>Student edition</a> (a zip of every notebook, ")
                .Append("the solutions replaced by stubs that the checks call “not done yet”, with a README on how to open them).");
        html.Append("</p>\n");
        if (guide is not null)
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"guide\">Teaching with this course: <a class=\"teaching-guide\" href=\"{E(guide)}\">the teacher's guide</a> ")
                .Append("(what to run live and for how long, where to pause, the usual mistakes, how to stop and continue a training cell).</p>\n");
        html.Append("<ol class=\"toc\">\n");
        foreach (var page in pages)
        {
            html.Append("<li class=\"chapter\">");
            if (page.Picture is not null)
                html.Append(CultureInfo.InvariantCulture, $"<a class=\"picture\" href=\"{E(page.Href)}\"><img src=\"{E(page.Picture)}\" alt=\"samples from {E(page.Title)}\" loading=\"lazy\"></a>");
            else html.Append("<span class=\"picture none\"></span>");
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"about\"><a class=\"title\" href=\"{E(page.Href)}\">{E(page.Title)}</a>")
                .Append(CultureInfo.InvariantCulture, $"<div class=\"summary md\">{MarkdownRenderer.ToHtml(page.Summary).Trim()}</div>")
                .Append(CultureInfo.InvariantCulture, $"<p class=\"run\">{E(page.Run?.Describe() is { Length: > 0 } run ? run : "no record of the run")}; {E(page.Parameters)}</p></div></li>\n");
        }
        html.Append("</ol>\n<h2>Wall times</h2>\n<table class=\"wall-times\">\n<thead><tr><th>notebook</th><th>machine</th><th>wall time</th><th>parameters</th></tr></thead>\n<tbody>\n");
        foreach (var page in pages)
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"{E(page.Href)}\">{E(Path.GetFileNameWithoutExtension(page.Href))}</a></td><td>{E(page.Run?.Device ?? "?")}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{E(Wall(page))}</td><td>{E(Overrides(page))}</td></tr>\n");
        html.Append(CultureInfo.InvariantCulture, $"<tr class=\"total\"><td>all</td><td></td><td>{E(Total(pages))}</td><td></td></tr>\n</tbody>\n</table>\n");
        return html.Append("</main>\n<script src=\"assets/render-math.js\"></script>\n</body>\n</html>\n").ToString();
    }

    /// <summary>The wall times as a Markdown table.</summary>
    public static string WallTimesMarkdown(IReadOnlyList<SitePage> pages)
    {
        var md = new StringBuilder("| notebook | machine | wall time | parameters |\n|---|---|---|---|\n");
        foreach (var page in pages)
            md.Append(CultureInfo.InvariantCulture, $"| [{Path.GetFileNameWithoutExtension(page.Href)}]({page.Href}) | {page.Run?.Device ?? "?"} | {Wall(page)} | {Overrides(page).Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        return md.Append(CultureInfo.InvariantCulture, $"| all | | {Total(pages)} | |\n").ToString();
    }

    static string Overrides(SitePage page) => page.Parameters.Replace("parameters: ", "", StringComparison.Ordinal);

    static string Wall(SitePage page) => page.Run?.WallTimeSeconds is double s ? Duration.Format(s) : "?";

    static string Total(IReadOnlyList<SitePage> pages)
    {
        var known = pages.Where(p => p.Run?.WallTimeSeconds is not null).Sum(p => p.Run!.WallTimeSeconds!.Value);
        int unknown = pages.Count(p => p.Run?.WallTimeSeconds is null);
        return Duration.Format(known) + (unknown > 0 ? string.Create(CultureInfo.InvariantCulture, $" (+{unknown} unrecorded)") : "");
    }

    static string E(string text) => WebUtility.HtmlEncode(text);
}
