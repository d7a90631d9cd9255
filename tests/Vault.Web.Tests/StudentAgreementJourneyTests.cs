using Microsoft.Playwright;
using Xunit;

namespace Vault.Web.Tests;

public sealed class StudentAgreementJourneyTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_Haagse_student_gives_the_akkoord_on_the_Raamovereenkomst_and_the_regulation()
    {
        var page = await browser.SignInAsync("daan");
        await page.GetByRole(AriaRole.Link, new() { Name = "Akkoord" }).ClickAsync();
        await Assertions.Expect(page.Locator("section[data-agreement]")).ToHaveCountAsync(2);
        await Browser.ScreenshotAsync(page, "student-akkoord");

        foreach (var kind in new[] { "Raamovereenkomst", "RegelingBeeldEnGeluid" })
        {
            var section = page.Locator($"section[data-agreement='{kind}']");
            await Assertions.Expect(section.Locator(".state-missing")).ToBeVisibleAsync();
            await section.GetByRole(AriaRole.Checkbox).CheckAsync();
            await section.GetByRole(AriaRole.Button, new() { Name = "Akkoord geven" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Uw akkoord is vastgelegd");
            await Assertions.Expect(page.Locator($"section[data-agreement='{kind}'] .state-ok")).ToBeVisibleAsync();
        }
    }
}
