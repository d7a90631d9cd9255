using System.Net;
using System.Net.Http.Json;
using Vault.Api.Privacy;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Audit;

public sealed class PrivacyExportTests(VaultApiFactory vault) : IClassFixture<VaultApiFactory>
{
    private const string Payload = "=cmd|' /C calc'!A0";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_CSV_export_neutralises_a_formula_in_a_users_name_and_is_itself_audited()
    {
        var fg = await vault.CreateSchoolPrivacyOfficerAsync(Arrange.Osr);
        var attacker = await vault.CreateUserDirectAsync(Payload, [VaultRoles.InstituteAdministrator]);
        await vault.ChangePolicyAsync(Arrange.Osr, asUser: attacker);
        using var client = vault.SignInAs(fg);

        var response = await client.GetAsync($"/api/privacy/events.csv?action={AuditActions.PolicyChanged}", Cancel);
        var csv = await response.Content.ReadAsStringAsync(Cancel);
        var audited = await client.GetFromJsonAsync<AuditPage>($"/api/privacy/events?action={AuditActions.AuditExported}", VaultApiFactory.JsonOptions, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("volgnummer,tijdstip_utc,actie", lines[0], StringComparison.Ordinal);
        var row = Assert.Single(lines, l => l.Contains(AuditActions.PolicyChanged, StringComparison.Ordinal));
        Assert.Contains(",'" + Payload + ",", row, StringComparison.Ordinal);
        Assert.DoesNotContain("," + Payload, csv, StringComparison.Ordinal);
        var export = Assert.Single(audited!.Items);
        Assert.Equal("csv", export.Details!.Value.GetProperty("format").GetString());
        Assert.Equal(1, export.Details.Value.GetProperty("rows").GetInt32());
        Assert.Equal(fg.Id, export.ActorPersonId);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+31 6 1234", "'+31 6 1234")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("zeg \"hoi\"", "\"zeg \"\"hoi\"\"\"")]
    [InlineData("=HYPERLINK(\"http://x\",\"klik\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\"")]
    [InlineData("gewoon", "gewoon")]
    [InlineData("", "")]
    public void A_cell_is_quoted_and_neutralised(string value, string expected) =>
        Assert.Equal(expected, CsvText.Cell(value));

    [Fact]
    public async Task The_printable_report_is_a_Dutch_page_with_print_styles_and_is_audited()
    {
        var fg = await vault.CreateSchoolPrivacyOfficerAsync(Arrange.Osh);
        await vault.ChangePolicyAsync(Arrange.Osh);
        using var client = vault.SignInAs(fg);

        var response = await client.GetAsync($"/privacy/rapport?action={AuditActions.PolicyChanged}", Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);
        var audited = await client.GetFromJsonAsync<AuditPage>($"/api/privacy/events?action={AuditActions.AuditExported}", VaultApiFactory.JsonOptions, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"nl\"", html, StringComparison.Ordinal);
        Assert.Contains("Auditrapport", html, StringComparison.Ordinal);
        Assert.Contains("privacy-report.css", html, StringComparison.Ordinal);
        Assert.Contains(AuditActions.PolicyChanged, html, StringComparison.Ordinal);
        var export = Assert.Single(audited!.Items);
        Assert.Equal("html", export.Details!.Value.GetProperty("format").GetString());
    }

    [Fact]
    public async Task The_printable_report_is_refused_to_someone_who_is_not_a_privacy_officer()
    {
        var world = await vault.CreatePlacementAsync();
        using var client = vault.SignInAs(world.WpbOrWerkbegeleider);
        var response = await client.GetAsync("/privacy/rapport", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
