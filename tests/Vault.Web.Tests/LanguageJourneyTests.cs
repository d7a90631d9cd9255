using Microsoft.Playwright;
using Vault.Consent.Registry;
using Vault.Testing;
using Xunit;

namespace Vault.Web.Tests;

/// <summary>Dutch by default, English on request: the layout's switch, then a main page of each user group, and back.</summary>
public sealed class LanguageJourneyTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task The_student_switches_to_English_reads_the_gates_refusal_in_English_and_switches_back_to_Dutch()
    {
        var klas = await DemoClass.ArrangeAsync(browser, StudentSteps.Sanne,
            ("Anouk Bakker", MediumDecision.Gegeven, MediumDecision.Gegeven),
            ("Chaima El Idrissi", MediumDecision.Geweigerd, MediumDecision.Geweigerd));
        var page = await browser.SignInAsync("sanne");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");

        await SwitchAsync(page, "English");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Sanne de Vries" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main menu" }).GetByRole(AriaRole.Link, new() { Name = "Recordings" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();

        await StudentSteps.ChooseGroupAsync(page, klas);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "May I record this lesson?", Exact = true })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Coaching" }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Upload a file" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask the vault" }).ClickAsync();
        var answer = page.Locator("#antwoord");
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-allowed", "false");
        await Assertions.Expect(answer.GetByRole(AriaRole.Heading)).ToHaveTextAsync("No, this recording is not allowed (yet).");
        await Assertions.Expect(answer.Locator("li[data-rule='R4']").First).ToContainTextAsync("was refused or withdrawn for these pupils");
        await Assertions.Expect(answer.Locator("li[data-rule='R4']").First).ToContainTextAsync("Pupils: Chaima El Idrissi");
        await Browser.ScreenshotAsync(page, "en-student-opnemen-geweigerd");

        await page.GotoAsync("/opnames");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Recordings", Exact = true })).ToBeVisibleAsync();

        await SwitchAsync(page, "Nederlands");

        Assert.EndsWith("/opnames", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Opnames", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_upload_pages_script_reports_its_progress_in_English_when_English_is_chosen()
    {
        var klas = await StudentSteps.ClassWithConsentAsync(browser);
        var page = await browser.SignInAsync("sanne");
        await SwitchAsync(page, "English");

        await page.GotoAsync(await StudentSteps.TicketUrlAsync(page, klas, closedEnvironment: false));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Upload a recording" })).ToBeVisibleAsync();
        var video = await TestMedia.CreateVideoAsync(Path.Combine(Path.GetTempPath(), "mediavault-web", Guid.NewGuid().ToString("N")), seconds: 2);
        await page.GetByLabel("Video or audio file").SetInputFilesAsync(video);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The recording has been saved.", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "View the recording" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_coach_a_consent_administrator_a_privacy_officer_and_the_administrator_each_read_their_main_page_in_English()
    {
        var recordingId = await StudentSteps.ReadyRecordingAsync(browser);

        var coach = await browser.SignInAsync("fatima");
        await SwitchAsync(coach, "English");
        await coach.GotoAsync($"/opnames/{recordingId}");
        await Assertions.Expect(coach.GetByRole(AriaRole.Heading, new() { Name = "Add a comment" })).ToBeVisibleAsync();
        await Assertions.Expect(coach.GetByRole(AriaRole.Heading, new() { Name = "Extra assessor" })).ToBeVisibleAsync();
        await Assertions.Expect(coach.Locator("#category option[value='SterkPunt']")).ToHaveTextAsync("Strong point");
        await coach.GetByRole(AriaRole.Button, new() { Name = "Assessment completed" }).ClickAsync();
        await Assertions.Expect(coach.GetByRole(AriaRole.Status).First).ToContainTextAsync("Assessment completed.");
        await Browser.ScreenshotAsync(coach, "en-io-speler");

        var consent = await browser.SignInAsync("karin");
        await SwitchAsync(consent, "English");
        await consent.GotoAsync("/toestemming");
        await Assertions.Expect(consent.GetByRole(AriaRole.Heading, new() { Name = "New school year" })).ToBeVisibleAsync();
        await Assertions.Expect(consent.GetByRole(AriaRole.Link, new() { Name = "Pupils and consent" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(consent, "en-toestemming");

        var privacy = await browser.SignInAsync("joris");
        await SwitchAsync(privacy, "English");
        await privacy.GotoAsync("/privacy/vernietiging");
        await Assertions.Expect(privacy.GetByRole(AriaRole.Heading, new() { Name = "Preview of the next yearly run" })).ToBeVisibleAsync();
        await Assertions.Expect(privacy.GetByRole(AriaRole.Heading, new() { Name = "Destruction records" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(privacy, "en-privacy-vernietiging");

        var admin = await browser.SignInAsync("admin");
        await SwitchAsync(admin, "English");
        await admin.GotoAsync("/beheer/opleidingsscholen");
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Partner schools and their policies (R6)" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Button, new() { Name = "Save policies" }).First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(admin, "en-beheer-opleidingsscholen");
    }

    [Fact]
    public async Task An_agreement_published_in_Dutch_says_so_in_English_and_is_marked_as_Dutch_for_screen_readers()
    {
        var page = await browser.SignInAsync("daan");
        await page.GotoAsync("/akkoord");
        var sections = page.Locator("section[data-agreement]");
        await Assertions.Expect(sections).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".agreement-language")).ToHaveCountAsync(0);

        await SwitchAsync(page, "English");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Agreements to accept" })).ToBeVisibleAsync();
        foreach (var section in await sections.AllAsync())
        {
            await Assertions.Expect(section.Locator(".agreement-language")).ToHaveTextAsync("This agreement is published in Dutch only: the Dutch text below is the one you accept.");
            await Assertions.Expect(section.Locator(".agreement-text")).ToHaveAttributeAsync("lang", "nl");
            await Assertions.Expect(section.GetByRole(AriaRole.Heading)).ToHaveAttributeAsync("lang", "nl");
            await Assertions.Expect(section.GetByRole(AriaRole.Button, new() { Name = "Accept" })).ToBeVisibleAsync();
        }

        await Browser.ScreenshotAsync(page, "en-student-akkoord");
    }

    [Fact]
    public async Task English_chosen_before_signing_in_stays_after_signing_in()
    {
        var context = await browser.Chromium.NewContextAsync(new() { BaseURL = browser.ServerAddress.ToString().TrimEnd('/'), Locale = "nl-NL" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/dev/aanmelden");
        var fatima = page.Locator("li", new() { Has = page.Locator("button[data-persona='fatima']") });
        await Assertions.Expect(fatima).ToContainTextAsync("Instituutsopleider (IO) van Sanne, Daan en Youssef");

        await SwitchAsync(page, "English");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in as a demo persona" })).ToBeVisibleAsync();
        await Assertions.Expect(fatima).ToContainTextAsync("Institute teacher educator (IO) of Sanne, Daan and Youssef");
        await page.Locator("button[data-persona='daan']").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Daan Jansen" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My placements" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".badge").First).ToHaveTextAsync("closed environment");
        await Browser.ScreenshotAsync(page, "en-student-overzicht");
        await context.CloseAsync();
    }

    [Fact]
    public async Task The_language_endpoint_refuses_a_post_without_the_antiforgery_token_and_never_redirects_off_site()
    {
        var page = await browser.SignInAsync("sanne");
        var token = await page.Locator(".language input[name='__RequestVerificationToken']").GetAttributeAsync("value");

        var forged = await page.APIRequest.PostAsync("/taal", new() { Form = FormOf(page, ("language", "en"), ("returnUrl", "/")), MaxRedirects = 0 });
        var offSite = await page.APIRequest.PostAsync("/taal", new() { Form = FormOf(page, ("language", "en"), ("returnUrl", "//evil.example/"), ("__RequestVerificationToken", token!)), MaxRedirects = 0 });
        var unknown = await page.APIRequest.PostAsync("/taal", new() { Form = FormOf(page, ("language", "fr"), ("returnUrl", "/"), ("__RequestVerificationToken", token!)), MaxRedirects = 0 });

        Assert.Equal(400, forged.Status);
        Assert.Equal(302, offSite.Status);
        Assert.Equal("/", offSite.Headers["location"]);
        Assert.Equal(400, unknown.Status);
    }

    private static IFormData FormOf(IPage page, params (string Name, string Value)[] fields)
    {
        var form = page.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }

        return form;
    }

    /// <summary>The layout's switch, by keyboard: focus the button and press Enter.</summary>
    private static async Task SwitchAsync(IPage page, string language)
    {
        var button = page.Locator(".language button");
        await Assertions.Expect(button).ToHaveTextAsync(language);
        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language == "English" ? "en" : "nl");
    }
}
