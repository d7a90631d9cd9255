using Microsoft.Playwright;
using Xunit;

namespace Vault.Web.Tests;

/// <summary>
/// Every main page of every user group, as Chromium renders it: labelled controls, contrast, no status by colour alone,
/// keyboard stops with a visible focus (see <see cref="PageChecks"/>). Each visit keeps a screenshot.
/// </summary>
public sealed class AccessibilityJourneyTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task The_students_pages_are_labelled_readable_and_usable_with_the_keyboard()
    {
        var klas = await StudentSteps.ClassWithConsentAsync(browser);
        var recordingId = await StudentSteps.ReadyRecordingAsync(browser);
        var page = await browser.SignInAsync("sanne");

        await VisitAsync(page, "/", "a11y-student-overzicht");
        await VisitAsync(page, "/akkoord", "a11y-student-akkoord");
        await StudentSteps.ChooseGroupAsync(page, klas);
        await CheckAsync(page, "a11y-student-opnemen");
        await VisitAsync(page, await StudentSteps.TicketUrlAsync(page, klas, closedEnvironment: false), "a11y-student-uploaden");
        await VisitAsync(page, await StudentSteps.TicketUrlAsync(page, klas, closedEnvironment: true), "a11y-student-live");
        await VisitAsync(page, "/opnames", "a11y-student-opnames");
        await VisitAsync(page, $"/opnames/{recordingId}", "a11y-student-speler");
    }

    [Fact]
    public async Task The_coachs_pages_are_labelled_readable_and_usable_with_the_keyboard()
    {
        var recordingId = await StudentSteps.ReadyRecordingAsync(browser);
        var page = await browser.SignInAsync("fatima");

        await VisitAsync(page, "/", "a11y-io-overzicht");
        await VisitAsync(page, "/opnames", "a11y-io-opnames");
        await VisitAsync(page, $"/opnames/{recordingId}", "a11y-io-speler");
        await Assertions.Expect(page.Locator("#personId")).ToHaveCountAsync(1); // the extra-assessor form was checked too
    }

    [Fact]
    public async Task The_consent_administrators_pages_are_labelled_readable_and_usable_with_the_keyboard()
    {
        var page = await browser.SignInAsync("karin");

        await VisitAsync(page, "/toestemming", "a11y-toestemming");
        var group = page.Locator("a[href^='/toestemming/groepen/']").First;
        if (await group.CountAsync() > 0)
        {
            await VisitAsync(page, (await group.GetAttributeAsync("href"))!, "a11y-toestemming-groep");
        }

        await VisitAsync(page, "/toestemming/leerlingen", "a11y-toestemming-leerlingen");
        var pupil = page.Locator("a[href^='/toestemming/leerlingen/']").First;
        if (await pupil.CountAsync() > 0)
        {
            await VisitAsync(page, (await pupil.GetAttributeAsync("href"))!, "a11y-toestemming-leerling");
        }

        await VisitAsync(page, "/toestemming/import", "a11y-toestemming-import");
    }

    [Fact]
    public async Task The_privacy_officers_pages_are_labelled_readable_and_usable_with_the_keyboard()
    {
        var page = await browser.SignInAsync("joris");

        await VisitAsync(page, "/privacy", "a11y-privacy-zoeken");
        await VisitAsync(page, "/privacy?actie=", "a11y-privacy-resultaten");
        await VisitAsync(page, "/privacy/bewaarplicht", "a11y-privacy-bewaarplicht");
        await VisitAsync(page, "/privacy/wissen", "a11y-privacy-wissen");
        await VisitAsync(page, "/privacy/vernietiging", "a11y-privacy-vernietiging");
        await VisitAsync(page, "/privacy/keten", "a11y-privacy-keten");
    }

    [Fact]
    public async Task The_institute_administrators_pages_are_labelled_readable_and_usable_with_the_keyboard()
    {
        var page = await browser.SignInAsync("admin");

        await VisitAsync(page, "/beheer/plaatsingen", "a11y-beheer-plaatsingen");
        await VisitAsync(page, (await page.Locator("a[href^='/beheer/plaatsingen/']").First.GetAttributeAsync("href"))!, "a11y-beheer-plaatsing");
        await VisitAsync(page, "/beheer/opleidingsscholen", "a11y-beheer-opleidingsscholen");
        await VisitAsync(page, "/beheer/overeenkomsten", "a11y-beheer-overeenkomsten");
    }

    [Fact]
    public async Task The_keyboard_reaches_the_language_switch_and_the_main_form_with_a_visible_focus()
    {
        var page = await browser.SignInAsync("sanne");
        await page.GotoAsync("/opnemen");

        var walk = await PageChecks.TabThroughAsync(page);

        Assert.Empty(walk.Invisible);
        Assert.Contains(walk.Order, stop => stop.Contains("English", StringComparison.Ordinal));
        Assert.Contains(walk.Order, stop => stop.StartsWith("select#plaatsing", StringComparison.Ordinal));
        var outline = await page.EvaluateAsync<string>("() => { const b = document.querySelector('.language button'); b.focus({ focusVisible: true }); return getComputedStyle(b).outlineStyle + ' ' + getComputedStyle(b).outlineWidth; }");
        Assert.Equal("solid 3px", outline);
    }

    [Fact]
    public async Task The_persona_picker_is_labelled_readable_and_usable_with_the_keyboard()
    {
        var context = await browser.Chromium.NewContextAsync(new() { BaseURL = browser.ServerAddress.ToString().TrimEnd('/'), Locale = "nl-NL" });
        var page = await context.NewPageAsync();

        await VisitAsync(page, "/dev/aanmelden", "a11y-aanmelden");
    }

    private static async Task VisitAsync(IPage page, string url, string screenshot)
    {
        var response = await page.GotoAsync(url);
        Assert.True(response is { Ok: true }, $"{url}: {response?.Status}");
        await CheckAsync(page, screenshot);
    }

    private static async Task CheckAsync(IPage page, string screenshot)
    {
        await Browser.ScreenshotAsync(page, screenshot);
        await PageChecks.AssertAccessibleAsync(page);
    }
}
