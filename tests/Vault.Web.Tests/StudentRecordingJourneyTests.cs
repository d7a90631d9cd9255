using System.Text.RegularExpressions;
using System.Text.Json;
using Microsoft.Playwright;
using Vault.Consent.Registry;
using Vault.Testing;
using Xunit;

namespace Vault.Web.Tests;

/// <summary>The student's recording journey: ask the gate, upload a file with progress and resume, record live (R8).</summary>
public sealed class StudentRecordingJourneyTests(Browser browser) : IClassFixture<Browser>
{
    private const string Sanne = "Sanne de Vries";
    private const string Daan = "Daan Jansen";

    [Fact]
    public async Task Sanne_is_refused_for_a_named_pupil_then_allowed_without_her_and_uploads_with_progress_that_resumes_after_a_dropped_connection()
    {
        var klas = await DemoClass.ArrangeAsync(browser, Sanne,
            ("Anouk Bakker", MediumDecision.Gegeven, MediumDecision.Gegeven),
            ("Bram de Wit", MediumDecision.Gegeven, MediumDecision.Gegeven),
            ("Chaima El Idrissi", MediumDecision.Geweigerd, MediumDecision.Geweigerd));
        var video = await MakeVideoAsync(seconds: 12);
        var page = await browser.SignInAsync("sanne");

        await page.GetByRole(AriaRole.Link, new() { Name = "Opnemen" }).ClickAsync();
        await ChooseGroupAsync(page, klas);
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Chaima El Idrissi" })).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Begeleiding" }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Bestand uploaden" }).CheckAsync();
        await Browser.ScreenshotAsync(page, "student-opnemen-vraag");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vraag de kluis" }).ClickAsync();

        // Refused: every reason with its rule id, and the pupil concerned by name.
        var answer = page.Locator("#antwoord");
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-allowed", "false");
        var refusals = answer.Locator("li[data-rule='R4']");
        await Assertions.Expect(refusals).ToHaveCountAsync(2); // image and sound
        await Assertions.Expect(refusals.Filter(new() { HasText = "Chaima El Idrissi" })).ToHaveCountAsync(2);
        await Assertions.Expect(answer.Locator("li", new() { HasText = "Anouk Bakker" })).ToHaveCountAsync(0);
        await Assertions.Expect(answer.GetByRole(AriaRole.Button, new() { Name = "Opnemen met alleen geluid" })).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, "student-opnemen-geweigerd");

        // Chaima is absent today: untick her and ask again.
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Chaima El Idrissi" }).UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Vraag de kluis" }).ClickAsync();
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-allowed", "true");
        await Assertions.Expect(answer).ToContainTextAsync("2 aanwezige leerlingen");
        await Browser.ScreenshotAsync(page, "student-opnemen-toegestaan");
        await answer.GetByRole(AriaRole.Link, new() { Name = "Naar uploaden" }).ClickAsync();
        await Browser.WaitForAddressAsync(page, new Regex(@"/opnemen/uploaden\?ticket=[^/]+$"));

        // The second piece is lost on the way; the upload asks the vault where it is and goes on.
        var patches = 0;
        await page.RouteAsync("**/api/recordings/uploads/*", async route =>
        {
            if (route.Request.Method == "PATCH" && Interlocked.Increment(ref patches) == 2)
            {
                await route.AbortAsync("connectionreset");
                return;
            }

            await route.ContinueAsync();
        });
        var form = page.Locator("#uploader");
        await page.GetByLabel("Video- of geluidsbestand").SetInputFilesAsync(video);
        await page.GetByRole(AriaRole.Button, new() { Name = "Uploaden", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De verbinding viel weg");
        await Assertions.Expect(form).ToHaveAttributeAsync("data-resumed-from", "1048576");
        await Browser.ScreenshotAsync(page, "student-uploaden-hervat");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Bekijk de opname" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#voortgang")).ToHaveAttributeAsync("value", "100");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De opname is opgeslagen");
        await Browser.ScreenshotAsync(page, "student-uploaden-klaar");
        Assert.True(patches >= 5, $"a {new FileInfo(video).Length}-byte file goes in 1 MiB pieces plus one retried piece; {patches} PATCHes seen");

        var recordingId = await form.GetAttributeAsync("data-recording");
        Assert.Equal($"/opnames/{recordingId}", await page.GetByRole(AriaRole.Link, new() { Name = "Bekijk de opname" }).GetAttributeAsync("href"));
        var recording = await GetJsonAsync(page, $"/api/recordings/{recordingId}");
        Assert.Equal("DeviceFile", recording.GetProperty("capture").GetString());
        Assert.True(recording.GetProperty("hasVideo").GetBoolean());
        Assert.InRange(recording.GetProperty("durationSeconds").GetDouble(), 11, 13);
    }

    [Fact]
    public async Task When_only_an_image_refusal_blocks_the_student_takes_the_sound_only_offer_with_one_click()
    {
        var klas = await DemoClass.ArrangeAsync(browser, Sanne,
            ("Daan Vermeulen", MediumDecision.Gegeven, MediumDecision.Gegeven),
            ("Eva Smit", MediumDecision.Geweigerd, MediumDecision.Gegeven));
        var page = await browser.SignInAsync("sanne", new ViewportSize { Width = 390, Height = 844 });

        await page.GotoAsync("/opnemen");
        await ChooseGroupAsync(page, klas);
        await page.GetByRole(AriaRole.Radio, new() { Name = "Beoordeling" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Vraag de kluis" }).ClickAsync();
        var answer = page.Locator("#antwoord");
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-allowed", "false");
        await Assertions.Expect(answer).ToContainTextAsync("Eva Smit");
        await Browser.ScreenshotAsync(page, "student-opnemen-alleen-geluid-aanbod-telefoon");

        await answer.GetByRole(AriaRole.Button, new() { Name = "Opnemen met alleen geluid" }).ClickAsync();

        await Assertions.Expect(answer).ToHaveAttributeAsync("data-allowed", "true");
        await Assertions.Expect(answer).ToContainTextAsync("Alleen geluid, voor beoordeling");
    }

    [Fact]
    public async Task The_vaults_API_refuses_a_cookie_authenticated_change_without_the_pages_antiforgery_token()
    {
        var page = await browser.SignInAsync("sanne");
        await page.GotoAsync("/");
        var token = await page.Locator("input[name='__RequestVerificationToken']").First.GetAttributeAsync("value");
        const string call = """
            async ([token]) => {
              const headers = { "Content-Type": "application/json" };
              if (token) headers["X-Vault-Antiforgery"] = token;
              const r = await fetch("/api/recordings/uploads", { method: "POST", headers,
                body: JSON.stringify({ ticketId: crypto.randomUUID(), fileName: "les.mp4", size: 10 }) });
              return r.status + " " + ((await r.json()).type ?? "");
            }
            """;

        var without = await page.EvaluateAsync<string>(call, new object?[] { null });
        var forged = await page.EvaluateAsync<string>(call, new object?[] { "forged-token" });
        var with = await page.EvaluateAsync<string>(call, new object?[] { token });

        Assert.Equal("400 https://mediavault.hr.nl/problems/antiforgery", without);
        Assert.Equal("400 https://mediavault.hr.nl/problems/antiforgery", forged);
        Assert.StartsWith("409 ", with, StringComparison.Ordinal); // past the CSRF check: an unknown ticket
    }

    [Fact]
    public async Task Daan_records_in_the_closed_environment_and_the_chunks_reach_the_vault_while_he_records()
    {
        var klas = await DemoClass.ArrangeAsync(browser, Daan,
            ("Fleur de Jong", MediumDecision.Gegeven, MediumDecision.Gegeven),
            ("Gijs Visser", MediumDecision.Gegeven, MediumDecision.Gegeven));
        var page = await browser.SignInAsync("daan");
        await AcceptAgreementsAsync(page);

        await page.GotoAsync("/opnemen");
        await ChooseGroupAsync(page, klas);
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Bestand uploaden" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#voortgang-tekst")).ToContainTextAsync("0 van de 2 verplichte opnames");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Begeleiding" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Ik verklaar dat alle aanwezige leerlingen zijn geïnformeerd" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Vraag de kluis" }).ClickAsync();
        var answer = page.Locator("#antwoord");
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-allowed", "true");
        await answer.GetByRole(AriaRole.Link, new() { Name = "Naar de opnamestudio" }).ClickAsync();
        await Browser.WaitForAddressAsync(page, new Regex(@"/opnemen/live\?ticket=[^/]+$"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Camera en microfoon aanzetten" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Opnemen", Exact = true })).ToBeEnabledAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Opnemen", Exact = true }).ClickAsync();
        var recorder = page.Locator("#recorder");
        await Assertions.Expect(recorder).ToHaveAttributeAsync("data-state", "recording");

        // While still recording, the vault has already received bytes.
        await Assertions.Expect(recorder).ToHaveAttributeAsync("data-sent", new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"), new() { Timeout = 15_000 });
        var uploadId = await recorder.GetAttributeAsync("data-upload");
        var during = await GetJsonAsync(page, $"/api/recordings/uploads/{uploadId}");
        Assert.True(during.GetProperty("received").GetInt64() > 0);
        Assert.Equal("recording", await recorder.GetAttributeAsync("data-state"));
        await page.WaitForTimeoutAsync(2500);
        await Browser.ScreenshotAsync(page, "student-live-opnemen");
        var later = await GetJsonAsync(page, $"/api/recordings/uploads/{uploadId}");
        Assert.True(later.GetProperty("received").GetInt64() > during.GetProperty("received").GetInt64(), "chunks keep arriving while recording");

        await page.GetByRole(AriaRole.Button, new() { Name = "Stoppen en opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Bekijk de opname" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Browser.ScreenshotAsync(page, "student-live-opgeslagen");

        // Nothing of the recording was kept in the page: no Blob URLs, no download links.
        Assert.Equal(0, await page.Locator("a[download], [src^='blob:'], [href^='blob:']").CountAsync());
        var recordingId = await recorder.GetAttributeAsync("data-recording");
        var recording = await GetJsonAsync(page, $"/api/recordings/{recordingId}");
        await page.GotoAsync("/opnemen");
        await Assertions.Expect(page.Locator("#voortgang-tekst")).ToContainTextAsync("1 van de 2 verplichte opnames");
        Assert.Equal("ClosedEnvironment", recording.GetProperty("capture").GetString());
        Assert.True(recording.GetProperty("hasVideo").GetBoolean());
        Assert.True(recording.GetProperty("hasAudio").GetBoolean());
        Assert.Equal("video/webm", recording.GetProperty("contentType").GetString());
        Assert.True(recording.GetProperty("length").GetInt64() > 10_000, recording.ToString());
    }

    private static async Task ChooseGroupAsync(IPage page, DemoClass klas)
    {
        await page.GetByLabel("Groep", new() { Exact = true }).SelectOptionAsync(klas.GroupId.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Kiezen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "De opname van groep " + klas.GroupName })).ToBeVisibleAsync();
    }

    private static async Task AcceptAgreementsAsync(IPage page)
    {
        await page.GotoAsync("/akkoord");
        while (await page.Locator("section[data-agreement]:has(.state-missing)").CountAsync() > 0)
        {
            var section = page.Locator("section[data-agreement]:has(.state-missing)").First;
            await section.GetByRole(AriaRole.Checkbox).CheckAsync();
            await section.GetByRole(AriaRole.Button, new() { Name = "Akkoord geven" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Uw akkoord is vastgelegd");
        }
    }

    private static async Task<JsonElement> GetJsonAsync(IPage page, string url)
    {
        var text = await page.EvaluateAsync<string>("async url => { const r = await fetch(url); if (!r.ok) throw new Error(url + ': ' + r.status); return r.text(); }", url);
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task<string> MakeVideoAsync(int seconds)
    {
        var folder = Path.Combine(Path.GetTempPath(), "vault-web-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "les.mp4");
        await TestMedia.RunAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", $"testsrc2=size=640x480:rate=25:duration={seconds}", "-f", "lavfi", "-i", $"sine=frequency=440:duration={seconds}",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", path]);
        return path;
    }
}
