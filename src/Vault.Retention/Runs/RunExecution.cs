using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vault.Retention.Data;
using Vault.Retention.Planning;
using Vault.Retention.Ports;
using Vault.Shared.Auditing;

namespace Vault.Retention.Runs;

/// <summary>
/// Destroys a run's planned items batch by batch: each batch goes to the catalogue at once
/// (<see cref="IRetentionCatalog.DestroyManyAsync"/>, in its own DI scope), then the items, tombstones and one audit
/// entry are written in one transaction, in another scope; two batches are under way at once. The shredding
/// transaction also carries the items' "key destroyed" mark. A crash between the two leaves the items planned (with
/// that mark); the next attempt destroys them again, which the catalogue's idempotent destruction turns into a
/// clean-up of whatever is left, and then writes the bookkeeping, still saying truthfully that the keys were shredded.
/// </summary>
internal sealed class RunExecution(IRetentionDb db, IServiceScopeFactory scopes, TimeProvider time, IOptions<RetentionOptions> options)
{
    private sealed record Outcome(DestructionRunItem Item, DestroyedRecording? Destroyed, Exception? Error);

    /// <summary>Walks the run's planned items once; returns how many were destroyed by this call.</summary>
    public async Task<int> ExecuteAsync(Guid runId, DestructionLease lease, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var run = await db.DestructionRuns.AsNoTracking().FirstAsync(r => r.Id == runId, cancellationToken);
        var destroyedNow = 0;
        var after = 0;

        // Pipelined: while one batch deletes its blobs, the next one already shreds its keys and removes its rows. The
        // next batch starts only once the previous one committed, and the lease is checked right before it starts.
        var inFlight = new List<Task<int>>();
        Task previousCommitted = Task.CompletedTask;
        try
        {
            while (true)
            {
                while (inFlight.Count >= BatchesInFlight)
                {
                    destroyedNow += await TakeFirstAsync(inFlight);
                }

                if (inFlight.Count > 0)
                {
                    await Task.WhenAny(previousCommitted, inFlight[^1]);
                    if (inFlight[^1].IsCompleted)
                    {
                        destroyedNow += await TakeFirstAsync(inFlight);
                    }
                }

                var batch = await db.DestructionRunItems.AsNoTracking()
                    .Where(i => i.RunId == runId && i.State == RunItemState.Planned && i.Sequence > after)
                    .OrderBy(i => i.Sequence)
                    .Take(settings.BatchSize)
                    .ToListAsync(cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }

                after = batch[^1].Sequence;
                if (!await lease.RenewAsync(cancellationToken))
                {
                    throw new LeaseLostException();
                }

                var toDestroy = await SkipNewlyHeldAsync(runId, batch, cancellationToken);
                var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                previousCommitted = committed.Task;
                inFlight.Add(DestroyAndRecordAsync(run, toDestroy, settings.DegreeOfParallelism, () => committed.TrySetResult(), cancellationToken));
            }

            while (inFlight.Count > 0)
            {
                destroyedNow += await TakeFirstAsync(inFlight);
            }
        }
        finally
        {
            // Stopped or failed: the batches still running write down what they destroyed before this call ends.
            await ((Task)Task.WhenAll(inFlight)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        return destroyedNow;
    }

    /// <summary>How many batches are being destroyed at once (their storage calls and commits overlap).</summary>
    private const int BatchesInFlight = 2;

    private static async Task<int> TakeFirstAsync(List<Task<int>> inFlight)
    {
        var done = await Task.WhenAny(inFlight);
        inFlight.Remove(done);
        return await done;
    }

    /// <summary>
    /// One batch to the catalogue (in its own scope: keys and rows in one transaction, blobs concurrently), then its
    /// bookkeeping; also when stopped mid-batch, what was destroyed is written down, so a resume does less again.
    /// </summary>
    private async Task<int> DestroyAndRecordAsync(DestructionRun run, List<DestructionRunItem> toDestroy, int degreeOfParallelism, Action committed, CancellationToken cancellationToken)
    {
        IReadOnlyList<DestructionResult> results;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var catalog = scope.ServiceProvider.GetRequiredService<IRetentionCatalog>();
            var journal = scope.ServiceProvider.GetRequiredService<IRetentionDb>();
            var hooks = new DestructionHooks(shredded => WriteDownShredding(journal, run.Id, toDestroy, shredded), committed);
            results = await catalog.DestroyManyAsync([.. toDestroy.Select(i => new DestructionOrder(i.RecordingId, i.Reason))], degreeOfParallelism, hooks, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            results = [.. toDestroy.Select(i => new DestructionResult(i.RecordingId, null, error))];
        }

        var recorded = await RecordAsync(run, Outcomes(toDestroy, results));
        cancellationToken.ThrowIfCancellationRequested();
        return recorded;
    }

    /// <summary>
    /// Called by the catalogue inside the transaction that shreds these recordings' keys (on the scope's database, which
    /// is the catalogue's unit of work): the items' <see cref="DestructionRunItem.KeyDestroyed"/> is committed with the
    /// shredding itself, so a run resumed after a crash right after that commit still reports the truth.
    /// </summary>
    private static void WriteDownShredding(IRetentionDb db, Guid runId, List<DestructionRunItem> items, IReadOnlyCollection<Guid> shredded)
    {
        var ours = shredded.ToHashSet();
        foreach (var item in items.Where(i => ours.Contains(i.RecordingId)))
        {
            var entry = db.DestructionRunItems.Attach(new DestructionRunItem { RunId = runId, RecordingId = item.RecordingId, Reason = item.Reason });
            entry.Entity.KeyDestroyed = true;
            entry.Property(i => i.KeyDestroyed).IsModified = true;
        }
    }

    private static ConcurrentQueue<Outcome> Outcomes(List<DestructionRunItem> items, IReadOnlyList<DestructionResult> results)
    {
        var byId = items.ToDictionary(i => i.RecordingId);
        return new ConcurrentQueue<Outcome>(results.Where(r => byId.ContainsKey(r.RecordingId)).Select(r => new Outcome(byId[r.RecordingId], r.Destroyed, r.Error)));
    }

    /// <summary>R17: a hold placed after the plan was made still wins.</summary>
    private async Task<List<DestructionRunItem>> SkipNewlyHeldAsync(Guid runId, List<DestructionRunItem> batch, CancellationToken cancellationToken)
    {
        var recordings = batch.Select(i => i.RecordingId).ToList();
        var placements = batch.Select(i => i.PlacementId).Distinct().ToList();
        var holds = await db.LegalHolds.AsNoTracking()
            .Where(h => h.LiftedAt == null && ((h.RecordingId != null && recordings.Contains(h.RecordingId.Value)) || placements.Contains(h.PlacementId)))
            .ToListAsync(cancellationToken);
        if (holds.Count == 0)
        {
            return batch;
        }

        var held = batch.Where(i => holds.Any(h => h.Covers(i.RecordingId, i.PlacementId))).Select(i => i.RecordingId).ToList();
        await db.DestructionRunItems
            .Where(i => i.RunId == runId && held.Contains(i.RecordingId))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.State, RunItemState.Skipped).SetProperty(i => i.Reason, RetentionReasons.LegalHold), cancellationToken);
        return batch.Where(i => !held.Contains(i.RecordingId)).ToList();
    }

    /// <summary>Writes a batch's outcomes in one transaction, in its own scope; never cancelled (what was destroyed must be written down).</summary>
    private async Task<int> RecordAsync(DestructionRun run, ConcurrentQueue<Outcome> outcomes)
    {
        if (outcomes.IsEmpty)
        {
            return 0;
        }

        var cancellationToken = CancellationToken.None;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IRetentionDb>();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
        db.DestructionRunItems.AttachRange(outcomes.Select(o => o.Item));
        var now = time.GetUtcNow();
        var succeeded = outcomes.Where(o => o.Destroyed is not null).ToList();
        var ids = succeeded.Select(o => o.Item.RecordingId).ToList();
        var existing = (await db.Tombstones.AsNoTracking().Where(t => ids.Contains(t.RecordingId)).Select(t => t.RecordingId).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var (item, destroyed, error) in outcomes)
        {
            item.Attempts++;
            if (destroyed is null)
            {
                item.LastError = Truncate($"{error!.GetType().Name}: {error.Message}", 1000);
                continue;
            }

            item.State = RunItemState.Destroyed;
            item.DestroyedAt = now;
            item.BlobsDeleted = destroyed.BlobsDeleted;
            // Also true when an earlier attempt shredded the key and crashed before writing this down (see WriteDownShredding).
            item.KeyDestroyed = item.KeyDestroyed || destroyed.KeyDestroyed;
            item.LastError = null;
            if (existing.Add(item.RecordingId))
            {
                db.Tombstones.Add(new Tombstone
                {
                    RecordingId = item.RecordingId,
                    PlacementId = destroyed.PlacementId == Guid.Empty ? item.PlacementId : destroyed.PlacementId,
                    SchoolLocationId = item.SchoolLocationId,
                    OpleidingsschoolId = item.OpleidingsschoolId,
                    RecordedOn = item.RecordedOn,
                    DestroyedAt = now,
                    RunId = run.Id,
                    Kind = run.Kind,
                    Reason = item.Reason,
                });
            }
        }

        if (succeeded.Count > 0)
        {
            // One audit entry per batch (the unit of work holds one entry): the run and the recordings it destroyed.
            audit.Record(new AuditEvent(AuditActions.RecordingDestroyed, "destruction-run", run.Id.ToString())
            {
                SystemActor = DestructionRunner.SystemActor,
                RecordingId = succeeded.Count == 1 ? succeeded[0].Item.RecordingId : null,
                Details = new { run = run.Key, recordings = succeeded.Select(o => new { o.Item.RecordingId, o.Item.Reason, o.Destroyed!.BlobsDeleted, o.Item.KeyDestroyed }).ToList() },
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return succeeded.Count;
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
