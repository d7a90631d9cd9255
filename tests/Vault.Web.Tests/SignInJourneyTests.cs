using Microsoft.Playwright;
using Xunit;

namespace Vault.Web.Tests;

public sealed class SignInJourneyTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_coach_chooses_a_persona_and_sees_their_students_placements_in_Dutch()
    {
        var page = await browser.SignInAsync("fatima");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welkom, Fatima El Idrissi" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tr[data-placement]")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Browser.ScreenshotAsync(page, "home-io");
    }

    [Fact]
    public async Task The_home_page_fits_a_phone_sized_screen()
    {
        var page = await browser.SignInAsync("sanne", new ViewportSize { Width = 375, Height = 740 });

        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");

        Assert.False(overflow, "the page scrolls sideways on a phone");
        await Browser.ScreenshotAsync(page, "home-student-phone");
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var page = await browser.SignInAsync("sanne");

        await page.GetByRole(AriaRole.Button, new() { Name = "Afmelden" }).ClickAsync();
        await page.GotoAsync("/");

        Assert.Contains("/dev/aanmelden", page.Url, StringComparison.Ordinal);
    }
}
