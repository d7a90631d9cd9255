using Microsoft.Playwright;
using Vault.Api.Seed;
using Vault.Testing;
using Xunit;

namespace Vault.Web.Tests;

public sealed class CoachViewingJourneyTests(Browser browser) : IClassFixture<Browser>
{
    private static readonly Guid SannesPlacement = new("5c0a2000-0000-4000-8000-000000000010");

    [Fact]
    public async Task The_IO_opens_a_recording_seeks_comments_jumps_back_to_the_comment_and_marks_the_assessment_done()
    {
        var video = await TestMedia.CreateVideoAsync(Path.Combine(Path.GetTempPath(), "mediavault-web", Guid.NewGuid().ToString("N")), seconds: 8);
        var recordingId = await browser.CreateReadyRecordingAsync(SannesPlacement, video, durationSeconds: 8, cancellationToken: TestContext.Current.CancellationToken);
        var page = await browser.SignInAsync("fatima");

        await page.GetByRole(AriaRole.Link, new() { Name = "Opnames", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#opnames-studenten")).ToContainTextAsync("Sanne de Vries");
        await page.Locator($"a[href='/opnames/{recordingId}']").ClickAsync();
        await Assertions.Expect(page.Locator("#speler")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('speler').readyState >= 1");

        // Playback only, through this viewer's short-lived grant: no download control, and the bare stream URL is refused.
        Assert.Contains("/stream?grant=", await page.Locator("#speler").GetAttributeAsync("src"), StringComparison.Ordinal);
        Assert.Equal("nodownload", await page.Locator("#speler").GetAttributeAsync("controlslist"));
        Assert.Equal(0, await page.Locator("a[download]").CountAsync());
        var bare = await page.APIRequest.GetAsync($"/api/recordings/{recordingId}/stream");
        Assert.Equal(403, bare.Status);

        // Seek anywhere, take the current time for a comment.
        await page.EvaluateAsync("() => { const v = document.getElementById('speler'); v.currentTime = 5; }");
        await page.WaitForFunctionAsync("() => Math.abs(document.getElementById('speler').currentTime - 5) < 0.01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Huidig tijdstip" }).ClickAsync();
        await Assertions.Expect(page.Locator("#atSeconds")).ToHaveValueAsync("5");
        await page.Locator("#category").SelectOptionAsync("SterkPunt");
        await page.Locator("#text").FillAsync("Heldere uitleg van de opdracht");
        await page.GetByRole(AriaRole.Button, new() { Name = "Plaatsen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Opmerking geplaatst");
        var comment = page.Locator("#opmerkingen li").Filter(new() { HasText = "Heldere uitleg van de opdracht" });
        await Assertions.Expect(comment).ToContainTextAsync("0:05");
        await Assertions.Expect(comment).ToContainTextAsync("Sterk punt");
        await Browser.ScreenshotAsync(page, "opname-met-opmerking");

        // Back to the start, then click the comment: the player jumps to its moment.
        await page.WaitForFunctionAsync("() => document.getElementById('speler').readyState >= 1");
        await page.EvaluateAsync("() => { document.getElementById('speler').currentTime = 0; }");
        await comment.GetByRole(AriaRole.Button, new() { Name = "Naar 0:05 in de opname" }).ClickAsync();
        await page.WaitForFunctionAsync("() => Math.abs(document.getElementById('speler').currentTime - 5) < 0.01");
        var at = await page.EvaluateAsync<double>("() => document.getElementById('speler').currentTime");
        Assert.Equal(5, at, 2);

        await page.GetByRole(AriaRole.Button, new() { Name = "Beoordeling afgerond" }).ClickAsync();
        await Assertions.Expect(page.Locator("#beoordeeld")).ToContainTextAsync("Beoordeling afgerond op");

        // A second examiner, chosen by name from the people R9 allows, with a reason and an end date.
        var endDate = DateOnly.FromDateTime(browser.Time.GetUtcNow().UtcDateTime).AddDays(14);
        await page.GetByLabel("Persoon").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Reden").FillAsync("Tweede beoordeling bij twijfel");
        await page.GetByLabel("Tot en met").FillAsync(endDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Toevoegen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Extra beoordelaar toegevoegd");
        await Assertions.Expect(page.Locator("#beoordelaars li")).ToContainTextAsync("Tweede beoordeling bij twijfel");
        await Browser.ScreenshotAsync(page, "opname-extra-beoordelaar");

        var (doneAt, by) = await browser.AssessmentOfAsync(recordingId, TestContext.Current.CancellationToken);
        Assert.NotNull(doneAt);
        Assert.Equal(DemoSeeder.Personas.Single(p => p.Slug == "fatima").Id, by);
    }
}
