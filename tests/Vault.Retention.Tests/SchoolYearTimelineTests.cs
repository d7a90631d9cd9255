using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Retention.Data;
using Vault.Retention.Holds;
using Vault.Retention.Planning;
using Vault.Retention.Runs;
using Vault.Retention.Scheduling;
using Vault.Retention.Tests.Support;
using Vault.Shared.Time;
using Xunit;
using static Vault.Retention.Tests.Support.Recordings;

namespace Vault.Retention.Tests;

/// <summary>What the day's retention work does in August, September and October (R7), with the fake clock.</summary>
public sealed class SchoolYearTimelineTests
{
    private static readonly DateOnly RunDay = new(2027, 9, 15);

    private static Task<DutyReport> DayAsync(RetentionVaultFactory vault) =>
        vault.InScopeAsync(sp => sp.GetRequiredService<RetentionDuty>().RunDueAsync("test", TestContext.Current.CancellationToken));

    [Fact]
    public async Task In_August_nothing_is_destroyed_and_the_preview_is_published_when_the_lead_time_is_reached()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(new DateOnly(2027, 8, 10));
        var io = Guid.NewGuid();
        var assessed = Recording(new DateOnly(2027, 3, 1), assessedOn: new DateOnly(2027, 6, 1), ioId: io);
        var pending = Recording(new DateOnly(2027, 4, 1));
        vault.Catalog.Add(assessed, pending);

        var early = await DayAsync(vault);
        Assert.False(early.PreviewPublished);
        Assert.Equal(RunDay, early.NextYearlyRun);
        Assert.DoesNotContain(early.Runs, r => r.Kind == DestructionKind.Yearly);

        vault.SetToday(new DateOnly(2027, 8, 18)); // four weeks before 15 September
        var lead = await DayAsync(vault);
        Assert.True(lead.PreviewPublished);
        Assert.Equal(0, lead.Runs.Sum(r => r.DestroyedNow));
        Assert.True(vault.Catalog.Exists(assessed.RecordingId));

        var (plan, notices) = await vault.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IRetentionDb>();
            var p = await db.DestructionPlans.Include(x => x.Items).SingleAsync(TestContext.Current.CancellationToken);
            return (p, await db.RetentionNotices.ToListAsync(TestContext.Current.CancellationToken));
        });
        Assert.Equal(RunDay, plan.RunDate);
        Assert.Equal(1, plan.ToDestroyCount);
        Assert.Contains(plan.Items, i => i.RecordingId == pending.RecordingId && !i.WillBeDestroyed && i.Reason == RetentionReasons.AssessmentPending);
        Assert.Equal(
            new[] { assessed.StudentId, io }.Order(),
            notices.Where(n => n.RecordingId == assessed.RecordingId).Select(n => n.PersonId).Order());
        Assert.DoesNotContain(notices, n => n.RecordingId == pending.RecordingId);

        // The next day publishes nothing again.
        vault.SetToday(new DateOnly(2027, 8, 19));
        Assert.False((await DayAsync(vault)).PreviewPublished);
    }

    [Fact]
    public async Task In_September_the_yearly_run_destroys_what_is_assessed_and_keeps_held_pending_and_over_age_recordings_with_reasons()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(new DateOnly(2027, 9, 14));
        var assessed = Recording(new DateOnly(2027, 3, 1), assessedOn: new DateOnly(2027, 6, 1));
        var endedAndAssessed = Recording(new DateOnly(2027, 2, 1), assessedOn: new DateOnly(2027, 7, 1), placementEnded: true);
        var finishedInTime = Recording(new DateOnly(2027, 5, 1));
        var pending = Recording(new DateOnly(2027, 5, 2));
        var held = Recording(new DateOnly(2027, 3, 3), assessedOn: new DateOnly(2027, 6, 1));
        var old = Recording(new DateOnly(2025, 5, 1));
        vault.Catalog.Add(assessed, endedAndAssessed, finishedInTime, pending, held, old);
        await vault.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<IRetentionDb>();
            db.LegalHolds.Add(new LegalHold
            {
                Id = Guid.NewGuid(), Scope = HoldScope.Placement, PlacementId = held.PlacementId, Reason = "geschil (Art. 14)",
                PlacedByName = "FG", PlacedAt = vault.Time.GetUtcNow(),
            });
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        // The day before: nothing yet. The IO finishes an assessment in time.
        Assert.DoesNotContain((await DayAsync(vault)).Runs, r => r.Kind == DestructionKind.Yearly);
        vault.Catalog.Update(finishedInTime.RecordingId, r => r.Assessed(new DateOnly(2027, 9, 14)));

        vault.SetToday(RunDay);
        var yearly = (await DayAsync(vault)).Runs.Single(r => r.Kind == DestructionKind.Yearly);

        Assert.Equal(RunOutcome.Completed, yearly.Outcome);
        Assert.Equal(3, yearly.Destroyed);
        Assert.Equal(3, yearly.DestroyedNow);
        Assert.Equal(3, yearly.Skipped);
        foreach (var gone in new[] { assessed, endedAndAssessed, finishedInTime })
        {
            Assert.False(vault.Catalog.Exists(gone.RecordingId));
        }

        foreach (var kept in new[] { pending, held, old })
        {
            Assert.True(vault.Catalog.Exists(kept.RecordingId));
        }

        var items = await vault.InScopeAsync(sp => sp.GetRequiredService<IRetentionDb>().DestructionRunItems.ToDictionaryAsync(i => i.RecordingId, TestContext.Current.CancellationToken));
        Assert.Equal(RetentionReasons.LegalHold, items[held.RecordingId].Reason);
        Assert.Equal(RetentionReasons.AssessmentPending, items[pending.RecordingId].Reason);
        Assert.Equal(RetentionReasons.MaximumAgeExceeded, items[old.RecordingId].Reason);
        Assert.Equal(RetentionReasons.PlacementEndedAssessed, items[endedAndAssessed.RecordingId].Reason);
        Assert.Equal(DestructionRecord.Hash([assessed.RecordingId, endedAndAssessed.RecordingId, finishedInTime.RecordingId]), yearly.ListSha256);

        var tombstones = await vault.InScopeAsync(sp => sp.GetRequiredService<IRetentionDb>().Tombstones.ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(3, tombstones.Count);
        Assert.All(tombstones, t => Assert.Equal(yearly.RunId, t.RunId));
        Assert.Contains(tombstones, t => t.RecordingId == assessed.RecordingId && t.PlacementId == assessed.PlacementId && t.RecordedOn == assessed.RecordedOn);
    }

    [Fact]
    public async Task In_October_the_completed_run_is_not_repeated_and_new_assessments_wait_for_next_September()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(RunDay);
        var first = Recording(new DateOnly(2027, 3, 1), assessedOn: new DateOnly(2027, 6, 1));
        vault.Catalog.Add(first);
        var september = (await DayAsync(vault)).Runs.Single(r => r.Kind == DestructionKind.Yearly);
        Assert.Equal(1, september.DestroyedNow);

        vault.SetToday(new DateOnly(2027, 10, 5));
        var late = Recording(new DateOnly(2027, 9, 20), assessedOn: new DateOnly(2027, 10, 1));
        vault.Catalog.Add(late);
        var october = await DayAsync(vault);

        var yearly = october.Runs.Single(r => r.Kind == DestructionKind.Yearly);
        Assert.Equal(RunOutcome.AlreadyCompleted, yearly.Outcome);
        Assert.Equal(0, yearly.DestroyedNow);
        Assert.Equal(september.ListSha256, yearly.ListSha256);
        Assert.Equal(new DateOnly(2028, 9, 15), october.NextYearlyRun);
        Assert.True(vault.Catalog.Exists(late.RecordingId));
        Assert.Equal(1, vault.Catalog.DestroyedCount);
    }

    [Fact]
    public async Task A_yearly_run_missed_on_its_day_is_caught_up_as_soon_as_the_vault_runs_again()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(new DateOnly(2027, 9, 20));
        var assessed = Recording(new DateOnly(2027, 3, 1), assessedOn: new DateOnly(2027, 6, 1));
        vault.Catalog.Add(assessed);

        var yearly = (await DayAsync(vault)).Runs.Single(r => r.Kind == DestructionKind.Yearly);

        Assert.Equal(DestructionRunner.KeyFor(DestructionKind.Yearly, RunDay), yearly.Key);
        Assert.Equal(1, yearly.DestroyedNow);
    }

    [Fact]
    public async Task A_withdrawn_consent_is_destroyed_after_its_review_deadline_and_not_before_R4()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(new DateOnly(2027, 10, 1));
        var deadline = SchoolCalendar.FromAmsterdam(new DateOnly(2027, 10, 15), new TimeOnly(0, 0));
        var withdrawn = Recording(new DateOnly(2027, 9, 20), withdrawalDeadline: deadline);
        vault.Catalog.Add(withdrawn);

        vault.SetToday(new DateOnly(2027, 10, 14));
        var before = (await DayAsync(vault)).Runs.Single(r => r.Kind == DestructionKind.Withdrawal);
        Assert.Equal(0, before.DestroyedNow);
        Assert.Equal(1, before.Skipped);
        Assert.True(vault.Catalog.Exists(withdrawn.RecordingId));

        vault.SetToday(new DateOnly(2027, 10, 15));
        var after = (await DayAsync(vault)).Runs.Single(r => r.Kind == DestructionKind.Withdrawal);
        Assert.Equal(1, after.DestroyedNow);
        Assert.False(vault.Catalog.Exists(withdrawn.RecordingId));
        var tombstone = await vault.InScopeAsync(sp => sp.GetRequiredService<IRetentionDb>().Tombstones.SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal(DestructionKind.Withdrawal, tombstone.Kind);
        Assert.Equal(RetentionReasons.ConsentWithdrawn, tombstone.Reason);
    }
}
