using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Data;
using Vault.Api.Privacy;
using Vault.Retention.Erasure;
using Vault.Shared.Auditing;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Audit;

public sealed class ErasureRequestTests(VaultWithPortsFactory vault) : IClassFixture<VaultWithPortsFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_access_request_returns_exactly_the_recordings_whose_presence_lists_include_the_pupil_within_scope()
    {
        var fg = await vault.CreateSchoolPrivacyOfficerAsync(Arrange.Osr);
        var osr = await vault.CreateSchoolLocationAsync(Arrange.Osr);
        var osh = await vault.CreateSchoolLocationAsync(Arrange.Osh);
        var pupil = Guid.NewGuid();
        var classmate = Guid.NewGuid();
        var first = await vault.UploadAsync(Arrange.Osr, osr);
        var second = await vault.UploadAsync(Arrange.Osr, osr);
        var withoutPupil = await vault.UploadAsync(Arrange.Osr, osr);
        var elsewhere = await vault.UploadAsync(Arrange.Osh, osh);
        vault.PresenceLists.Add(first, pupil, classmate);
        vault.PresenceLists.Add(second, pupil);
        vault.PresenceLists.Add(withoutPupil, classmate);
        vault.PresenceLists.Add(elsewhere, pupil);
        using var client = vault.SignInAs(fg);

        var report = await client.GetFromJsonAsync<PupilAccessReport>($"/api/privacy/pupils/{pupil}", VaultApiFactory.JsonOptions, Cancel);
        var audited = await client.GetFromJsonAsync<AuditPage>($"/api/privacy/events?action={AuditActions.PupilAccessRequest}&pupilId={pupil}", VaultApiFactory.JsonOptions, Cancel);

        Assert.Equal(PupilRecordingsSource.Aanwezigheidslijsten, report!.Source);
        Assert.Equal(new[] { first, second }.Order(), report.RecordingIds.Order());
        var request = Assert.Single(audited!.Items);
        Assert.Equal(fg.Id, request.ActorPersonId);
    }

    [Fact]
    public async Task An_erasure_request_is_handed_to_retention_and_completed_when_every_outcome_is_in()
    {
        var fg = await vault.CreateSchoolPrivacyOfficerAsync(Arrange.Osr);
        var otherFg = await vault.CreateSchoolPrivacyOfficerAsync(Arrange.Osh);
        var school = await vault.CreateSchoolLocationAsync(Arrange.Osr);
        var pupil = Guid.NewGuid();
        var destroyed = await vault.UploadAsync(Arrange.Osr, school, pupil);
        var redacted = await vault.UploadAsync(Arrange.Osr, school, pupil);
        vault.PresenceLists.Add(destroyed, pupil);
        vault.PresenceLists.Add(redacted, pupil);
        vault.Retention.DestroyAtOnce[destroyed] = true;
        using var client = vault.SignInAs(fg);

        var created = await client.PostAsJsonAsync("/api/privacy/erasure-requests", new FileErasureRequest(pupil, null, "AVG-2026-017"), VaultApiFactory.JsonOptions, Cancel);
        var filed = await VaultApiFactory.ReadAsync<ErasureRequestView>(created);
        using var other = vault.SignInAs(otherFg);
        var hidden = await other.GetAsync($"/api/privacy/erasure-requests/{filed.Id}", Cancel);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(ErasureState.Doorgegeven, filed.State);
        Assert.Equal(Arrange.Osr, filed.OpleidingsschoolId);
        Assert.Equal(ErasureOutcome.Destroyed, Assert.Single(filed.Recordings, r => r.RecordingId == destroyed).Outcome);
        Assert.Equal(ErasureOutcome.Pending, Assert.Single(filed.Recordings, r => r.RecordingId == redacted).Outcome);
        var order = Assert.Single(vault.Retention.Orders, o => o.RequestId == filed.Id);
        Assert.Equal(new[] { destroyed, redacted }.Order(), order.RecordingIds.Order());
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);

        // Retention reports the pending recording later, inside its own unit of work.
        await vault.WithScopeAsync(async services =>
        {
            await services.GetRequiredService<IErasureOutcomeSink>().ReportAsync(filed.Id, new ErasureRecordingResult(redacted, ErasureOutcome.Redacted, "leerling vervaagd"), Cancel);
            await services.GetRequiredService<VaultDbContext>().SaveChangesAsync(Cancel);
        });
        var done = await client.GetFromJsonAsync<ErasureRequestView>($"/api/privacy/erasure-requests/{filed.Id}", VaultApiFactory.JsonOptions, Cancel);
        var trail = await client.GetFromJsonAsync<AuditPage>($"/api/privacy/events?pupilId={pupil}&limit=50", VaultApiFactory.JsonOptions, Cancel);

        Assert.Equal(ErasureState.Afgerond, done!.State);
        Assert.NotNull(done.CompletedAt);
        Assert.Equal("leerling vervaagd", Assert.Single(done.Recordings, r => r.RecordingId == redacted).Note);
        var actions = trail!.Items.Select(e => e.Action).ToList();
        Assert.Contains(AuditActions.ErasureRequested, actions);
        Assert.Contains(AuditActions.ErasureHandedOver, actions);
        Assert.Contains(AuditActions.ErasureOutcome, actions);
        Assert.Contains(AuditActions.ErasureCompleted, actions);
    }

    [Fact]
    public async Task Destruction_records_from_retention_are_exported_as_formula_safe_CSV_within_scope()
    {
        var fg = await vault.CreateSchoolPrivacyOfficerAsync(Arrange.Osr);
        var mine = new DestructionRecord(Guid.NewGuid(), vault.Time.GetUtcNow(), "run", Guid.NewGuid(), Arrange.Osr, null, "-R7 jaarlijkse vernietiging", "bewaarbeheer");
        vault.Destructions.Records.Add(mine);
        vault.Destructions.Records.Add(mine with { RecordingId = Guid.NewGuid(), OpleidingsschoolId = Arrange.Osh });
        using var client = vault.SignInAs(fg);

        var csv = await client.GetStringAsync("/api/privacy/destructions.csv", Cancel);

        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith(mine.RecordingId.ToString(), lines[1], StringComparison.Ordinal);
        Assert.Contains(",'-R7 jaarlijkse vernietiging,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_officer_cannot_file_for_an_opleidingsschool_outside_their_scope()
    {
        var fg = await vault.CreateSchoolPrivacyOfficerAsync(Arrange.Osr);
        using var client = vault.SignInAs(fg);
        var response = await client.PostAsJsonAsync("/api/privacy/erasure-requests", new FileErasureRequest(Guid.NewGuid(), Arrange.Osh, null), VaultApiFactory.JsonOptions, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

/// <summary>Without retention's destruction records registered, the export says so (404) rather than inventing an empty record.</summary>
public sealed class ErasureWithoutRetentionTests(VaultApiFactory vault) : IClassFixture<VaultApiFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_retention_wired_and_nothing_destroyed_the_destruction_records_export_is_only_its_header()
    {
        var fg = await vault.CreateInstituutPrivacyOfficerAsync();
        using var client = vault.SignInAs(fg);
        var response = await client.GetAsync("/api/privacy/destructions.csv", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync(Cancel)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("opname_id", Assert.Single(lines).TrimStart('\uFEFF'), StringComparison.Ordinal);
    }
}
