using System.Text.RegularExpressions;
using GanNotebooks.Testing;
using Microsoft.Playwright;

namespace GanNotebooks.Export.Tests;

/// <summary>
/// The course site in headless Chromium with the network off, over a site built here from real runs: the runner
/// executes two course notebooks with the quick parameters, then <c>export --site</c> builds the site. Every page loads
/// without errors, math is typeset, every chart draws, every image decodes, every link between pages resolves, and
/// each progress animation decodes with more than one frame. The committed docs/ site, once there, gets the same checks.
/// </summary>
[Trait("Category", "Slow")]
public class SiteTests(ITestOutputHelper output)
{
    static readonly string[] Notebooks = ["01-basic-gan.ipynb", "02-dcgan.ipynb"];

    /// <summary>Where the screenshots of the last run are kept for a person to look at.</summary>
    static readonly string Screenshots = Path.Combine(Path.GetTempPath(), "gn-site-screenshots");

    [Fact]
    public async Task SiteBuiltFromQuickRunsWorksOffline()
    {
        OfflineBrowser.RequireChromium();
        TestMachine.Require(Notebooks.All(n => File.Exists(RunnerProcess.Notebook(n))), "the course notebooks 01 and 02 are not in notebooks/.");
        string dir = Directory.CreateTempSubdirectory("gn-site-").FullName;
        try
        {
            string runs = Path.Combine(dir, "runs"), site = Path.Combine(dir, "site");
            foreach (string notebook in Notebooks)
                output.WriteLine(RunnerProcess.Run(TimeSpan.FromMinutes(10), "run", RunnerProcess.Notebook(notebook), "--out", runs,
                    "--param", "budget=quick", "--param", "dataset=fashion-mnist"));
            output.WriteLine(RunnerProcess.Run(TimeSpan.FromMinutes(2), "export", runs, "--site", "--out", site));

            await CheckSite(site, Notebooks.Length, output);
            string index = File.ReadAllText(Path.Combine(site, "index.html"));
            Assert.Equal(2, Regex.Count(index, @"<p class=""run"">executed on CPU, \d+ cores, [^<]*; parameters: budget=&quot;quick&quot;, dataset=&quot;fashion-mnist&quot;</p>"));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public async Task CommittedDocsSiteWorksOffline()
    {
        OfflineBrowser.RequireChromium();
        string docs = Path.Combine(RunnerProcess.RepoRoot, "docs");
        TestMachine.Require(File.Exists(Path.Combine(docs, "index.html")), "docs/ holds no built site yet (tools/build-site.sh builds it).");
        await CheckSite(docs, Directory.GetFiles(RunnerProcess.Notebook(""), "*.ipynb").Length, output);
    }

    /// <summary>Every check of the class summary, over the site in <paramref name="site"/>; screenshots go to the temp folder.</summary>
    internal static async Task CheckSite(string site, int expectedPages, ITestOutputHelper output)
    {
        Directory.CreateDirectory(Screenshots);
        output.WriteLine($"screenshots: {Screenshots}");
        var pages = Directory.GetFiles(site, "*.html").Where(p => Path.GetFileName(p) is not ("index.html" or GuidePage.PageFile))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedPages, pages.Count);
        await using var browser = await OfflineBrowser.StartAsync();

        var index = await browser.OpenAsync(Path.Combine(site, "index.html"));
        Assert.Equal(expectedPages, await index.Locator("ol.toc li.chapter").CountAsync());
        await CheckImages(index);
        await CheckLinks(index, site);
        await index.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "index.png"), FullPage = true });

        int animations = 0;
        foreach (string path in pages)
        {
            var page = await browser.OpenAsync(path);
            await CheckMath(page);
            await CheckCharts(page);
            await CheckImages(page);
            await CheckLinks(page, site);
            animations += await CheckAnimations(page, site);
            string shot = Path.Combine(Screenshots, Path.GetFileNameWithoutExtension(path));
            await page.ScreenshotAsync(new() { Path = shot + ".png" });
            if (await page.Locator("figure.gn-animation").CountAsync() > 0)
                await page.Locator(".output:has(figure.gn-animation)").Last.ScreenshotAsync(new() { Path = shot + "-progress.png" });
            if (await page.Locator(".gn-chart").CountAsync() > 0)
                await page.Locator(".gn-chart").First.ScreenshotAsync(new() { Path = shot + "-chart.png" });
            await page.CloseAsync();
        }
        Assert.True(animations > 0, "no page of the site shows a progress animation");
        Assert.Empty(browser.External);
        Assert.Empty(browser.Errors);
        await CheckPreviousNextChain(browser, pages);
    }

    static async Task CheckMath(IPage page)
    {
        Assert.Equal("done", await page.GetAttributeAsync("html", "data-math"));
        int total = await page.Locator(".md .math").CountAsync();
        Assert.True(total > 0, $"{page.Url}: no math on the page");
        Assert.Equal(total, await page.Locator(".md .math .katex").CountAsync());
        Assert.Equal(0, await page.Locator(".katex-error, .math-error").CountAsync());
    }

    static async Task CheckCharts(IPage page)
    {
        int charts = await page.Locator(".gn-chart").CountAsync();
        for (int i = 0; i < charts; i++)
            await page.Locator(".gn-chart").Nth(i).Locator("svg.main-svg").First
                .WaitForAsync(new() { Timeout = 30_000, State = WaitForSelectorState.Attached });
        Assert.Equal(charts, await page.EvaluateAsync<int>("() => [...document.querySelectorAll('.gn-chart')].filter(c => c.querySelector('.scatterlayer .trace, .barlayer .trace, .heatmaplayer, .imagelayer')).length"));
    }

    static async Task CheckImages(IPage page)
    {
        await page.EvaluateAsync("() => Promise.all([...document.images].map(i => i.decode().catch(() => null)))");
        var broken = await page.EvaluateAsync<string[]>("() => [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.getAttribute('src').slice(0, 80))");
        Assert.True(broken.Length == 0, $"{page.Url}: images that do not decode: {string.Join(", ", broken)}");
    }

    /// <summary>Every relative link and image source names a file of the site (and no link leaves for another host's asset).</summary>
    static async Task CheckLinks(IPage page, string site)
    {
        var targets = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('a[href], img[src], script[src], link[href]')].map(e => e.getAttribute('href') ?? e.getAttribute('src'))");
        string folder = Path.GetDirectoryName(new Uri(page.Url).LocalPath)!;
        foreach (string target in targets.Where(t => !Regex.IsMatch(t, "^(https?:|mailto:|data:|#)")))
        {
            string file = Path.GetFullPath(Path.Combine(folder, Uri.UnescapeDataString(target.Split('#')[0])));
            Assert.True(File.Exists(file), $"{page.Url}: the link {target} names no file of the site");
            Assert.StartsWith(Path.GetFullPath(site), file);
        }
    }

    /// <summary>Each animation, decoded by the browser's own image decoder (WebCodecs), has more than one frame.</summary>
    static async Task<int> CheckAnimations(IPage page, string site)
    {
        var sources = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('figure.gn-animation img')].map(i => i.getAttribute('src'))");
        foreach (string src in sources)
        {
            byte[] gif = File.ReadAllBytes(Path.Combine(site, src));
            int frames = await page.EvaluateAsync<int>("""
                async (b64) => {
                  const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
                  const decoder = new ImageDecoder({ data: bytes, type: 'image/gif' });
                  await decoder.tracks.ready;
                  await decoder.completed;
                  return decoder.tracks.selectedTrack.frameCount;
                }
                """, Convert.ToBase64String(gif));
            Assert.True(frames > 1, $"{page.Url}: the animation {src} decodes to {frames} frame(s)");
        }
        return sources.Length;
    }

    /// <summary>Following "next" from the first page visits every page in order; "previous" from the last comes back.</summary>
    static async Task CheckPreviousNextChain(OfflineBrowser browser, List<string> pages)
    {
        var page = await browser.OpenAsync(pages[0]);
        var visited = new List<string> { Path.GetFileName(new Uri(page.Url).LocalPath) };
        while (await page.Locator("nav.site-nav a.next").CountAsync() > 0 && visited.Count <= pages.Count)
        {
            await Follow(page, "nav.site-nav a.next");
            visited.Add(Path.GetFileName(new Uri(page.Url).LocalPath));
        }
        Assert.Equal(pages.Select(Path.GetFileName), visited);
        await Follow(page, "nav.site-nav a.prev");
        Assert.Equal(Path.GetFileName(pages[^2]), Path.GetFileName(new Uri(page.Url).LocalPath));
        await Follow(page, "nav.site-nav a.toc");
        Assert.Equal("index.html", Path.GetFileName(new Uri(page.Url).LocalPath));
    }

    /// <summary>Clicks the first link matching <paramref name="selector"/> and waits for the page it names to load.</summary>
    static async Task Follow(IPage page, string selector)
    {
        var link = page.Locator(selector).First;
        string href = (await link.GetAttributeAsync("href"))!;
        await link.ClickAsync();
        await page.WaitForURLAsync(new Uri(new Uri(page.Url), href).AbsoluteUri);
    }
}
