using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vault.Consent.Import;
using Vault.Consent.Registry;
using Vault.Testing;
using Xunit;

namespace Vault.Consent.Tests.Import;

public sealed class ConsentImportTests(ConsentVaultFactory vault) : IClassFixture<ConsentVaultFactory>
{
    private const string Header = "leerlingnummer;naam;geboortedatum;klas;beeld;geluid;gegeven_door;datum_toestemming;datum_geinformeerd";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(TestUser Admin, Guid School)> SchoolAsync(params string[] groups)
    {
        var school = await vault.CreateSchoolLocationAsync(Arrange.Osr);
        var admin = await vault.CreateConsentAdministratorAsync(school);
        foreach (var group in groups)
        {
            await vault.CreateGroupAsync(admin, school, group);
        }

        return (admin, school);
    }

    private async Task<HttpResponseMessage> PostAsync(TestUser admin, Guid school, byte[] body, bool apply, string query = "")
    {
        using var client = vault.SignInAs(admin);

        // A well-behaved client of large bodies asks first (Expect: 100-continue), so a refusal arrives before the upload.
        client.DefaultRequestHeaders.ExpectContinue = body.Length > ConsentCsv.MaxBytes;
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await client.PostAsync($"/api/consent/locations/{school}/imports{(apply ? "" : "/preview")}{query}", content, Ct);
    }

    private static byte[] Utf8(string text, bool bom = false) =>
        bom ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);

    private Task<int> CountAsync(Guid school) => vault.WithDbAsync(db => db.ConsentRecords.CountAsync(r => r.SchoolLocationId == school, Ct));

    private Task<int> PupilCountAsync(Guid school) => vault.WithDbAsync(db => db.Pupils.CountAsync(p => p.SchoolLocationId == school, Ct));

    [Fact]
    public async Task The_preview_shows_every_rows_outcome_and_stores_nothing()
    {
        var (admin, school) = await SchoolAsync("1A");
        var csv = $"{Header}\n100;Anna de Vries;01-02-2013;1A;ja;ja;ouder;01-09-2026;25-08-2026\n101;Bram Bakker;2013-03-04;1A;nee;ja;ouder;2026-09-02;2026-08-25\n102;Cem Yilmaz;05-06-2013;1A;;;;;\n";

        var preview = await VaultApiFactory.ReadAsync<ImportPreview>(await PostAsync(admin, school, Utf8(csv), apply: false));

        Assert.True(preview.CanApply);
        Assert.Equal([2, 3, 4], preview.Rows.Select(r => r.Row));
        Assert.All(preview.Rows, r => Assert.Equal(ImportOutcome.Nieuw, r.Outcome));
        Assert.Equal((3, 2), (preview.Summary.PupilsNew, preview.Summary.ConsentsNew));
        Assert.Equal(0, await PupilCountAsync(school));
    }

    [Fact]
    public async Task Applying_stores_everything_re_importing_changes_nothing_and_a_later_file_updates()
    {
        var (admin, school) = await SchoolAsync("1A");
        var first = $"{Header}\n100;Anna de Vries;01-02-2013;1A;ja;ja;ouder;01-09-2026;25-08-2026\n101;Bram Bakker;03-04-2013;1A;ja;ja;ouder;01-09-2026;25-08-2026\n";
        var later = $"{Header}\n100;Anna de Vries;01-02-2013;1A;ja;ja;ouder;01-09-2026;25-08-2026\n101;Bram Bakker;03-04-2013;1A;nee;ja;ouder;01-10-2026;25-08-2026\n";

        var applied = await VaultApiFactory.ReadAsync<ImportPreview>(await PostAsync(admin, school, Utf8(first), apply: true));
        var again = await VaultApiFactory.ReadAsync<ImportPreview>(await PostAsync(admin, school, Utf8(first), apply: true));
        var afterAgain = await CountAsync(school);
        var updated = await VaultApiFactory.ReadAsync<ImportPreview>(await PostAsync(admin, school, Utf8(later), apply: true));

        Assert.Equal(2, applied.Summary.ConsentsNew);
        Assert.Equal((0, 0, 2), (again.Summary.ConsentsNew, again.Summary.PupilsNew, again.Summary.Unchanged));
        Assert.Equal(2, afterAgain);
        Assert.Equal(1, updated.Summary.ConsentsNew);
        Assert.Equal(3, await CountAsync(school));
        var bram = await vault.WithDbAsync(db => db.Pupils.SingleAsync(p => p.SchoolLocationId == school && p.PupilNumber == "101", Ct));
        using var client = vault.SignInAs(admin);
        var state = await client.GetFromJsonAsync<ConsentInForceView>($"/api/consent/pupils/{bram.Id}/consents?on=2026-10-02", VaultApiFactory.JsonOptions, Ct);
        Assert.Equal(ConsentState.Geweigerd, state!.Beeld);
        Assert.Equal(ConsentMethod.Geimporteerd, state.InForce!.Method);
    }

    public static TheoryData<string, bool> Dialects => new()
    {
        { "semicolon-dutch-dates", false },
        { "comma-iso-dates", true },
        { "semicolon-bom", true },
        { "comma-no-bom-crlf", false },
    };

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Separators_byte_order_marks_and_date_styles_are_accepted(string dialect, bool bom)
    {
        var (admin, school) = await SchoolAsync("2B");
        var csv = dialect switch
        {
            "semicolon-dutch-dates" or "semicolon-bom" => $"{Header}\n200;Zoë Jansen;07-08-2012;2B;ja;nee;ouder;01-09-2026;28-08-2026\n",
            "comma-iso-dates" => $"{Header.Replace(';', ',')}\n200,Zoë Jansen,2012-08-07,2B,ja,nee,ouder,2026-09-01,2026-08-28\n",
            _ => $"{Header.Replace(';', ',')}\r\n200,\"Jansen, Zoë\",07-08-2012,2B,ja,nee,ouder,01-09-2026,28-08-2026\r\n",
        };

        var preview = await VaultApiFactory.ReadAsync<ImportPreview>(await PostAsync(admin, school, Utf8(csv, bom), apply: true));

        Assert.True(preview.CanApply, string.Join("; ", preview.Errors));
        var pupil = await vault.WithDbAsync(db => db.Pupils.SingleAsync(p => p.SchoolLocationId == school, Ct));
        Assert.Equal(new DateOnly(2012, 8, 7), pupil.BirthDate);
        Assert.Contains("Zoë", pupil.Name, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(school));
    }

    public static TheoryData<string, string, string> BadRows => new()
    {
        { "duplicate-number", "100;A;01-02-2013;1A;;;;;\n100;B;01-02-2013;1A;;;;;", "leerlingnummer" },
        { "birth-in-future", "100;A;01-02-2027;1A;;;;;", "geboortedatum" },
        { "birth-implausible", "100;A;01-02-1931;1A;;;;;", "geboortedatum" },
        { "not-a-date", "100;A;31-02-2013;1A;;;;;", "geboortedatum" },
        { "unknown-group", "100;A;01-02-2013;9Z;;;;;", "klas" },
        { "pupil-under-16-consents", "100;A;01-02-2013;1A;ja;ja;leerling;01-09-2026;25-08-2026", "gegeven_door" },
        { "consent-before-informed", "100;A;01-02-2013;1A;ja;ja;ouder;01-09-2026;05-09-2026", "datum_geinformeerd" },
        { "bad-yes-no", "100;A;01-02-2013;1A;misschien;ja;ouder;01-09-2026;25-08-2026", "beeld" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public async Task A_bad_row_is_reported_with_row_and_column_and_applying_stores_nothing(string kind, string rows, string column)
    {
        var (admin, school) = await SchoolAsync("1A");
        var csv = $"{Header}\n101;Goede Rij;01-02-2013;1A;ja;ja;ouder;01-09-2026;25-08-2026\n{rows}\n";

        var preview = await VaultApiFactory.ReadAsync<ImportPreview>(await PostAsync(admin, school, Utf8(csv), apply: false));
        var apply = await PostAsync(admin, school, Utf8(csv), apply: true);

        Assert.False(preview.CanApply, kind);
        Assert.Contains(preview.Errors, e => e.Row == 3 && e.Column == column);
        Assert.DoesNotContain(preview.Errors, e => e.Row == 2);
        Assert.Equal(HttpStatusCode.BadRequest, apply.StatusCode);
        var problem = await apply.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("https://mediavault.hr.nl/problems/import-invalid", problem.GetProperty("type").GetString());
        Assert.True(problem.GetProperty("errors").GetArrayLength() > 0);
        Assert.Equal(0, await PupilCountAsync(school));
    }

    [Fact]
    public async Task Unknown_groups_are_created_only_when_asked()
    {
        var (admin, school) = await SchoolAsync();
        var csv = Utf8($"{Header}\n100;A;01-02-2013;4C;;;;;\n");

        var refused = await VaultApiFactory.ReadAsync<ImportPreview>(await PostAsync(admin, school, csv, apply: false));
        var created = await VaultApiFactory.ReadAsync<ImportPreview>(await PostAsync(admin, school, csv, apply: true, "?createGroups=true"));

        Assert.False(refused.CanApply);
        Assert.Equal(1, created.Summary.GroupsNew);
    }

    public static TheoryData<string, int, string> BadFiles => new()
    {
        { "empty", 400, "import-empty" },
        { "header-only", 400, "import-empty" },
        { "windows-1252", 415, "import-encoding" },
        { "utf-16", 415, "import-encoding" },
        { "missing-columns", 400, "import-columns" },
        { "too-many-rows", 413, "import-too-many-rows" },
        { "50-mb", 413, "import-too-large" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_file_that_cannot_be_used_is_refused_with_a_clear_problem(string kind, int status, string slug)
    {
        var (admin, school) = await SchoolAsync("1A");
        var body = kind switch
        {
            "empty" => [],
            "header-only" => Utf8(Header + "\n"),
            "windows-1252" => [.. Encoding.ASCII.GetBytes(Header + "\n100;Zo"), 0xEB, .. Encoding.ASCII.GetBytes(";01-02-2013;1A;;;;;\n")],
            "utf-16" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Header + "\n100;A;01-02-2013;1A;;;;;\n")],
            "missing-columns" => Utf8("naam;klas\nA;1A\n"),
            "too-many-rows" => Utf8(Header + "\n" + string.Concat(Enumerable.Range(0, ConsentCsv.MaxRows + 1).Select(i => $"{i};A;01-02-2013;1A;;;;;\n"))),
            _ => new byte[50 * 1024 * 1024],
        };

        var response = await PostAsync(admin, school, body, apply: true);

        Assert.Equal(status, (int)response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal($"https://mediavault.hr.nl/problems/{slug}", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Equal(0, await PupilCountAsync(school));
    }

    [Fact]
    public async Task Formula_like_cells_are_kept_as_text_and_never_executed_on_export()
    {
        var (admin, school) = await SchoolAsync("1A");
        var csv = $"{Header}\n100;\"=HYPERLINK(\"\"http://evil\"\";\"\"x\"\")\";01-02-2013;1A;ja;ja;ouder;01-09-2026;25-08-2026\n101;@SUM(A1);01-02-2013;1A;;;;;\n+31;-Min;01-02-2013;1A;;;;;\n";

        var applied = await VaultApiFactory.ReadAsync<ImportPreview>(await PostAsync(admin, school, Utf8(csv), apply: true));
        var names = await vault.WithDbAsync(db => db.Pupils.Where(p => p.SchoolLocationId == school).OrderBy(p => p.PupilNumber).Select(p => p.Name).ToListAsync(Ct));
        var group = await vault.WithDbAsync(db => db.Groups.SingleAsync(g => g.SchoolLocationId == school, Ct));
        using var client = vault.SignInAs(admin);
        var export = await client.GetStringAsync($"/api/consent/groups/{group.Id}/overview.csv", Ct);

        Assert.True(applied.CanApply, string.Join("; ", applied.Errors));
        Assert.Contains("=HYPERLINK(\"http://evil\";\"x\")", names);
        Assert.Contains("@SUM(A1)", names);
        Assert.Contains("'=HYPERLINK", export, StringComparison.Ordinal);
        Assert.Contains("'@SUM(A1)", export, StringComparison.Ordinal);
        Assert.Contains("'+31", export, StringComparison.Ordinal);
        Assert.Contains("'-Min", export, StringComparison.Ordinal);
        Assert.DoesNotContain("\n=", export, StringComparison.Ordinal);
    }
}
