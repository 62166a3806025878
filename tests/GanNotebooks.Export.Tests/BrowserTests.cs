using Microsoft.Playwright;

namespace GanNotebooks.Export.Tests;

/// <summary>
/// Opens the exported page in headless Chromium with the network off (offline context, and every non-file request
/// aborted and recorded) and checks what a reader would see: typeset math, decoded images, a drawn chart, a working slider.
/// </summary>
[Trait("Category", "Slow")]
public class BrowserTests
{
    [Fact]
    public async Task ExportedPageRendersOfflineInChromium()
    {
        OfflineBrowser.RequireChromium();
        string dir = Directory.CreateTempSubdirectory("gn-browser-").FullName;
        try
        {
            string ipynb = Path.Combine(dir, "01-vanilla-gan.ipynb"), html = Path.Combine(dir, "01-vanilla-gan.html");
            File.WriteAllText(ipynb, Fixture.Json);
            HtmlExporter.Export(ipynb, html);
            await using var browser = await OfflineBrowser.StartAsync();
            var page = await browser.OpenAsync(html);
            await page.WaitForSelectorAsync(".gn-chart svg.main-svg", new() { Timeout = 60_000, State = WaitForSelectorState.Attached });
            await CheckMath(page);
            await CheckImages(page);
            await CheckChart(page);
            await CheckSlider(page);
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, "page.png"), FullPage = true });
            Assert.Empty(browser.External);
            Assert.Empty(browser.Errors);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    static async Task CheckMath(IPage page)
    {
        Assert.Equal("done", await page.GetAttributeAsync("html", "data-math"));
        int rendered = await page.Locator(".md .math .katex").CountAsync();
        int total = await page.Locator(".md .math").CountAsync();
        Assert.Equal(7, total);                                                          // the fixture's $…$ and $$…$$
        Assert.Equal(total, rendered);
        Assert.Equal(2, await page.Locator(".md .katex-display").CountAsync());       // the $$ block and the $$ in a paragraph
        Assert.Equal(0, await page.Locator(".katex-error, .math-error").CountAsync());
        // visible Markdown text (KaTeX's hidden MathML copy aside) has no TeX delimiters left
        string text = await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('.md')].map(e => { const c = e.cloneNode(true); c.querySelectorAll('.katex-mathml').forEach(m => m.remove()); return c.textContent; }).join('\\n')");
        foreach (string raw in new[] { "$", "\\(", "\\[", "\\frac", "\\mathbb" })
            Assert.DoesNotContain(raw, text);
        Assert.True(await page.EvaluateAsync<bool>("() => [...document.fonts].some(f => f.family.includes('KaTeX_Main') && f.status === 'loaded')"),
            "the inlined KaTeX_Main font did not load");
    }

    static async Task CheckImages(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [...document.images].map(i => i.complete ? i.naturalWidth : -1)");
        Assert.Equal(2 + 3 + 1, widths.Length);                                         // attachment, output, 3 slider frames, their animation
        Assert.All(widths, w => Assert.Equal(Fixture.Grid.Width, w));
    }

    static async Task CheckChart(IPage page)
    {
        Assert.Equal(1, await page.Locator(".gn-chart svg.main-svg >> nth=0").CountAsync());
        Assert.Equal(2, await page.Locator(".gn-chart .scatterlayer .trace").CountAsync());   // lossD and lossG
        Assert.Contains("lossG", await page.Locator(".gn-chart .legend").TextContentAsync());
    }

    static async Task CheckSlider(IPage page)
    {
        var slider = page.Locator(".gn-slider input[type=range]");
        Assert.Equal("step 200", await page.Locator(".gn-slider-label").InnerTextAsync());
        await slider.FillAsync("0");
        Assert.Equal("step 0", await page.Locator(".gn-slider-label").InnerTextAsync());
        var visible = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('.gn-frame')].filter(f => f.offsetParent !== null).map(f => f.dataset.label)");
        Assert.Equal(["step 0"], visible);
    }
}
