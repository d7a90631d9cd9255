using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Vault.Retention.Planning;
using Vault.Retention.Runs;
using Vault.Retention.Tests.Support;
using Vault.Shared.Identity;
using Vault.Testing;
using Xunit;
using static Vault.Retention.Tests.Support.Recordings;

namespace Vault.Retention.Tests;

/// <summary>Issue 8: an opleidingsschool's privacy officer sees the destruction records of its own schoollocaties only.</summary>
public sealed class DestructionRecordScopeTests
{
    private static readonly DateOnly RunDay = new(2027, 9, 15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_opleidingsschools_privacy_officer_sees_only_its_own_destructions_in_the_csv_and_in_the_run_record()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(RunDay);
        var osrSchool = await vault.CreateSchoolLocationAsync(Arrange.Osr);
        var oshSchool = await vault.CreateSchoolLocationAsync(Arrange.Osh);
        var osr = Recording(new DateOnly(2027, 3, 1), assessedOn: new DateOnly(2027, 6, 1), schoolLocationId: osrSchool) with { OpleidingsschoolId = Arrange.Osr };
        var osh = Recording(new DateOnly(2027, 3, 2), assessedOn: new DateOnly(2027, 6, 2), schoolLocationId: oshSchool) with { OpleidingsschoolId = Arrange.Osh };
        vault.Catalog.Add(osr, osh);
        var run = await vault.InScopeAsync(sp => sp.GetRequiredService<DestructionRunner>().RunAsync(new RunRequest(DestructionKind.Yearly, RunDay, "test"), Ct));
        Assert.Equal(2, run.Destroyed);
        var osrOfficer = await vault.CreatePersonAsync("FG OSR", VaultRoles.PrivacyOfficer, opleidingsschoolId: Arrange.Osr);
        var oshOfficer = await vault.CreatePersonAsync("FG OSH", VaultRoles.PrivacyOfficer, opleidingsschoolId: Arrange.Osh);
        var instituut = await vault.CreatePersonAsync("FG Instituut", VaultRoles.PrivacyOfficer);

        // The workspace's CSV of destructions.
        using var osrClient = vault.SignInAs(osrOfficer);
        using var oshClient = vault.SignInAs(oshOfficer);
        using var instituutClient = vault.SignInAs(instituut);
        var osrCsv = await CsvAsync(osrClient);
        var oshCsv = await CsvAsync(oshClient);
        var allCsv = await CsvAsync(instituutClient);
        Assert.Contains(osr.RecordingId.ToString(), osrCsv, StringComparison.Ordinal);
        Assert.DoesNotContain(osh.RecordingId.ToString(), osrCsv, StringComparison.Ordinal);
        Assert.Contains(osh.RecordingId.ToString(), oshCsv, StringComparison.Ordinal);
        Assert.DoesNotContain(osr.RecordingId.ToString(), oshCsv, StringComparison.Ordinal);
        Assert.Contains(osr.RecordingId.ToString(), allCsv, StringComparison.Ordinal);
        Assert.Contains(osh.RecordingId.ToString(), allCsv, StringComparison.Ordinal);
        Assert.Contains(RetentionReasons.AssessmentDone, osrCsv, StringComparison.Ordinal);

        // The run's own destruction record: the whole run's counts and hash, only the officer's items, their own hash.
        var record = await osrClient.GetFromJsonAsync<DestructionRecord>($"/api/retention/runs/{run.RunId}/record.json", VaultApiFactory.JsonOptions, Ct);
        Assert.NotNull(record);
        Assert.True(record.Scoped);
        Assert.Equal(2, record.Destroyed);
        Assert.Equal(run.ListSha256, record.ListSha256);
        Assert.Equal([osr.RecordingId], record.Items.Select(i => i.RecordingId));
        Assert.Equal(DestructionRecord.Hash([osr.RecordingId]), record.ScopedListSha256);
        var recordCsv = await osrClient.GetStringAsync($"/api/retention/runs/{run.RunId}/record.csv", Ct);
        Assert.Contains(osr.RecordingId.ToString(), recordCsv, StringComparison.Ordinal);
        Assert.DoesNotContain(osh.RecordingId.ToString(), recordCsv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await oshClient.GetAsync($"/api/retention/tombstones/{osr.RecordingId}", Ct)).StatusCode);
        var full = await instituutClient.GetFromJsonAsync<DestructionRecord>($"/api/retention/runs/{run.RunId}/record.json", VaultApiFactory.JsonOptions, Ct);
        Assert.False(full!.Scoped);
        Assert.Equal(2, full.Items.Count);
    }

    [Fact]
    public async Task A_run_with_nothing_of_an_opleidingsschool_is_not_shown_to_its_privacy_officer()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(RunDay);
        var oshSchool = await vault.CreateSchoolLocationAsync(Arrange.Osh);
        vault.Catalog.Add(Recording(new DateOnly(2027, 3, 2), assessedOn: new DateOnly(2027, 6, 2), schoolLocationId: oshSchool) with { OpleidingsschoolId = Arrange.Osh });
        var run = await vault.InScopeAsync(sp => sp.GetRequiredService<DestructionRunner>().RunAsync(new RunRequest(DestructionKind.Yearly, RunDay, "test"), Ct));
        var osrOfficer = await vault.CreatePersonAsync("FG OSR", VaultRoles.PrivacyOfficer, opleidingsschoolId: Arrange.Osr);
        using var client = vault.SignInAs(osrOfficer);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/retention/runs/{run.RunId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/retention/runs/{run.RunId}/record.json", Ct)).StatusCode);
        var runs = await client.GetFromJsonAsync<List<RunView>>("/api/retention/runs", VaultApiFactory.JsonOptions, Ct);
        Assert.DoesNotContain(runs!, r => r.Id == run.RunId);
    }

    private static async Task<string> CsvAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/privacy/destructions.csv", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }
}
