using System.Globalization;
using Microsoft.Playwright;
using Xunit;

namespace Vault.Web.Tests;

/// <summary>The player's feedback beyond the first comment: fractional moments, replies, deleting one's own, and the IO's extra assessor undone.</summary>
public sealed class CommentThreadJourneyTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_comment_at_two_and_a_half_seconds_gets_a_reply_from_the_student_and_its_author_deletes_it()
    {
        var recordingId = await StudentSteps.ReadyRecordingAsync(browser, seconds: 8);
        var io = await browser.SignInAsync("fatima");
        await io.GotoAsync($"/opnames/{recordingId}");

        // A moment with a fraction, as the player's "current moment" button writes it: 2.5, with a dot, in Dutch too.
        await io.Locator("#atSeconds").FillAsync("2.5");
        await io.Locator("#text").FillAsync("Let op de instructie");
        await io.GetByRole(AriaRole.Button, new() { Name = "Plaatsen" }).ClickAsync();
        await Assertions.Expect(io.GetByRole(AriaRole.Status)).ToContainTextAsync("Opmerking geplaatst");
        var comment = io.Locator("#opmerkingen li").Filter(new() { HasText = "Let op de instructie" });
        await Assertions.Expect(comment.Locator("button.jump")).ToHaveAttributeAsync("data-at", "2.5");

        var student = await browser.SignInAsync("sanne");
        await student.GotoAsync($"/opnames/{recordingId}");
        var own = student.Locator("#opmerkingen li").Filter(new() { HasText = "Let op de instructie" });
        await own.Locator("summary").ClickAsync();
        await own.GetByLabel("Uw reactie").FillAsync("Ik pas het aan in de volgende les");
        await own.GetByRole(AriaRole.Button, new() { Name = "Reactie plaatsen" }).ClickAsync();
        await Assertions.Expect(student.Locator("#opmerkingen li.reply")).ToContainTextAsync("Ik pas het aan in de volgende les");
        await Assertions.Expect(student.Locator("#opmerkingen li.reply button.jump")).ToHaveAttributeAsync("data-at", "2.5");
        Assert.Equal(0, await own.Locator("form[action*='DeleteComment']").CountAsync()); // not hers to delete
        await Browser.ScreenshotAsync(student, "opname-reactie");

        await io.ReloadAsync(); // after post/redirect/get: the comment is not posted twice
        await Assertions.Expect(comment).ToHaveCountAsync(1);
        await comment.GetByRole(AriaRole.Button, new() { Name = "Verwijderen" }).ClickAsync();
        await Assertions.Expect(io.GetByRole(AriaRole.Status)).ToContainTextAsync("Opmerking verwijderd");
        await Assertions.Expect(io.Locator("#opmerkingen li")).ToHaveCountAsync(0); // the reply went with it
    }

    [Fact]
    public async Task A_moment_that_is_not_a_number_is_refused_on_the_form_in_the_pages_language()
    {
        var recordingId = await StudentSteps.ReadyRecordingAsync(browser);
        var io = await browser.SignInAsync("fatima");
        await io.GotoAsync($"/opnames/{recordingId}");

        await io.Locator("#opmerking-form").EvaluateAsync("""
            form => { form.noValidate = true; form.querySelector("#atSeconds").type = "text"; form.querySelector("#atSeconds").value = "twee"; form.querySelector("#text").value = "x"; }
            """);
        await io.GetByRole(AriaRole.Button, new() { Name = "Plaatsen" }).ClickAsync();

        await Assertions.Expect(io.Locator(".error")).ToContainTextAsync("'twee' is geen getal");
        await Assertions.Expect(io.Locator("#opmerkingen li")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_IO_removes_an_extra_assessor_again()
    {
        var recordingId = await StudentSteps.ReadyRecordingAsync(browser);
        var io = await browser.SignInAsync("fatima");
        await io.GotoAsync($"/opnames/{recordingId}");
        var endDate = DateOnly.FromDateTime(browser.Time.GetUtcNow().UtcDateTime).AddDays(7);
        await io.GetByLabel("Persoon").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await io.GetByLabel("Reden").FillAsync("Tweede beoordeling");
        await io.GetByLabel("Tot en met").FillAsync(endDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await io.GetByRole(AriaRole.Button, new() { Name = "Toevoegen" }).ClickAsync();
        await Assertions.Expect(io.Locator("#beoordelaars li")).ToHaveCountAsync(1);

        await io.Locator("#beoordelaars").GetByRole(AriaRole.Button, new() { Name = "Verwijderen" }).ClickAsync();

        await Assertions.Expect(io.GetByRole(AriaRole.Status)).ToContainTextAsync("Extra beoordelaar verwijderd");
        await Assertions.Expect(io.Locator("#beoordelaars")).ToHaveCountAsync(0);
    }
}
