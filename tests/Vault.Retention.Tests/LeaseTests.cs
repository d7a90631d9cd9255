using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Retention.Data;
using Vault.Retention.Runs;
using Vault.Retention.Tests.Support;
using Xunit;
using static Vault.Retention.Tests.Support.Recordings;

namespace Vault.Retention.Tests;

/// <summary>Two instances at once: the database lease lets one work; the other skips, or waits and finds the work done.</summary>
public sealed class LeaseTests
{
    private static readonly DateOnly RunDay = new(2027, 9, 15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<RunReport> YearlyAsync(RetentionVaultFactory vault) =>
        vault.InScopeAsync(sp => sp.GetRequiredService<DestructionRunner>().RunAsync(new RunRequest(DestructionKind.Yearly, RunDay, "test"), Ct));

    /// <summary>Blocks the first destruction until released, so a run is caught holding the lease.</summary>
    private static (TaskCompletionSource Reached, TaskCompletionSource Release) Gate(InMemoryRetentionCatalog catalog)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        catalog.BeforeDestroy = async (call, _, token) =>
        {
            if (call == 1)
            {
                reached.SetResult();
                await release.Task.WaitAsync(token);
            }
        };
        return (reached, release);
    }

    [Fact]
    public async Task A_second_instance_skips_while_the_first_holds_the_lease_and_nothing_is_destroyed_twice()
    {
        await using var first = await RetentionVaultFactory.StartAsync(RunDay);
        await using var second = await first.StartSecondInstanceAsync();
        var recordings = Enumerable.Range(0, 12).Select(_ => Recording(new DateOnly(2027, 3, 1), assessedOn: new DateOnly(2027, 6, 1))).ToArray();
        first.Catalog.Add(recordings);
        var (reached, release) = Gate(first.Catalog);

        var working = YearlyAsync(first);
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var skipped = await YearlyAsync(second);
        release.SetResult();
        var done = await working;
        var afterwards = await YearlyAsync(second);

        Assert.Equal(RunOutcome.LeaseHeldElsewhere, skipped.Outcome);
        Assert.Equal(0, skipped.DestroyedNow);
        Assert.Contains("lease held by", skipped.Note, StringComparison.Ordinal);
        Assert.Equal((RunOutcome.Completed, 12), (done.Outcome, done.DestroyedNow));
        Assert.Equal((RunOutcome.AlreadyCompleted, done.ListSha256, 0), (afterwards.Outcome, afterwards.ListSha256, afterwards.DestroyedNow));
        Assert.All(recordings, r => Assert.Equal(1, first.Catalog.DestructionsOf(r.RecordingId)));
        Assert.Equal(12, first.Catalog.TotalCalls);
    }

    [Fact]
    public async Task A_waiting_instance_takes_the_lease_when_it_is_released_and_reports_the_finished_run()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(RunDay, v => v.With("Vault:Retention:Lease:Wait", "00:05:00").With("Vault:Retention:Lease:PollInterval", "00:00:10"));
        var recordings = Enumerable.Range(0, 5).Select(_ => Recording(new DateOnly(2027, 3, 1), assessedOn: new DateOnly(2027, 6, 1))).ToArray();
        vault.Catalog.Add(recordings);
        var (reached, release) = Gate(vault.Catalog);

        var working = YearlyAsync(vault);
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var waiting = YearlyAsync(vault);
        await Task.Delay(200, Ct);
        Assert.False(waiting.IsCompleted);

        release.SetResult();
        var done = await working;
        for (var i = 0; i < 100 && !waiting.IsCompleted; i++)
        {
            vault.Time.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(50, Ct);
        }

        var waited = await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(RunOutcome.Completed, done.Outcome);
        Assert.Equal((RunOutcome.AlreadyCompleted, done.RunId, 0), (waited.Outcome, waited.RunId, waited.DestroyedNow));
        Assert.Equal(5, vault.Catalog.TotalCalls);
    }

    [Fact]
    public async Task The_lease_of_a_crashed_instance_is_taken_over_once_it_expires()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(RunDay);
        vault.Catalog.Add(Recording(new DateOnly(2027, 3, 1), assessedOn: new DateOnly(2027, 6, 1)));
        await vault.InScopeAsync(sp => sp.GetRequiredService<IRetentionDb>().RetentionLeases
            .Where(l => l.Name == RetentionLease.Destruction)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, "crashed-host/42/x").SetProperty(l => l.ExpiresAt, vault.Time.GetUtcNow().AddMinutes(5)), Ct));

        var blocked = await YearlyAsync(vault);
        vault.Time.Advance(TimeSpan.FromMinutes(5));
        var takenOver = await YearlyAsync(vault);

        Assert.Equal(RunOutcome.LeaseHeldElsewhere, blocked.Outcome);
        Assert.Contains("crashed-host", blocked.Note, StringComparison.Ordinal);
        Assert.Equal((RunOutcome.Completed, 1), (takenOver.Outcome, takenOver.DestroyedNow));
        var lease = await vault.InScopeAsync(sp => sp.GetRequiredService<IRetentionDb>().RetentionLeases.AsNoTracking().SingleAsync(Ct));
        Assert.Null(lease.Owner);
    }

    [Fact]
    public async Task An_instance_that_lost_its_lease_mid_run_stops_and_leaves_the_rest_to_the_new_holder()
    {
        await using var vault = await RetentionVaultFactory.StartAsync(RunDay, v => v.With("Vault:Retention:BatchSize", "2").With("Vault:Retention:DegreeOfParallelism", "1"));
        var recordings = Enumerable.Range(0, 6).Select(_ => Recording(new DateOnly(2027, 3, 1), assessedOn: new DateOnly(2027, 6, 1))).ToArray();
        vault.Catalog.Add(recordings);
        var (reached, release) = Gate(vault.Catalog);

        var working = YearlyAsync(vault);
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        // The first instance stalls beyond its lease; another takes the lease over.
        vault.Time.Advance(TimeSpan.FromMinutes(6));
        await vault.InScopeAsync(sp => sp.GetRequiredService<IRetentionDb>().RetentionLeases
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, "other-host/7/y").SetProperty(l => l.ExpiresAt, vault.Time.GetUtcNow().AddMinutes(5)), Ct));
        release.SetResult();

        await Assert.ThrowsAsync<LeaseLostException>(() => working);
        Assert.InRange(vault.Catalog.DestroyedCount, 1, 2);
        var lease = await vault.InScopeAsync(sp => sp.GetRequiredService<IRetentionDb>().RetentionLeases.AsNoTracking().SingleAsync(Ct));
        Assert.Equal("other-host/7/y", lease.Owner);
    }
}
