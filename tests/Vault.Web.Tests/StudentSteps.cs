using Microsoft.Playwright;
using Vault.Consent.Registry;
using Vault.Testing;

namespace Vault.Web.Tests;

/// <summary>Steps of the student's journey that other journeys start from: a class with full consent, and a gate ticket.</summary>
internal static class StudentSteps
{
    public const string Sanne = "Sanne de Vries";

    public static readonly Guid SannesPlacement = new("5c0a2000-0000-4000-8000-000000000010");

    public static Task<DemoClass> ClassWithConsentAsync(Browser vault) =>
        DemoClass.ArrangeAsync(vault, Sanne,
            ("Anouk Bakker", MediumDecision.Gegeven, MediumDecision.Gegeven),
            ("Bram de Wit", MediumDecision.Gegeven, MediumDecision.Gegeven));

    /// <summary>On /opnemen, chooses the class (by its id, whatever the page's language).</summary>
    public static async Task ChooseGroupAsync(IPage page, DemoClass klas)
    {
        await page.GotoAsync($"/opnemen?plaatsing={SannesPlacement}&groep={klas.GroupId}");
        await Assertions.Expect(page.Locator("#vraag-titel")).ToContainTextAsync(klas.GroupName);
    }

    /// <summary>Asks the gate for a coaching recording of the whole class and returns the page the ticket leads to.</summary>
    public static async Task<string> TicketUrlAsync(IPage page, DemoClass klas, bool closedEnvironment)
    {
        await ChooseGroupAsync(page, klas);
        await page.Locator("input[name='Form.Purpose'][value='Begeleiding']").CheckAsync();
        await page.Locator($"input[name='Form.Capture'][value='{(closedEnvironment ? "ClosedEnvironment" : "DeviceFile")}']").CheckAsync();
        await page.Locator("#vraag-titel").Locator("xpath=..").Locator("button[type='submit']").ClickAsync();
        var answer = page.Locator("#antwoord");
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-allowed", "true");
        return (await answer.Locator("a.button").GetAttributeAsync("href"))!;
    }

    public static async Task<Guid> ReadyRecordingAsync(Browser vault, int seconds = 2)
    {
        var video = await TestMedia.CreateVideoAsync(Path.Combine(Path.GetTempPath(), "mediavault-web", Guid.NewGuid().ToString("N")), seconds: seconds);
        return await vault.CreateReadyRecordingAsync(SannesPlacement, video, durationSeconds: seconds, cancellationToken: Xunit.TestContext.Current.CancellationToken);
    }
}
