using Microsoft.Playwright;
using Xunit;

namespace Vault.Web.Tests;

public sealed class PrivacyOfficerJourneyTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_privacy_officer_places_and_lifts_a_legal_hold_searches_the_audit_log_opens_a_pupil_report_and_verifies_the_chain()
    {
        var page = await browser.SignInAsync("joris");
        await page.GetByRole(AriaRole.Link, new() { Name = "Privacy", Exact = true }).ClickAsync();
        await Browser.ScreenshotAsync(page, "privacy-search");

        // A hold needs a reason: the refused form keeps the chosen placement.
        await page.GetByRole(AriaRole.Link, new() { Name = "Bewaarplichten" }).ClickAsync();
        await page.GetByLabel("Plaatsing", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Sanne de Vries — Maaslandcollege" + await PlacementSuffixAsync(page) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Bewaarplicht opleggen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Geef een reden (R17)");
        await Assertions.Expect(page.GetByLabel("Plaatsing", new() { Exact = true })).Not.ToHaveValueAsync("");

        await page.GetByLabel("Reden", new() { Exact = true }).FillAsync("Klacht van een ouder over de les van 12 november; geschil loopt.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bewaarplicht opleggen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De bewaarplicht is opgelegd");
        var hold = page.Locator("section[data-hold]").First;
        await Assertions.Expect(hold).ToContainTextAsync("● Geldt");
        await Browser.ScreenshotAsync(page, "privacy-holds");

        await hold.GetByLabel("Reden om op te heffen").FillAsync("Geschil is geschikt op 20 november.");
        await hold.GetByRole(AriaRole.Button, new() { Name = "Bewaarplicht opheffen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De bewaarplicht is opgeheven");
        await Assertions.Expect(page.Locator("section[data-hold]").First).ToContainTextAsync("○ Opgeheven");

        // The audit log shows both, found by event type.
        await page.GotoAsync("/privacy");
        await page.GetByLabel("Soort gebeurtenis").SelectOptionAsync("retention.hold-placed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-action='retention.hold-placed']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("tr[data-action='retention.hold-placed']")).ToContainTextAsync("Joris van Dijk");
        await page.GetByLabel("Soort gebeurtenis").SelectOptionAsync("");
        await page.GetByLabel("Persoon (wie deed het)").SelectOptionAsync(new SelectOptionValue { Label = "Joris van Dijk" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-action='retention.hold-lifted']")).ToHaveCountAsync(1);
        await Browser.ScreenshotAsync(page, "privacy-search-results");

        // A pupil report (art. 15): no recordings hold this pupil; the lookup itself is audited.
        await page.GotoAsync("/privacy");
        await page.GetByLabel("Leerling").SelectOptionAsync(new SelectOptionValue { Label = "Gijs Hoekstra (MLC26007, Maaslandcollege)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Inzagerapport (AVG art. 15) van deze leerling" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Gijs Hoekstra");
        await Assertions.Expect(page.Locator("[data-recordings='0']")).ToContainTextAsync("geen opnames");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("tr[data-action='privacy.pupil-access-request']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("tr[data-action='privacy.pupil-access-request']")).ToContainTextAsync("Joris van Dijk");
        await Browser.ScreenshotAsync(page, "privacy-pupil-report");

        // A recording outside the vault (or outside the scope) is simply not found.
        var response = await page.GotoAsync($"/privacy/opnames/{Guid.NewGuid()}");
        Assert.Equal(404, response!.Status);

        // Destruction: the preview says in words why it cannot be made while no recordings catalogue is wired.
        await page.GotoAsync("/privacy/vernietiging");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vernietigingsverslagen" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "privacy-destruction");

        // Chain verification: a button, a result in words.
        await page.GotoAsync("/privacy/keten");
        await page.GetByRole(AriaRole.Button, new() { Name = "Keten nu controleren" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("✓ De keten is intact.");
        await Browser.ScreenshotAsync(page, "privacy-chain");
    }

    private static async Task<string> PlacementSuffixAsync(IPage page)
    {
        var label = await page.Locator("#Input_PlacementId option", new() { HasText = "Sanne de Vries" }).TextContentAsync();
        return label!["Sanne de Vries — Maaslandcollege".Length..];
    }
}
