using Xunit;

namespace Vault.Web.Tests;

/// <summary>The accessibility checks themselves: each one finds the fault it is for on a page made to have it.</summary>
public sealed class PageChecksTests(Browser browser) : IClassFixture<Browser>
{
    private const string Faulty = """
        <html lang="nl"><body style="background:#fff">
          <p id="pale" style="color:#aaaaaa">Lichtgrijze tekst</p>
          <p style="color:#767676">Net genoeg contrast</p>
          <div style="background:#b3003b"><span style="color:#ff6680">Roze op rood</span></div>
          <h1 style="color:#949494;font-size:32px">Grote tekst mag 3:1</h1>
          <label for="named">Naam</label><input id="named" />
          <input id="nameless" />
          <input type="hidden" name="token" />
          <span class="badge consent-missing"></span><span class="badge">✓ gegeven</span>
          <button id="plain" style="outline:none">Zonder focusrand</button>
          <button id="ringed" style="outline:none;box-shadow:0 0 0 3px #0050b3">Met schaduw</button>
        </body></html>
        """;

    [Fact]
    public async Task Each_check_finds_its_fault_and_passes_what_is_right()
    {
        var page = await browser.Chromium.NewPageAsync();
        await page.SetContentAsync(Faulty);

        var contrast = await PageChecks.LowContrastTextAsync(page);
        var unlabelled = await PageChecks.UnlabelledControlsAsync(page);
        var colourOnly = await PageChecks.ColourOnlyStatusesAsync(page);

        Assert.Equal(2, contrast.Count);
        Assert.Contains(contrast, c => c.Contains("Lichtgrijze tekst", StringComparison.Ordinal));
        Assert.Contains(contrast, c => c.Contains("Roze op rood", StringComparison.Ordinal));
        Assert.Single(unlabelled);
        Assert.Contains("nameless", unlabelled[0], StringComparison.Ordinal);
        Assert.Single(colourOnly);

        var walk = await PageChecks.TabThroughAsync(page);
        Assert.Contains(walk.Invisible, stop => stop.Contains("button#plain", StringComparison.Ordinal));
        Assert.DoesNotContain(walk.Invisible, stop => stop.Contains("button#ringed", StringComparison.Ordinal));
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_page_wider_than_the_phone_is_found()
    {
        var page = await browser.Chromium.NewPageAsync(new() { ViewportSize = new() { Width = 375, Height = 667 } });
        await page.SetContentAsync("<html><body><table><tr><td style='white-space:nowrap'>" + new string('x', 200) + "</td></tr></table></body></html>");

        Assert.True(await PageChecks.ScrollsSidewaysAsync(page));
        await page.CloseAsync();
    }
}
