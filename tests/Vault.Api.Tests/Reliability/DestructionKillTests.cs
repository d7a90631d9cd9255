using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Audit;
using Vault.Api.Recordings;
using Vault.Api.Storage;
using Vault.Retention.Data;
using Vault.Retention.Runs;
using Vault.Shared.Auditing;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Retention;

/// <summary>
/// Issue 11, faults: the operator's destruction run (<c>Vault.Api retention run</c>) in its own process, killed with
/// SIGKILL after a batch was destroyed but before the run wrote it down, then run again in a new process once the dead
/// run's lease has expired. The second run finishes the first one's plan: every recording destroyed exactly once,
/// nothing left in storage, and the audit chain intact.
/// </summary>
public sealed class DestructionKillTests
{
    private const int Recordings = 8;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_destruction_run_killed_mid_batch_is_finished_by_the_next_run_and_destroys_nothing_twice()
    {
        await using var world = await Reliability.CrashWorld.StartAsync();
        var vault = world.Vault;
        var placement = await vault.CreatePlacementAsync();
        var media = await TestMedia.CreateVideoAsync(vault.Folder, seconds: 1);
        var ids = new List<Guid>();
        for (var i = 0; i < Recordings; i++)
        {
            var id = await vault.CreateReadyRecordingAsync(placement.Placement.Id, media, durationSeconds: 1, cancellationToken: Ct);
            await RetentionVault.MarkAssessedAsync(vault, id, placement);
            ids.Add(id);
        }

        var keys = await vault.WithDbAsync(db => db.Set<Recording>().Where(r => ids.Contains(r.Id)).Select(r => r.Content.KeyId).ToListAsync(Ct));
        var runDay = new DateTimeOffset(2027, 9, 15, 1, 0, 0, TimeSpan.Zero); // 03:00 in Amsterdam on R7's day
        var batches = new Dictionary<string, string?> { ["Vault:Retention:BatchSize"] = "2" };

        await using (var first = await world.StartChildAsync(runDay, batches, ["retention", "run"], pauseDestructionAfterBatches: 1))
        {
            await first.WaitForLineAsync(ChildVault.PausedLine, TimeSpan.FromMinutes(3), Ct);
            first.Kill();
        }

        var killed = await RunAsync(vault);
        var leftAfterKill = await vault.WithDbAsync(db => db.Set<Recording>().CountAsync(r => ids.Contains(r.Id), Ct));

        // A new process after the dead run's lease (5 minutes) has run out.
        int exitCode;
        await using (var second = await world.StartChildAsync(runDay.AddMinutes(10), batches, ["retention", "run"]))
        {
            exitCode = await second.WaitForExitAsync(Ct);
        }

        var run = await RunAsync(vault);
        var tombstones = await vault.WithDbAsync(db => ((IRetentionDb)db).Tombstones.AsNoTracking().Where(t => ids.Contains(t.RecordingId)).Select(t => t.RecordingId).ToListAsync(Ct));
        var destroyedInAudit = await DestroyedInAuditAsync(vault);
        var keysLeft = await vault.WithDbAsync(db => db.Set<RecordingKey>().CountAsync(k => keys.Contains(k.Id) && k.DestroyedAt == null, Ct));
        using var officer = vault.SignInAs(await world.CreatePrivacyOfficerAsync());
        var chain = await Reliability.CrashWorld.VerifyAuditAsync(officer);

        Assert.Equal(RunState.InProgress, killed.State);
        Assert.InRange(leftAfterKill, 1, Recordings - 1);
        Assert.Equal(0, exitCode);
        Assert.Equal(RunState.Completed, run.State);
        Assert.Equal(killed.Id, run.Id);
        Assert.Equal(2, run.Attempts);
        Assert.Equal(Recordings, run.DestroyedCount);
        Assert.Equal(ids.Order(), tombstones.Order());
        Assert.Equal(ids.Order(), destroyedInAudit.Order());
        Assert.Equal(0, await vault.WithDbAsync(db => db.Set<Recording>().CountAsync(r => ids.Contains(r.Id), Ct)));
        Assert.Equal(0, keysLeft);
        Assert.Empty(await world.BlobsAsync("recordings/"));
        Assert.True(chain.Intact, chain.Problem);
    }

    private static Task<DestructionRun> RunAsync(Api.Tests.Recordings.RecordingsVault vault) =>
        vault.WithDbAsync(db => ((IRetentionDb)db).DestructionRuns.AsNoTracking().SingleAsync(r => r.Kind == DestructionKind.Yearly, Ct));

    /// <summary>Every recording id named in a "recording destroyed" audit entry, once per mention.</summary>
    private static async Task<List<Guid>> DestroyedInAuditAsync(Api.Tests.Recordings.RecordingsVault vault)
    {
        var details = await vault.WithDbAsync(db => db.Set<AuditEntry>().Where(a => a.Action == AuditActions.RecordingDestroyed).Select(a => a.DetailsJson!).ToListAsync(Ct));
        var ids = new List<Guid>();
        foreach (var json in details)
        {
            using var document = JsonDocument.Parse(json);
            foreach (var recording in Property(document.RootElement, "recordings").EnumerateArray())
            {
                ids.Add(Property(recording, "recordingId").GetGuid());
            }
        }

        return ids;
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.EnumerateObject().First(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
}
