using System.Text.RegularExpressions;

namespace GanNotebooks.Export.Tests;

public class HtmlExporterTests
{
    static readonly Lazy<string> Rendered = new(() => HtmlExporter.Render(Fixture.Json, "01-vanilla-gan"));

    static string Page => Rendered.Value;

    /// <summary>The page without its inlined assets (KaTeX, plotly.js, our scripts) and without link anchors.</summary>
    static string PageOutsideAssets =>
        Regex.Replace(Regex.Replace(Page, @"<(script|style) data-asset=""[^""]*"">.*?</\1>", "", RegexOptions.Singleline), @"<a\b[^>]*>", "");

    [Fact]
    public void NothingOutsideTheInlinedAssetsPointsAtTheNetwork()
    {
        // the chart output named the plotly.js CDN twice; links (<a>) are fine: they are not loads
        Assert.Contains("https://cdn.plot.ly/", Fixture.Chart.ToHtml());
        Assert.DoesNotMatch(new Regex("https?://"), PageOutsideAssets);
        Assert.DoesNotMatch(new Regex(@"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*[""']?(https?:)?//", RegexOptions.IgnoreCase), Page);
        Assert.Contains("<a href=\"https://arxiv.org/abs/1406.2661\">the paper</a>", Page);
    }

    [Fact]
    public void InlinesKatexWithItsFontsAndPlotlyOnce()
    {
        Assert.Single(Regex.Matches(Page, "<script data-asset=\"katex\">"));
        Assert.Single(Regex.Matches(Page, @"<script data-asset=""plotly\.js \d+\.\d+\.\d+"">"));
        Assert.Contains($"plotly.js v{GanNotebooks.Display.ChartView.PlotlyJsVersion}", Page);
        Assert.Equal(20, Regex.Count(Page, "src:url\\(data:font/woff2;base64,"));   // every KaTeX font face
        Assert.DoesNotContain("url(fonts/", Page);
    }

    [Fact]
    public void ANotebookWithoutChartsDoesNotCarryPlotly()
    {
        string plain = HtmlExporter.Render("""{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "markdown", "metadata": {}, "source": "# Hi $x$"}]}""", "n");
        Assert.DoesNotContain("data-asset=\"plotly", plain);
        // plotly.js's own banner ("plotly.js v2.28.0") is in the chart page and nowhere in this one
        string banner = $"plotly.js v{Assets.PlotlyVersion}";
        Assert.Contains(banner, Page);
        Assert.DoesNotContain(banner, plain);
        Assert.DoesNotContain("amd-stand-in", plain);
    }

    [Fact]
    public void TitleAndHeaderComeFromTheNotebook()
    {
        Assert.Contains("<title>Vanilla GAN on Fashion-MNIST</title>", Page);
        Assert.Contains("01-vanilla-gan", Page);
        Assert.Contains("executed on cuda (NVIDIA H100 80GB HBM3), 2025-01-31 14:02 UTC, wall time 8 min 32 s, GanNotebooks 0.1.0", Page);
    }

    [Fact]
    public void MathIsLeftAsTexForKatexWithoutDelimitersInTheWay()
    {
        Assert.Contains("<span class=\"math\">D(x)</span>", Page);
        Assert.Contains("<span class=\"math display\">D^*(x) = \\frac{p_{\\text{data}}(x)}{p_{\\text{data}}(x) + p_g(x)}</span>", Page);
        Assert.Matches(new Regex(@"<div class=""math"">\s*\\\[\s*\\min_G \\max_D V\(D, G\)", RegexOptions.Singleline), Page);
    }

    [Fact]
    public void CodeIsColouredAndNumbered()
    {
        Assert.Contains("<span class=\"tok-dir\">#r &quot;nuget: TorchSharp-cpu, 0.107.0&quot;</span>", Page);
        Assert.Contains("<span class=\"tok-com\">// one seed for everything random</span>", Page);
        Assert.Contains("<span class=\"tok-kw\">var</span> answer = <span class=\"tok-num\">40</span>", Page);
        Assert.Contains("<span class=\"tok-str\">$&quot;device: {&quot;cpu&quot;}&quot;</span>", Page);
        Assert.Contains("In&nbsp;[1]:", Page);
        Assert.Contains("Out[1]:</div><div class=\"content\"><pre class=\"text\">42</pre>", Page);
    }

    [Fact]
    public void OutputsRenderTheirRichestForm()
    {
        string png = Fixture.Grid.ToBase64();
        Assert.Equal(2, Regex.Count(Page, Regex.Escape($"src=\"data:image/png;base64,{png}\"")));   // attachment + output
        Assert.Contains("<pre class=\"stream stdout\">device: cpu\n</pre>", Page);
        Assert.Contains("<pre class=\"stream stderr\">progress 100%\n</pre>", Page);                     // \r and ANSI as a terminal shows them
        Assert.Contains("<div class=\"ename\">System.InvalidOperationException: Loss became NaN at step 120</div>", Page);
        Assert.DoesNotContain('\u001b', PageOutsideAssets);                                          // a char: culture-aware string search ignores control characters
        Assert.Contains("class=\"gn-slider\"", Page);
        Assert.DoesNotContain(">Plotly chart<", Page);                                                      // text/html won over text/plain
    }

    [Fact]
    public void ExportWritesAtomicallyAndReplacesAnOldPage()
    {
        string dir = Directory.CreateTempSubdirectory("gn-export-").FullName;
        try
        {
            string ipynb = Path.Combine(dir, "01-vanilla-gan.ipynb"), html = Path.Combine(dir, "out", "01-vanilla-gan.html");
            File.WriteAllText(ipynb, Fixture.Json);
            Directory.CreateDirectory(Path.GetDirectoryName(html)!);
            File.WriteAllText(html, "old page");
            HtmlExporter.Export(ipynb, html);
            Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(html));
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(html)!));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("[1, 2]", "not an object")]
    [InlineData("""{"cells": []}""", "no \"nbformat\" number")]
    [InlineData("""{"nbformat": 3, "worksheets": []}""", "it is nbformat 3")]
    [InlineData("""{"nbformat": 4, "metadata": {}}""", "no \"cells\" array")]
    public void WhatIsNotAnNbformat4NotebookIsAClearError(string json, string why)
    {
        var e = Assert.Throws<InvalidDataException>(() => HtmlExporter.Render(json, "broken.ipynb"));
        Assert.Contains("'broken.ipynb' is not an nbformat 4 notebook", e.Message);
        Assert.Contains(why, e.Message);
    }

    [Fact]
    public void AMissingNotebookIsAClearError()
    {
        var e = Assert.Throws<FileNotFoundException>(() => HtmlExporter.Export("/nonexistent/nb.ipynb", "/tmp/x.html"));
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void CdnLoadsInOutputHtmlBecomeEmptyScripts()
    {
        const string jupyterStyle = """<script src="https://cdn.plot.ly/plotly-2.28.0.min.js"></script><script>requirejs.config({paths:{plotly:'https://cdn.plot.ly/plotly-2.28.0.min'}})</script>""";
        Assert.Equal("""<script src="data:text/javascript,"></script><script>requirejs.config({paths:{plotly:'data:text/javascript,'}})</script>""",
            PageWriter.Offline(jupyterStyle));
        Assert.Equal("<a href=\"https://example.org/x\">x</a>", PageWriter.Offline("<a href=\"https://example.org/x\">x</a>"));
    }
}
