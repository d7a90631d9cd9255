using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Retention.Data;
using Vault.Retention.Holds;
using Vault.Retention.Planning;
using Vault.Retention.Runs;
using Vault.Retention.Tests.Support;
using Xunit;
using static Vault.Retention.Tests.Support.Recordings;

namespace Vault.Retention.Tests;

/// <summary>Runs under faults: idempotent, resumable after a kill, failures retried, late holds respected.</summary>
public sealed class DestructionRunTests
{
    private static readonly DateOnly RunDay = new(2027, 9, 15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<RunReport> YearlyAsync(RetentionVaultFactory vault, CancellationToken? cancellationToken = null, bool dryRun = false) =>
        vault.InScopeAsync(sp => sp.GetRequiredService<DestructionRunner>().RunAsync(new RunRequest(DestructionKind.Yearly, RunDay, "test", dryRun), cancellationToken ?? Ct));

    private static async Task<List<Ports.RetentionCandidate>> AddAssessedAsync(RetentionVaultFactory vault, int count)
    {
        var recordings = Enumerable.Range(0, count).Select(_ => Recording(new DateOnly(2027, 3, 1), assessedOn: new DateOnly(2027, 6, 1))).ToList();
        vault.Catalog.Add([.. recordings]);
        await Task.CompletedTask;
        return recordings;
    }

    private static Task<DestructionRun> RunRowAsync(RetentionVaultFactory vault) =>
        vault.InScopeAsync(sp => sp.GetRequiredService<IRetentionDb>().DestructionRuns.AsNoTracking().SingleAsync(Ct));

    [Fact]
    public async Task Running_twice_destroys_nothing_twice_and_reports_the_same_result()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(RunDay, v => v.With("Vault:Retention:BatchSize", "7"));
        var recordings = await AddAssessedAsync(vault, 20);

        var first = await YearlyAsync(vault);
        var second = await YearlyAsync(vault);

        Assert.Equal(RunOutcome.Completed, first.Outcome);
        Assert.Equal(RunOutcome.AlreadyCompleted, second.Outcome);
        Assert.Equal(20, first.DestroyedNow);
        Assert.Equal(0, second.DestroyedNow);
        Assert.Equal((first.RunId, first.Planned, first.Destroyed, first.Skipped, first.ListSha256), (second.RunId, second.Planned, second.Destroyed, second.Skipped, second.ListSha256));
        Assert.Equal(20, vault.Catalog.TotalCalls);
        Assert.All(recordings, r => Assert.Equal(1, vault.Catalog.DestructionsOf(r.RecordingId)));
        Assert.Equal(DestructionRecord.Hash(recordings.Select(r => r.RecordingId)), first.ListSha256);
    }

    [Fact]
    public async Task A_run_killed_midway_is_completed_by_the_next_run_without_destroying_anything_twice()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(RunDay, v => v.With("Vault:Retention:BatchSize", "10").With("Vault:Retention:DegreeOfParallelism", "4"));
        var recordings = await AddAssessedAsync(vault, 60);
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        vault.Catalog.BeforeDestroy = async (call, _, _) =>
        {
            if (call == 25)
            {
                await kill.CancelAsync();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => YearlyAsync(vault, kill.Token));

        var killed = await RunRowAsync(vault);
        Assert.Equal(RunState.InProgress, killed.State);
        var destroyedBeforeKill = vault.Catalog.DestroyedCount;
        Assert.InRange(destroyedBeforeKill, 20, 59);
        var recorded = await vault.InScopeAsync(sp => sp.GetRequiredService<IRetentionDb>().DestructionRunItems.CountAsync(i => i.State == RunItemState.Destroyed, Ct));
        Assert.Equal(destroyedBeforeKill, recorded);

        vault.Catalog.BeforeDestroy = null;
        var resumed = await YearlyAsync(vault);

        Assert.Equal(RunOutcome.Completed, resumed.Outcome);
        Assert.Equal(60, resumed.Destroyed);
        Assert.Equal(60 - destroyedBeforeKill, resumed.DestroyedNow);
        Assert.All(recordings, r => Assert.Equal(1, vault.Catalog.DestructionsOf(r.RecordingId)));
        Assert.Equal(2, (await RunRowAsync(vault)).Attempts);
        Assert.Equal(DestructionRecord.Hash(recordings.Select(r => r.RecordingId)), resumed.ListSha256);
        Assert.Equal(60, await vault.InScopeAsync(sp => sp.GetRequiredService<IRetentionDb>().Tombstones.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_crash_between_destroying_and_writing_it_down_is_resumed_through_the_idempotent_catalogue()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(RunDay, v => v.With("Vault:Retention:DegreeOfParallelism", "1"));
        var recordings = await AddAssessedAsync(vault, 5);
        using var crash = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        Guid? lost = null;
        vault.Catalog.AfterDestroy = async (call, id, _) =>
        {
            if (call == 3)
            {
                // The recording is gone, but the process "dies" before the run can write that down.
                lost = id;
                await crash.CancelAsync();
                crash.Token.ThrowIfCancellationRequested();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => YearlyAsync(vault, crash.Token));
        vault.Catalog.AfterDestroy = null;
        var resumed = await YearlyAsync(vault);

        Assert.Equal(RunOutcome.Completed, resumed.Outcome);
        Assert.Equal(5, resumed.Destroyed);
        Assert.Equal(2, vault.Catalog.CallsFor(lost!.Value));
        Assert.All(recordings, r => Assert.Equal(1, vault.Catalog.DestructionsOf(r.RecordingId)));
        var tombstone = await vault.InScopeAsync(sp => sp.GetRequiredService<IRetentionDb>().Tombstones.SingleAsync(t => t.RecordingId == lost.Value, Ct));
        Assert.Equal(resumed.RunId, tombstone.RunId);
    }

    [Fact]
    public async Task A_recording_that_fails_to_destroy_leaves_the_run_incomplete_and_the_next_run_retries_it()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(RunDay);
        var recordings = await AddAssessedAsync(vault, 6);
        var failing = recordings[2].RecordingId;
        vault.Catalog.BeforeDestroy = (_, id, _) => id == failing ? throw new IOException("storage unavailable") : Task.CompletedTask;

        var first = await YearlyAsync(vault);

        Assert.Equal(RunOutcome.Incomplete, first.Outcome);
        Assert.Equal((5, 1), (first.Destroyed, first.Failed));
        var item = await vault.InScopeAsync(sp => sp.GetRequiredService<IRetentionDb>().DestructionRunItems.SingleAsync(i => i.RecordingId == failing, Ct));
        Assert.Equal(RunItemState.Planned, item.State);
        Assert.Contains("storage unavailable", item.LastError, StringComparison.Ordinal);

        vault.Catalog.BeforeDestroy = null;
        var second = await YearlyAsync(vault);
        Assert.Equal(RunOutcome.Completed, second.Outcome);
        Assert.Equal((6, 0, 1), (second.Destroyed, second.Failed, second.DestroyedNow));
        Assert.All(recordings, r => Assert.Equal(1, vault.Catalog.DestructionsOf(r.RecordingId)));
    }

    [Fact]
    public async Task A_hold_placed_after_a_run_was_planned_still_saves_the_recording_R17()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(RunDay, v => v.With("Vault:Retention:BatchSize", "5").With("Vault:Retention:DegreeOfParallelism", "1"));
        var recordings = await AddAssessedAsync(vault, 10);
        var lastPlanned = recordings.OrderBy(r => r.RecordingId).Last();
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        vault.Catalog.BeforeDestroy = async (call, _, _) =>
        {
            if (call == 2)
            {
                await kill.CancelAsync();
            }
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => YearlyAsync(vault, kill.Token));
        vault.Catalog.BeforeDestroy = null;

        // A dispute arises while the run is interrupted; the hold must win when it resumes.
        await vault.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IRetentionDb>();
            db.LegalHolds.Add(new LegalHold
            {
                Id = Guid.NewGuid(), Scope = HoldScope.Recording, RecordingId = lastPlanned.RecordingId, PlacementId = lastPlanned.PlacementId,
                Reason = "geschil", PlacedByName = "FG", PlacedAt = vault.Time.GetUtcNow(),
            });
            return await db.SaveChangesAsync(Ct);
        });
        var resumed = await YearlyAsync(vault);

        Assert.True(vault.Catalog.Exists(lastPlanned.RecordingId));
        Assert.Equal((9, 1), (resumed.Destroyed, resumed.Skipped));
        var item = await vault.InScopeAsync(sp => sp.GetRequiredService<IRetentionDb>().DestructionRunItems.SingleAsync(i => i.RecordingId == lastPlanned.RecordingId, Ct));
        Assert.Equal((RunItemState.Skipped, RetentionReasons.LegalHold), (item.State, item.Reason));
    }

    [Fact]
    public async Task A_dry_run_shows_the_plan_and_writes_and_destroys_nothing()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(RunDay);
        var recordings = await AddAssessedAsync(vault, 3);
        vault.Catalog.Add(Recording(new DateOnly(2027, 5, 1)));

        var dry = await YearlyAsync(vault, dryRun: true);

        Assert.Equal(RunOutcome.DryRun, dry.Outcome);
        Assert.Equal((3, 1), (dry.Planned, dry.Skipped));
        Assert.Equal(4, dry.Lines.Count);
        Assert.Equal(0, vault.Catalog.TotalCalls);
        Assert.False(await vault.InScopeAsync(sp => sp.GetRequiredService<IRetentionDb>().DestructionRuns.AnyAsync(Ct)));
        Assert.Equal(DestructionRecord.Hash(recordings.Select(r => r.RecordingId)), dry.ListSha256);
    }

    [Fact]
    public async Task An_abandoned_upload_is_destroyed_at_once_but_not_when_it_is_held()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(new DateOnly(2027, 11, 2));
        var abandoned = Recording(new DateOnly(2027, 11, 1));
        var held = Recording(new DateOnly(2027, 11, 1));
        vault.Catalog.Add(abandoned, held);
        await vault.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IRetentionDb>();
            db.LegalHolds.Add(new LegalHold { Id = Guid.NewGuid(), Scope = HoldScope.Placement, PlacementId = held.PlacementId, Reason = "geschil", PlacedByName = "FG", PlacedAt = vault.Time.GetUtcNow() });
            return await db.SaveChangesAsync(Ct);
        });

        Task<RunReport> DestroyAsync(Ports.RetentionCandidate r) =>
            vault.InScopeAsync(sp => sp.GetRequiredService<IRecordingDestruction>().DestroyNowAsync(r, DestructionKind.Abandoned, "upload", Ct));
        var gone = await DestroyAsync(abandoned);
        var again = await DestroyAsync(abandoned);
        var kept = await DestroyAsync(held);

        Assert.Equal((RunOutcome.Completed, 1), (gone.Outcome, gone.DestroyedNow));
        Assert.Equal((RunOutcome.AlreadyCompleted, 0), (again.Outcome, again.DestroyedNow));
        Assert.Equal((0, 1), (kept.Destroyed, kept.Skipped));
        Assert.False(vault.Catalog.Exists(abandoned.RecordingId));
        Assert.True(vault.Catalog.Exists(held.RecordingId));
        var tombstone = await vault.InScopeAsync(sp => sp.GetRequiredService<IRetentionDb>().Tombstones.SingleAsync(Ct));
        Assert.Equal((abandoned.RecordingId, DestructionKind.Abandoned, RetentionReasons.AbandonedUpload), (tombstone.RecordingId, tombstone.Kind, tombstone.Reason));
    }

    [Fact]
    public async Task A_withdrawal_decided_as_destroy_goes_at_once_and_a_student_cannot_delete_an_assessed_recording()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(new DateOnly(2027, 11, 2));
        var withdrawn = Recording(new DateOnly(2027, 10, 20), withdrawalDeadline: vault.Time.GetUtcNow().AddDays(10));
        var assessed = Recording(new DateOnly(2027, 10, 20), assessedOn: new DateOnly(2027, 10, 30));
        vault.Catalog.Add(withdrawn, assessed);

        var destroyed = await vault.InScopeAsync(sp => sp.GetRequiredService<IRecordingDestruction>().DestroyNowAsync(withdrawn, DestructionKind.Withdrawal, "privacy officer", Ct));
        var refused = await vault.InScopeAsync(sp => sp.GetRequiredService<IRecordingDestruction>().DestroyNowAsync(assessed, DestructionKind.StudentDeletion, "student", Ct));

        Assert.Equal(1, destroyed.DestroyedNow);
        Assert.False(vault.Catalog.Exists(withdrawn.RecordingId));
        Assert.Equal((0, 1), (refused.Destroyed, refused.Skipped));
        Assert.True(vault.Catalog.Exists(assessed.RecordingId));
        var item = await vault.InScopeAsync(sp => sp.GetRequiredService<IRetentionDb>().DestructionRunItems.SingleAsync(i => i.RecordingId == assessed.RecordingId, Ct));
        Assert.Equal(RetentionReasons.AlreadyAssessed, item.Reason);
    }
}
