using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vault.Testing;
using Xunit;

namespace Vault.Web.Tests;

public sealed class StudentDeletionJourneyTests(Browser browser) : IClassFixture<Browser>
{
    private static readonly Guid SannesPlacement = new("5c0a2000-0000-4000-8000-000000000010");

    [Fact]
    public async Task The_student_destroys_a_recording_before_assessment_and_it_is_gone_at_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var video = await TestMedia.CreateVideoAsync(Path.Combine(Path.GetTempPath(), "mediavault-web", Guid.NewGuid().ToString("N")), seconds: 2);
        var recordingId = await browser.CreateReadyRecordingAsync(SannesPlacement, video, durationSeconds: 2, cancellationToken: ct);
        var page = await browser.SignInAsync("sanne");

        await page.GotoAsync($"/opnames/{recordingId}");
        await Assertions.Expect(page.Locator("#speler")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Opname nu vernietigen" }).ClickAsync();

        await Browser.WaitForAddressAsync(page, new Regex("/opnames$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De opname is vernietigd");
        Assert.Equal(0, await page.Locator($"a[href='/opnames/{recordingId}']").CountAsync());
        await Browser.ScreenshotAsync(page, "student-opname-vernietigd");
        var again = await page.GotoAsync($"/opnames/{recordingId}");
        Assert.Equal(404, again!.Status);
    }
}
