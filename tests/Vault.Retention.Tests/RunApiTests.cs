using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Vault.Retention.Holds;
using Vault.Retention.Notices;
using Vault.Retention.Planning;
using Vault.Retention.Runs;
using Vault.Retention.Scheduling;
using Vault.Retention.Tests.Support;
using Vault.Shared.Identity;
using Vault.Testing;
using Xunit;
using static Vault.Retention.Tests.Support.Recordings;

namespace Vault.Retention.Tests;

/// <summary>The plan, the runs and their destruction records, and the notices, through HTTP.</summary>
public sealed class RunApiTests
{
    private static readonly DateOnly RunDay = new(2027, 9, 15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<DutyReport> DayAsync(RetentionVaultFactory vault) =>
        vault.InScopeAsync(sp => sp.GetRequiredService<RetentionDuty>().RunDueAsync("test", Ct));

    [Fact]
    public async Task A_recording_held_through_the_API_survives_the_yearly_run_and_the_record_says_why()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(new DateOnly(2027, 9, 1));
        var world = await vault.CreatePlacementAsync();
        var held = Recording(new DateOnly(2027, 8, 28), assessedOn: new DateOnly(2027, 8, 31), placementId: world.Placement.Id, schoolLocationId: world.SchoolLocationId);
        var other = Recording(new DateOnly(2027, 3, 1), assessedOn: new DateOnly(2027, 6, 1));
        vault.Catalog.Add(held, other);
        using var admin = vault.SignInAs(vault.Admin);
        (await admin.PostAsJsonAsync("/api/retention/holds", new PlaceHoldRequest(HoldScope.Recording, held.RecordingId, null, "Bezwaar tegen beoordeling"), VaultApiFactory.JsonOptions, Ct)).EnsureSuccessStatusCode();

        vault.SetToday(RunDay);
        await DayAsync(vault);

        Assert.True(vault.Catalog.Exists(held.RecordingId));
        Assert.False(vault.Catalog.Exists(other.RecordingId));
        var run = Assert.Single((await admin.GetFromJsonAsync<List<RunView>>("/api/retention/runs", VaultApiFactory.JsonOptions, Ct))!);
        var record = await admin.GetFromJsonAsync<DestructionRecord>($"/api/retention/runs/{run.Id}/record.json", VaultApiFactory.JsonOptions, Ct);
        var heldItem = record!.Items.Single(i => i.RecordingId == held.RecordingId);
        Assert.Equal((RunItemState.Skipped, RetentionReasons.LegalHold), (heldItem.State, heldItem.Reason));
    }

    [Fact]
    public async Task The_destruction_record_downloads_as_JSON_and_CSV_with_counts_ids_and_a_hash_anyone_can_recompute()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(RunDay);
        var gone = Enumerable.Range(0, 4).Select(_ => Recording(new DateOnly(2027, 3, 1), assessedOn: new DateOnly(2027, 6, 1))).ToArray();
        var kept = Recording(new DateOnly(2027, 5, 1));
        vault.Catalog.Add([.. gone, kept]);
        await DayAsync(vault);
        var officer = await vault.CreateUserDirectAsync("FG Instituut", [VaultRoles.PrivacyOfficer]);
        using var client = vault.SignInAs(officer);
        var run = Assert.Single((await client.GetFromJsonAsync<List<RunView>>("/api/retention/runs", VaultApiFactory.JsonOptions, Ct))!);

        var json = await client.GetFromJsonAsync<DestructionRecord>($"/api/retention/runs/{run.Id}/record.json", VaultApiFactory.JsonOptions, Ct);
        var csvResponse = await client.GetAsync($"/api/retention/runs/{run.Id}/record.csv", Ct);
        var csv = await csvResponse.Content.ReadAsStringAsync(Ct);

        Assert.Equal((4, 4, 1, 0), (json!.Planned, json.Destroyed, json.Skipped, json.Failed));
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", csvResponse.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        var destroyedIds = csv.Split('\n').Where(l => l.Contains(",Destroyed,", StringComparison.Ordinal)).Select(l => l.Split(',')[0]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(gone.Select(g => g.RecordingId.ToString()).Order(StringComparer.Ordinal), destroyedIds);
        var recomputed = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(destroyedIds.Select(id => id + "\n")))));
        Assert.Equal(recomputed, json.ListSha256);
        Assert.Contains($"# listSha256,{recomputed}", csv, StringComparison.Ordinal);
        Assert.Contains("# destroyed,4", csv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/retention/runs/{Guid.NewGuid()}/record.csv", Ct)).StatusCode);
        var tombstone = await client.GetFromJsonAsync<TombstoneView>($"/api/retention/tombstones/{gone[0].RecordingId}", VaultApiFactory.JsonOptions, Ct);
        Assert.Equal((gone[0].PlacementId, gone[0].RecordedOn, run.Id, RetentionReasons.AssessmentDone), (tombstone!.PlacementId, tombstone.RecordedOn, tombstone.RunId, tombstone.Reason));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/retention/tombstones/{kept.RecordingId}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Students_and_IOs_see_their_own_retention_notices_after_the_preview_and_nobody_elses()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(new DateOnly(2027, 8, 1));
        var world = await vault.CreatePlacementAsync();
        var stranger = await vault.CreatePersonAsync("Andere student", VaultRoles.Student);
        var recording = Recording(new DateOnly(2027, 5, 1), assessedOn: new DateOnly(2027, 6, 1), placementId: world.Placement.Id, studentId: world.Student.Id, ioId: world.Io.Id, schoolLocationId: world.SchoolLocationId);
        vault.Catalog.Add(recording);
        vault.SetToday(new DateOnly(2027, 8, 20));
        await DayAsync(vault);

        foreach (var (user, role) in new[] { (world.Student, VaultRoles.Student), (world.Io, VaultRoles.Instituutsopleider) })
        {
            using var client = vault.SignInAs(user);
            var notice = Assert.Single((await client.GetFromJsonAsync<List<NoticeView>>("/api/retention/notices/mine", VaultApiFactory.JsonOptions, Ct))!);
            Assert.Equal((recording.RecordingId, RunDay, role), (notice.RecordingId, notice.RunDate, notice.Role));
        }

        using var other = vault.SignInAs(stranger);
        Assert.Empty((await other.GetFromJsonAsync<List<NoticeView>>("/api/retention/notices/mine", VaultApiFactory.JsonOptions, Ct))!);
    }

    [Fact]
    public async Task The_plan_shows_what_goes_and_what_stays_with_reasons_to_officers_only()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(new DateOnly(2027, 8, 25));
        var world = await vault.CreatePlacementAsync();
        var goes = Recording(new DateOnly(2027, 3, 1), assessedOn: new DateOnly(2027, 6, 1), schoolLocationId: world.SchoolLocationId);
        var stays = Recording(new DateOnly(2027, 5, 1), schoolLocationId: world.SchoolLocationId);
        vault.Catalog.Add(goes, stays);
        using var admin = vault.SignInAs(vault.Admin);
        using var student = vault.SignInAs(world.Student);

        var plan = await admin.GetFromJsonAsync<PlanView>("/api/retention/plan", VaultApiFactory.JsonOptions, Ct);

        Assert.Equal(RunDay, plan!.RunDate);
        Assert.Equal((1, 1), (plan.ToDestroy, plan.ToKeep));
        Assert.Equal(RetentionReasons.AssessmentPending, plan.Lines.Single(l => l.RecordingId == stays.RecordingId).Reason);
        Assert.False(string.IsNullOrWhiteSpace(plan.Lines.Single(l => l.RecordingId == stays.RecordingId).ReasonText));
        Assert.Equal(HttpStatusCode.Forbidden, (await student.GetAsync("/api/retention/plan", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await student.GetAsync("/api/retention/runs", Ct)).StatusCode);
    }
}
