using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Api.Placements;
using Vault.Api.Storage;
using Vault.Consent.Gate;
using Vault.Retention.Ports;
using Vault.Shared.Time;

namespace Vault.Api.Recordings.Retention;

/// <summary>
/// The recordings feature's side of retention (R7, R13, R15, R16): what exists and may have to go, and the
/// destruction itself. Destroying is crypto-shredding first (the per-recording keys are overwritten in the same
/// transaction that removes the recording and everything attached to it), then its blobs are deleted
/// (<see cref="DestroyedBlobs"/>), so copies the vault cannot reach (snapshots, backups, soft-deleted versions) stay
/// unreadable and a repeated call after a crash deletes whatever blobs are left.
/// </summary>
internal sealed class RetentionCatalog(
    VaultDbContext db,
    KeyRing keys,
    DestroyedBlobs blobs,
    IEnumerable<IRecordingAttachments> attachments,
    IUploadGate gate,
    TimeProvider time) : IRetentionCatalog
{
    public IAsyncEnumerable<RetentionCandidate> CandidatesAsync(CancellationToken cancellationToken) => ReadAsync(null, cancellationToken);

    /// <summary>One recording as retention sees it; null when it does not (or no longer) exist(s).</summary>
    public async Task<RetentionCandidate?> CandidateAsync(Guid recordingId, CancellationToken cancellationToken)
    {
        await foreach (var candidate in ReadAsync(recordingId, cancellationToken))
        {
            return candidate;
        }

        return null;
    }

    public async Task<IReadOnlyList<RetentionCandidate>> CandidatesAsync(IReadOnlyCollection<Guid> recordingIds, CancellationToken cancellationToken)
    {
        var found = new List<RetentionCandidate>();
        foreach (var id in recordingIds.Distinct())
        {
            if (await CandidateAsync(id, cancellationToken) is { } candidate)
            {
                found.Add(candidate);
            }
        }

        return found;
    }

    private async IAsyncEnumerable<RetentionCandidate> ReadAsync(Guid? only, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var today = SchoolCalendar.DateInAmsterdam(time.GetUtcNow());
        var placements = await db.Placements.AsNoTracking()
            .Where(p => db.Set<Recording>().Any(r => r.PlacementId == p.Id && (only == null || r.Id == only)))
            .Select(p => new { p.Id, p.EndDate, p.EndedOn })
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        var ios = (await db.PlacementCoaches.AsNoTracking()
                .Where(c => c.Role == CoachRole.Instituutsopleider && c.RemovedAt == null)
                .Select(c => new { c.PlacementId, c.PersonId })
                .ToListAsync(cancellationToken))
            .Where(c => placements.ContainsKey(c.PlacementId))
            .GroupBy(c => c.PlacementId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)[.. g.Select(c => c.PersonId).Distinct()]);

        var recordings = db.Set<Recording>().AsNoTracking()
            .Where(r => only == null || r.Id == only)
            .OrderBy(r => r.Id)
            .Select(r => new
            {
                r.Id, r.PlacementId, r.StudentId, r.SchoolLocationId, r.OpleidingsschoolId, r.RecordingAt, r.CreatedAt,
                r.AssessmentDoneAt, r.ReviewDueAt, r.DeletionRequestedAt,
            })
            .ToListAsync(cancellationToken);

        // Read in full before yielding: callers query the same context while enumerating, or stop early.
        foreach (var r in await recordings)
        {
            var placement = placements.GetValueOrDefault(r.PlacementId);
            var lastDay = placement is null ? DateOnly.MinValue : placement.EndedOn is { } ended && ended < placement.EndDate ? ended : placement.EndDate;
            yield return new RetentionCandidate(
                r.Id,
                r.PlacementId,
                r.StudentId,
                r.SchoolLocationId,
                r.OpleidingsschoolId,
                SchoolCalendar.DateInAmsterdam(r.RecordingAt),
                r.CreatedAt,
                r.AssessmentDoneAt,
                PlacementEnded: lastDay < today,
                WithdrawalReviewDeadline: r.ReviewDueAt,
                DeletionRequestedByStudent: r.DeletionRequestedAt is not null,
                InstituutsopleiderIds: ios.GetValueOrDefault(r.PlacementId) ?? []);
        }
    }

    public async Task<DestroyedRecording> DestroyAsync(Guid recordingId, string reason, CancellationToken cancellationToken)
    {
        var results = await DestroyManyAsync([new DestructionOrder(recordingId, reason)], 1, DestructionHooks.None, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var result = results.Single();
        if (result.Error is { } error)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }

        return result.Destroyed!;
    }

    /// <summary>
    /// A batch: every key of every recording crypto-shredded and every row removed in ONE transaction (with what the run
    /// writes down in <see cref="DestructionHooks.Shredding"/>), then the blobs deleted concurrently (<see cref="DestroyedBlobs"/>).
    /// A stop before the commit destroys nothing; a stop after it returns the recordings whose blobs are already gone,
    /// and the rest are cleaned up (keys long shredded) when the run resumes. A failing blob delete is that recording's
    /// result; it stays planned and is retried.
    /// </summary>
    public async Task<IReadOnlyList<DestructionResult>> DestroyManyAsync(IReadOnlyList<DestructionOrder> orders, int degreeOfParallelism, DestructionHooks hooks, CancellationToken cancellationToken)
    {
        var ids = orders.Select(o => o.RecordingId).Distinct().ToList();
        var recordings = new Dictionary<Guid, Recording>();
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var recording in await db.Set<Recording>().Where(r => chunk.Contains(r.Id)).ToListAsync(cancellationToken))
            {
                recordings[recording.Id] = recording;
            }
        }

        if (recordings.Count > 0)
        {
            var keyIds = recordings.Values.SelectMany(r => new[] { r.Content.KeyId, r.WebRendition?.KeyId ?? Guid.Empty }).Where(k => k != Guid.Empty).Distinct().ToList();
            foreach (var chunk in keyIds.Chunk(500))
            {
                await keys.DestroyAllAsync(db, chunk, cancellationToken);
            }

            foreach (var attached in attachments)
            {
                foreach (var chunk in recordings.Keys.Chunk(500))
                {
                    await attached.DeleteAllAsync(chunk, cancellationToken);
                }
            }

            db.Set<Recording>().RemoveRange(recordings.Values);
            hooks.Shredding?.Invoke([.. recordings.Keys]);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        hooks.Committed?.Invoke();

        // The presence lists go once the recordings are gone (R13: no pupil data about a recording that no longer
        // exists). After the commit, for every id of the batch — also those a crashed attempt already removed — so a
        // resumed run finishes this too.
        await gate.ForgetPresenceAsync(ids, cancellationToken);
        var listEach = ids.Count <= DestroyedBlobs.ListEachUpTo;
        var results = new System.Collections.Concurrent.ConcurrentBag<DestructionResult>();
        try
        {
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, degreeOfParallelism), CancellationToken = cancellationToken }, async (id, token) =>
            {
                var recording = recordings.GetValueOrDefault(id);
                try
                {
                    // A row already gone (a resumed run): its blob names are known no more, so its prefix is listed.
                    var deleted = await blobs.DeleteAsync(id, recording is null ? [] : DestroyedBlobs.KnownNames(recording), listEach || recording is null, token);
                    results.Add(new DestructionResult(id, new DestroyedRecording(
                        id,
                        recording?.PlacementId ?? Guid.Empty,
                        recording is null ? default : SchoolCalendar.DateInAmsterdam(recording.RecordingAt),
                        deleted,
                        recording is not null), null));
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    results.Add(new DestructionResult(id, null, error));
                }
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped: report what is finished; the rest stays planned.
        }

        return [.. results];
    }
}
