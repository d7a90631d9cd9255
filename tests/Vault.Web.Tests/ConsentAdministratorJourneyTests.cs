using System.Text;
using Microsoft.Playwright;
using Xunit;

namespace Vault.Web.Tests;

public sealed class ConsentAdministratorJourneyTests(Browser browser) : IClassFixture<Browser>
{
    private const string Header = "leerlingnummer;naam;geboortedatum;klas;beeld;geluid;gegeven_door;datum_toestemming;datum_geinformeerd\n";

    [Fact]
    public async Task A_consent_administrator_imports_pupils_records_and_withdraws_consent_and_sees_what_is_missing_per_group()
    {
        var page = await browser.SignInAsync("karin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Toestemming", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Maaslandcollege");
        await Assertions.Expect(page.Locator("tr[data-group='4H2']")).ToContainTextAsync("3 ontbreekt, 2 geweigerd");
        await Browser.ScreenshotAsync(page, "consent-groups");

        // A file with an impossible date: the preview names the row and column, and nothing can be applied.
        await page.GetByRole(AriaRole.Link, new() { Name = "Importeren (CSV)" }).ClickAsync();
        await page.GetByLabel("CSV-bestand").SetInputFilesAsync(Csv(
            "MLC26101;Sara Bakker;14-02-2011;4H2;ja;ja;ouder;01-10-2026;15-09-2026\n" +
            "MLC26102;Tim Bakker;31-02-2011;4H2;ja;nee;ouder;01-10-2026;15-09-2026\n"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Controleren" }).ClickAsync();
        var errors = page.Locator("table[data-table='errors'] tbody tr");
        await Assertions.Expect(errors).ToHaveCountAsync(1);
        await Assertions.Expect(errors.Locator("td").Nth(0)).ToHaveTextAsync("3");
        await Assertions.Expect(errors.Locator("td").Nth(1)).ToHaveTextAsync("geboortedatum");
        await Assertions.Expect(errors).ToContainTextAsync("'31-02-2011' is geen datum");
        await Assertions.Expect(page.Locator("tr[data-row='2']")).ToContainTextAsync("nieuw");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Toepassen" })).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, "consent-import-errors");

        // The corrected file: a clean preview, then applied at once.
        await page.GetByLabel("CSV-bestand").SetInputFilesAsync(Csv(
            "MLC26101;Sara Bakker;14-02-2011;4H2;ja;ja;ouder;01-10-2026;15-09-2026\n" +
            "MLC26102;Tim Bakker;28-02-2011;4H2;ja;nee;ouder;01-10-2026;15-09-2026\n"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Controleren" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Het bestand is in orde: 2 rij(en), 2 nieuwe leerling(en)");
        await Browser.ScreenshotAsync(page, "consent-import-preview");
        await page.GetByRole(AriaRole.Button, new() { Name = "Toepassen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De import is toegepast: 2 nieuwe leerling(en)");

        // A pupil without consent: a refused form keeps what was typed; then consent is recorded and image withdrawn.
        await page.GetByRole(AriaRole.Link, new() { Name = "Leerlingen en toestemming" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-pupil='Tim Bakker']")).ToContainTextAsync("4H2");
        await Browser.ScreenshotAsync(page, "consent-pupils");
        await page.GetByRole(AriaRole.Link, new() { Name = "Gijs Hoekstra" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-consent='beeld']")).ToHaveTextAsync("! ontbreekt");
        await page.GetByLabel("Ja, toestemming voor beeld").CheckAsync();
        await page.GetByLabel("Ja, toestemming voor geluid").CheckAsync();
        await page.GetByLabel("Gegeven door").SelectOptionAsync(new SelectOptionValue { Label = "Ouder of verzorger" });
        await page.GetByLabel("Datum toestemming").FillAsync("2026-10-01");
        await page.GetByLabel("Datum geïnformeerd over doel en gebruik").FillAsync("2026-10-05");
        await page.GetByRole(AriaRole.Button, new() { Name = "Toestemming vastleggen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("R3: eerst informeren");
        await Assertions.Expect(page.GetByLabel("Datum toestemming")).ToHaveValueAsync("2026-10-01");
        await Assertions.Expect(page.GetByLabel("Ja, toestemming voor beeld")).ToBeCheckedAsync();

        await page.GetByLabel("Datum geïnformeerd over doel en gebruik").FillAsync("2026-09-15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Toestemming vastleggen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De toestemming is vastgelegd: beeld ja, geluid ja");
        await Assertions.Expect(page.Locator("[data-consent='beeld']")).ToHaveTextAsync("✓ gegeven");

        await page.GetByLabel("Wat wordt ingetrokken").SelectOptionAsync(new SelectOptionValue { Label = "Alleen beeld" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Toestemming intrekken" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("per direct ingetrokken");
        await Assertions.Expect(page.Locator("[data-consent='beeld']")).ToHaveTextAsync("✗ geweigerd");
        await Assertions.Expect(page.Locator("[data-consent='geluid']")).ToHaveTextAsync("✓ gegeven");
        await Browser.ScreenshotAsync(page, "consent-pupil");

        // The group's overview: Gijs now refused image; the filter shows only pupils without full consent.
        await page.GotoAsync("/toestemming");
        await page.GetByRole(AriaRole.Link, new() { Name = "4H2" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-totals='beeld']")).ToContainTextAsync("3 geweigerd, 2 ontbreekt");
        await page.GetByRole(AriaRole.Link, new() { Name = "Toon alleen leerlingen zonder volledige toestemming" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-pupil='Gijs Hoekstra']")).ToContainTextAsync("✗ geweigerd");
        await Assertions.Expect(page.Locator("tr[data-pupil='Sara Bakker']")).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, "consent-group-overview");

        // Phone-sized: the overview stays readable (stacked table, nothing wider than the screen).
        await page.SetViewportSizeAsync(390, 844);
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"The page is {width}px wide on a 390px screen.");
        await Browser.ScreenshotAsync(page, "consent-group-overview-phone");
    }

    private static FilePayload Csv(string rows) => new() { Name = "leerlingen.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Header + rows) };
}
