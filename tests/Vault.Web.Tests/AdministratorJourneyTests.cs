using Microsoft.Playwright;
using Xunit;

namespace Vault.Web.Tests;

public sealed class AdministratorJourneyTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task An_administrator_creates_a_placement_replaces_its_WPB_and_sets_a_school_policy()
    {
        var page = await browser.SignInAsync("admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Plaatsingen" }).ClickAsync();
        var before = await page.Locator("tr[data-placement]").CountAsync();

        // An invalid placement first: the form explains what is wrong, in Dutch.
        await page.GetByText("Nieuwe plaatsing").ClickAsync();
        await page.GetByLabel("Student").SelectOptionAsync(new SelectOptionValue { Label = "Daan Jansen" });
        await page.GetByLabel("Schoollocatie").SelectOptionAsync(new SelectOptionValue { Label = "Maaslandcollege" });
        await page.GetByLabel("Begindatum").FillAsync("2027-08-01");
        await page.GetByLabel("Einddatum").FillAsync("2027-07-01");
        await page.GetByLabel("Instituutsopleider (IO)").SelectOptionAsync(new SelectOptionValue { Label = "Fatima El Idrissi" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Plaatsing aanmaken" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("De einddatum ligt vóór de begindatum");
        await Assertions.Expect(page.GetByLabel("Student")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f-]{36}$"));

        await page.GetByLabel("Einddatum").FillAsync("2028-06-30");
        await page.GetByLabel("Werkplekbegeleider (WPB) — werkplekleren").SelectOptionAsync(new SelectOptionValue { Label = "Pieter Bakker" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Plaatsing aanmaken" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De plaatsing van Daan Jansen is aangemaakt");
        await Assertions.Expect(page.Locator("tr[data-placement]")).ToHaveCountAsync(before + 1);
        await Browser.ScreenshotAsync(page, "admin-placements");

        await page.Locator("tr[data-placement]", new() { HasText = "Sanne de Vries" }).GetByRole(AriaRole.Link).ClickAsync();
        await page.GetByLabel("Rol").SelectOptionAsync("Werkplekbegeleider");
        await page.GetByLabel("Nieuwe begeleider").SelectOptionAsync(new SelectOptionValue { Label = "Noor Visser (Werkplekbegeleider)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Wisselen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De begeleider is gewisseld");
        await Assertions.Expect(page.Locator("tr", new() { HasText = "Pieter Bakker" })).Not.ToContainTextAsync("nu");
        await Assertions.Expect(page.Locator("tr", new() { HasText = "Noor Visser" })).ToContainTextAsync("nu");
        await Browser.ScreenshotAsync(page, "admin-placement");

        await page.GetByRole(AriaRole.Link, new() { Name = "Opleidingsscholen" }).ClickAsync();
        var osr = page.Locator("section[data-school='OSR']");
        await osr.GetByLabel("Verplichte opnames per plaatsing").FillAsync("4");
        await osr.GetByRole(AriaRole.Button, new() { Name = "Afspraken opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("zijn opgeslagen");
        await Assertions.Expect(page.Locator("section[data-school='OSR']").GetByLabel("Verplichte opnames per plaatsing")).ToHaveValueAsync("4");
    }
}
