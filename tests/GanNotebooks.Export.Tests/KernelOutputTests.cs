using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace GanNotebooks.Export.Tests;

/// <summary>
/// Export of what the real .NET Interactive kernel writes (TestData/kernel-executed: cells of a real nbclient run,
/// copied verbatim, see its README): the live-only bootstrap is dropped, everything else shows, offline.
/// </summary>
public class KernelOutputTests
{
    static readonly string Excerpt = Path.Combine(AppContext.BaseDirectory, "TestData", "kernel-executed", "01-basic-gan.excerpt.ipynb");

    static readonly Lazy<string> Page = new(() => HtmlExporter.Render(File.ReadAllText(Excerpt), "01-basic-gan"));

    [Fact]
    public void TheKernelsBootstrapIsDroppedAndWhatItPrintedIsKept()
    {
        Assert.Contains("loadDotnetInteractiveApi", File.ReadAllText(Excerpt));     // the kernel did write it
        Assert.DoesNotContain("loadDotnetInteractiveApi", Page.Value);
        Assert.DoesNotContain("127.0.0.1", Page.Value);
        Assert.DoesNotContain("dotnet-interactive-this-cell", Page.Value);
        Assert.Contains("<strong>Installed Packages</strong><ul><li><span>TorchSharp-cpu, 0.107.0</span></li></ul>", Page.Value);
        Assert.Contains("Loading extensions from", Page.Value);                     // text/plain the kernel displayed
    }

    [Fact]
    public void RunFactsComeFromTheMetadataAndTheInjectedParametersCell()
    {
        Assert.Matches(@"<span class=""nb-run"">executed on CPU, 2 cores, 2026-11-24 \d\d:\d\d UTC, wall time [\d.]+ s, GanNotebooks 0\.1\.0, by dotnet-interactive \(the \.NET Interactive kernel, via nbclient\)</span>", Page.Value);
        Assert.Contains("parameters: quick=true, dataset=&quot;fashion-mnist&quot;", Page.Value);
    }

    [Fact]
    public void DniFormattedValuesAndTheProgressDisplayShow()
    {
        Assert.Contains("<div class=\"dni-plaintext\"><pre>[ 2, 1, 28, 28 ]</pre></div>", Page.Value);
        // the training cell's display_data as the file holds it (this nbclient run kept the first display, step 1 of 161)
        Assert.Matches(new Regex(@"<div class=""gn-progress""[^>]*><progress value=""\d+"" max=""161"""), Page.Value);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public async Task ThePageRendersOfflineWithoutErrorsAndDrawsTheChart()
    {
        OfflineBrowser.RequireChromium();
        string dir = Directory.CreateTempSubdirectory("gn-kernel-").FullName;
        try
        {
            string html = Path.Combine(dir, "01-basic-gan.html");
            HtmlExporter.Export(Excerpt, html);
            await using var browser = await OfflineBrowser.StartAsync();
            var p = await browser.OpenAsync(html);
            await p.Locator(".gn-chart svg.main-svg").First.WaitForAsync(new() { Timeout = 60_000, State = WaitForSelectorState.Attached });
            Assert.True(await p.Locator(".gn-chart .scatterlayer .trace").CountAsync() >= 2);
            Assert.Equal("done", await p.GetAttributeAsync("html", "data-math"));
            Assert.Empty(browser.External);
            Assert.Empty(browser.Errors);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}

/// <summary>
/// Notebooks that the real .NET Interactive kernel executed (dotnet-interactive via nbclient, <c>run --kernel</c>),
/// exported as a site and checked in Chromium like the course site. The test executes two course notebooks in the
/// kernel itself (quick mode), or takes the folder GANNOTEBOOKS_KERNEL_OUT names (e.g. a whole course run in the kernel).
/// </summary>
[Trait("Category", "Slow")]
public class KernelExecutedSiteTests(ITestOutputHelper output)
{
    public const string Variable = "GANNOTEBOOKS_KERNEL_OUT";

    [Fact]
    public async Task NotebooksTheKernelExecutedExportAsAWorkingSite()
    {
        OfflineBrowser.RequireChromium();
        string? folder = Environment.GetEnvironmentVariable(Variable);
        string? ours = null;
        if (string.IsNullOrEmpty(folder))
        {
            folder = ours = Directory.CreateTempSubdirectory("gn-kernel-runs-").FullName;
            foreach (string notebook in (string[])["01-basic-gan.ipynb", "08-entropy.ipynb"])
                output.WriteLine(RunnerProcess.Run(TimeSpan.FromMinutes(15), "run", RunnerProcess.Notebook(notebook), "--out", folder,
                    "--kernel", "--param", "budget=quick", "--param", "dataset=fashion-mnist"));
        }
        var notebooks = Directory.GetFiles(folder!, "*.ipynb").Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(notebooks);
        string site = Directory.CreateTempSubdirectory("gn-kernel-site-").FullName;
        try
        {
            var pages = SiteBuilder.Build(notebooks, site, new TestOutputWriter(output));
            foreach (var p in pages)
            {
                string html = File.ReadAllText(Path.Combine(site, p.Href));
                Assert.DoesNotContain("loadDotnetInteractiveApi", html);
                Assert.Contains("executed on", html);
            }
            await SiteTests.CheckSite(site, notebooks.Count, output);
        }
        finally
        {
            Directory.Delete(site, recursive: true);
            if (ours is not null) Directory.Delete(ours, recursive: true);
        }
    }

    sealed class TestOutputWriter(ITestOutputHelper output) : StringWriter
    {
        public override void WriteLine(string? value) => output.WriteLine(value ?? "");
    }
}
