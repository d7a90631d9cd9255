using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vault.Testing;
using Xunit;

namespace Vault.Web.Tests;

/// <summary>
/// The vault in Development (persona picker, demo data) on Kestrel at 127.0.0.1, and Debian's Chromium driven by
/// Playwright. Chromium gets a fake camera and microphone for the in-browser recorder and no background
/// networking (this machine has no network beyond loopback).
/// </summary>
public sealed partial class Browser : DevelopmentVaultFactory
{
    private IPlaywright? playwright;

    public IBrowser Chromium { get; private set; } = null!;

    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        playwright = await Playwright.CreateAsync();
        Chromium = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Env = DutchEnvironment(),
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--lang=nl-NL",
            ],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>
    /// Date and time fields take their format from the browser's own language (its locale files, chromium-l10n, and
    /// the environment), not from the page's lang attribute or the context's locale: Chromium runs as a Dutch user's
    /// browser, so the fields show dd-mm-jjjj and a 24-hour clock as they do for the vault's users.
    /// </summary>
    private static Dictionary<string, string> DutchEnvironment()
    {
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
        environment["LANGUAGE"] = "nl_NL";
        environment["LANG"] = "nl_NL.UTF-8";
        environment["LC_ALL"] = "nl_NL.UTF-8";
        return environment;
    }

    /// <summary>A fresh browser context (own cookies) signed in as a demo persona through the picker.</summary>
    public async Task<IPage> SignInAsync(string persona, ViewportSize? viewport = null)
    {
        var context = await Chromium.NewContextAsync(new()
        {
            BaseURL = ServerAddress.ToString().TrimEnd('/'),
            Locale = "nl-NL",
            TimezoneId = "Europe/Amsterdam",
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            Permissions = ["camera", "microphone"],
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/dev/aanmelden");
        await page.Locator($"button[data-persona='{persona}']").ClickAsync();
        await WaitForAddressAsync(page, Home());
        return page;
    }

    /// <summary>
    /// Waits until the page is at an address that matches <paramref name="address"/> and its document has loaded.
    /// Not <c>WaitForURLAsync</c>: that checks the load state and then subscribes to its event, and an event delivered in
    /// between is lost, so on a busy machine it waits out its whole timeout for a page that loaded long before
    /// (microsoft/playwright-dotnet#3364). The assertion asks the browser for the address, and a load state that was
    /// missed is still recorded, so the next short wait finds it at its check.
    /// </summary>
    public static async Task WaitForAddressAsync(IPage page, Regex address)
    {
        await Assertions.Expect(page).ToHaveURLAsync(address, new() { Timeout = 30_000 });
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = 1_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 30)
            {
            }
        }
    }

    [GeneratedRegex(@"^https?://[^/]+/$")]
    private static partial Regex Home();

    /// <summary>
    /// Keeps a full-page screenshot as evidence of what the page looked like. A player is captured once its video
    /// knows its size (or failed), so the picture shows the layout users see. Chromium answers "Unable to capture
    /// screenshot" when its compositor has no frame to copy at that moment: a full-page capture resizes the view, and a
    /// video that is still loading can keep the frame from being ready. That is the capture, not the page, so it is
    /// tried again after the next frames are drawn, at most three times; any other failure, or a third one, fails.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('video[src]')].every(v => v.readyState >= 1 || v.error !== null)");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
                return;
            }
            catch (PlaywrightException e) when (attempt < 3 && e.Message.Contains("Unable to capture screenshot", StringComparison.Ordinal))
            {
                // Two frames drawn, or a second at most (an evaluation has no timeout of its own).
                await page.EvaluateAsync("() => new Promise(r => { requestAnimationFrame(() => requestAnimationFrame(r)); setTimeout(r, 1000); })");
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.CloseAsync();
        }

        playwright?.Dispose();
        await base.DisposeAsync();
    }
}
