using System.Collections.Concurrent;
using GanNotebooks.Testing;
using Microsoft.Playwright;

namespace GanNotebooks.Export.Tests;

/// <summary>
/// Headless system Chromium with the network off: an offline context in which every request that is not file: or
/// data: is aborted and recorded, and every page error and console error is recorded.
/// </summary>
internal sealed class OfflineBrowser : IAsyncDisposable
{
    static string Chromium => TestMachine.Chromium;

    IPlaywright playwright = null!;
    IBrowser browser = null!;

    public IBrowserContext Context { get; private set; } = null!;

    /// <summary>URLs a page tried to load from the network.</summary>
    public ConcurrentQueue<string> External { get; } = new();

    /// <summary>Page errors and console errors, each with the page it happened on.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>Skips the test without Chromium, or fails it under CI (<see cref="TestMachine.Require"/>).</summary>
    public static void RequireChromium()
    {
        TestMachine.RequireFile(Chromium, "apt-get install chromium, or set GAN_CHROMIUM");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    }

    public static async Task<OfflineBrowser> StartAsync()
    {
        var b = new OfflineBrowser { playwright = await Playwright.CreateAsync() };
        b.browser = await b.playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        b.Context = await b.browser.NewContextAsync(new() { Offline = true, ViewportSize = new() { Width = 1100, Height = 900 } });
        await b.Context.RouteAsync("**/*", async route =>
        {
            string url = route.Request.Url;
            if (url.StartsWith("file:", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal))
                await route.ContinueAsync();
            else
            {
                b.External.Enqueue(url);
                await route.AbortAsync();
            }
        });
        return b;
    }

    /// <summary>Opens <paramref name="htmlPath"/> and waits for it to load (errors go to <see cref="Errors"/>).</summary>
    public async Task<IPage> OpenAsync(string htmlPath)
    {
        var page = await Context.NewPageAsync();
        string name = Path.GetFileName(htmlPath);
        page.PageError += (_, e) => Errors.Enqueue($"{name}: {e}");
        page.Console += (_, m) => { if (m.Type == "error") Errors.Enqueue($"{name}: {m.Text}"); };
        page.RequestFailed += (_, r) => { if (r.Url.StartsWith("file:", StringComparison.Ordinal)) Errors.Enqueue($"{name}: failed to load {r.Url}"); };
        await page.GotoAsync(new Uri(htmlPath).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
        await page.EvaluateAsync("() => document.fonts.ready");
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
