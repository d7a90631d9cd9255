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
/// Destroys a run's planned items batch by batch: in each batch the recordings are destroyed with bounded
/// parallelism, then their items, tombstones and audit entries are written in one transaction. A crash between
/// the two leaves the items planned; the next attempt destroys them again, which the catalogue's idempotent
/// <see cref="IRetentionCatalog.DestroyAsync"/> turns into a no-op, and then writes the bookkeeping.
/// Each destroy call runs in its own DI scope, so a catalogue that uses the scoped database context is never
/// used from two threads at once.
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

        // Pipelined: a batch's bookkeeping is written (in its own scope) while the next batch is being destroyed.
        Task<int> writing = Task.FromResult(0);
        try
        {
            while (true)
            {
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
                var outcomes = new ConcurrentQueue<Outcome>();
                try
                {
                    await Parallel.ForEachAsync(toDestroy, new ParallelOptions { MaxDegreeOfParallelism = settings.DegreeOfParallelism, CancellationToken = cancellationToken }, async (item, token) =>
                    {
                        try
                        {
                            await using var scope = scopes.CreateAsyncScope();
                            var catalog = scope.ServiceProvider.GetRequiredService<IRetentionCatalog>();
                            outcomes.Enqueue(new Outcome(item, await catalog.DestroyAsync(item.RecordingId, item.Reason, token), null));
                        }
                        catch (Exception error) when (error is not OperationCanceledException)
                        {
                            outcomes.Enqueue(new Outcome(item, null, error));
                        }
                    });
                }
                finally
                {
                    // Also when stopped mid-batch: what was destroyed is written down, so a resume does less again.
                    destroyedNow += await writing;
                    writing = RecordAsync(run, outcomes);
                }
            }
        }
        finally
        {
            destroyedNow += await writing;
        }

        return destroyedNow;
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
            item.KeyDestroyed = destroyed.KeyDestroyed;
            item.LastError = null;
            if (existing.Add(item.RecordingId))
            {
                db.Tombstones.Add(new Tombstone
                {
                    RecordingId = item.RecordingId,
                    PlacementId = destroyed.PlacementId == Guid.Empty ? item.PlacementId : destroyed.PlacementId,
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
                Details = new { run = run.Key, recordings = succeeded.Select(o => new { o.Item.RecordingId, o.Item.Reason, o.Destroyed!.BlobsDeleted, o.Destroyed.KeyDestroyed }).ToList() },
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return succeeded.Count;
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
