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

    [Fact]
    public async Task An_administrator_publishes_a_new_agreement_version_sees_it_listed_and_records_the_employers_akkoord()
    {
        var page = await browser.SignInAsync("admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Plaatsingen" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Overeenkomsten en akkoorden" }).ClickAsync();
        var raam = page.Locator("section[data-kind='Raamovereenkomst']");
        await Assertions.Expect(raam.Locator("tr[data-version='2021-06-18']")).ToContainTextAsync("geldt nu");

        // A new version that takes effect next school year: listed at once, in force only from its date (R1).
        await page.GetByText("Nieuwe versie publiceren").ClickAsync();
        await page.GetByLabel("Soort").SelectOptionAsync("Raamovereenkomst");
        await page.GetByLabel("Versie", new() { Exact = true }).FillAsync("2027-08-01");
        await page.GetByLabel("Titel").FillAsync("Samen Opleiden: Raamovereenkomst Werkplekleren (herzien)");
        await page.GetByLabel("Geldt vanaf").FillAsync("2027-08-01");
        await page.GetByLabel("Tekst", new() { Exact = true }).FillAsync(string.Concat(Enumerable.Repeat("Artikel 10. Beeld- en geluidsopnames worden alleen gemaakt voor begeleiding en beoordeling. ", 4)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Versie publiceren" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Versie 2027-08-01 van de raamovereenkomst werkplekleren is gepubliceerd");
        var published = raam.Locator("tr[data-version='2027-08-01']");
        await Assertions.Expect(published).ToContainTextAsync("01-08-2027");
        await Assertions.Expect(published).Not.ToContainTextAsync("geldt nu");
        await Assertions.Expect(raam.Locator("tr[data-version='2021-06-18']")).ToContainTextAsync("geldt nu");
        await Browser.ScreenshotAsync(page, "admin-overeenkomsten");

        // Publishing the same label again is refused, in Dutch, with the form kept open.
        await page.GetByText("Nieuwe versie publiceren").ClickAsync();
        await page.GetByLabel("Versie", new() { Exact = true }).FillAsync("2027-08-01");
        await page.GetByLabel("Titel").FillAsync("Dubbel");
        await page.GetByLabel("Tekst", new() { Exact = true }).FillAsync(new string('x', 150));
        await page.GetByRole(AriaRole.Button, new() { Name = "Versie publiceren" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("al gepubliceerd");

        // Who accepted which version; the employer's akkoord on Youssef's tripartite agreement.
        await page.Locator("section[data-kind='Driepartijenovereenkomst']").GetByRole(AriaRole.Link).First.ClickAsync();
        await page.GetByLabel("Plaatsing (werkend leren)").SelectOptionAsync(new SelectOptionValue { Label = "Youssef Amrani — Maaslandcollege (Stichting Maaslandcollege)" });
        await page.GetByLabel("Partij").SelectOptionAsync("Werkgever");
        await page.GetByLabel("Ondertekend door").SelectOptionAsync(new SelectOptionValue { Label = "Kees de Boer (Werkbegeleider)" });
        await page.GetByLabel("Kenmerk").FillAsync("Arbeidsovereenkomst 2026-114, bijlage 3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Akkoord vastleggen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Het akkoord van de werkgever is vastgelegd");
        var row = page.Locator("#akkoorden tr", new() { HasText = "Kees de Boer" });
        await Assertions.Expect(row).ToContainTextAsync("Youssef Amrani");
        await Assertions.Expect(row).ToContainTextAsync("Werkgever");
        await Assertions.Expect(row).ToContainTextAsync("Arbeidsovereenkomst 2026-114");
        await Browser.ScreenshotAsync(page, "admin-overeenkomst");

        // Phone-sized: nothing wider than the screen.
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/beheer/overeenkomsten");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"));
        await Browser.ScreenshotAsync(page, "admin-overeenkomsten-telefoon");
    }
}
