using Microsoft.Playwright;
using Xunit;

namespace Vault.Web.Tests;

/// <summary>Students upload from phones: the student's pages at 375×667 never scroll sideways.</summary>
public sealed class PhoneJourneyTests(Browser browser) : IClassFixture<Browser>
{
    private static readonly ViewportSize Phone = new() { Width = 375, Height = 667 };

    [Fact]
    public async Task The_students_record_upload_recordings_and_player_pages_fit_a_375_pixel_wide_phone()
    {
        var klas = await StudentSteps.ClassWithConsentAsync(browser);
        var recordingId = await StudentSteps.ReadyRecordingAsync(browser);
        var page = await browser.SignInAsync("sanne", Phone);

        await StudentSteps.ChooseGroupAsync(page, klas);
        await AssertFitsAsync(page, "telefoon-student-opnemen");
        var upload = await StudentSteps.TicketUrlAsync(page, klas, closedEnvironment: false);
        await AssertFitsAsync(page, "telefoon-student-opnemen-antwoord");
        var live = await StudentSteps.TicketUrlAsync(page, klas, closedEnvironment: true);

        await page.GotoAsync(upload);
        await AssertFitsAsync(page, "telefoon-student-uploaden");
        await page.GotoAsync(live);
        await page.Locator("#camera").ClickAsync();
        await Assertions.Expect(page.Locator("#opnemen")).ToBeEnabledAsync();
        await AssertFitsAsync(page, "telefoon-student-live");
        await page.GotoAsync("/opnames");
        await Assertions.Expect(page.Locator($"#mijn-opnames a[href='/opnames/{recordingId}']")).ToBeVisibleAsync();
        await AssertFitsAsync(page, "telefoon-student-opnames");
        await page.GotoAsync($"/opnames/{recordingId}");
        await page.WaitForFunctionAsync("() => document.getElementById('speler').readyState >= 1");
        await AssertFitsAsync(page, "telefoon-student-speler");
    }

    private static async Task AssertFitsAsync(IPage page, string screenshot)
    {
        await Browser.ScreenshotAsync(page, screenshot);
        Assert.False(await PageChecks.ScrollsSidewaysAsync(page), $"{new Uri(page.Url).PathAndQuery} scrolls sideways on a 375px phone");
    }
}
