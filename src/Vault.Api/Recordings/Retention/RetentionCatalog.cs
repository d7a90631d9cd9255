using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Api.Placements;
using Vault.Api.Storage;
using Vault.Retention.Ports;
using Vault.Shared.Time;

namespace Vault.Api.Recordings.Retention;

/// <summary>
/// The recordings feature's side of retention (R7, R13, R15, R16): what exists and may have to go, and the
/// destruction itself. Destroying is crypto-shredding first (the per-recording keys are overwritten in the same
/// transaction that removes the recording and everything attached to it), then the blobs are deleted by the
/// recording's prefix, so copies the vault cannot reach (snapshots, backups, soft-deleted versions) stay unreadable
/// and a repeated call after a crash deletes whatever blobs are left.
/// </summary>
internal sealed class RetentionCatalog(
    VaultDbContext db,
    KeyRing keys,
    EncryptedBlobStore blobs,
    IEnumerable<IRecordingAttachments> attachments,
    TimeProvider time) : IRetentionCatalog
{
    /// <summary>Every blob of a recording lives under this prefix: versions (<c>v1</c>, <c>v2</c>…) and renditions (<c>v1-web-{attempt}</c>).</summary>
    public static string BlobPrefix(Guid recordingId) => $"recordings/{recordingId:N}/";

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
        var recording = await db.Set<Recording>().SingleOrDefaultAsync(r => r.Id == recordingId, cancellationToken);
        var keyDestroyed = false;
        if (recording is not null)
        {
            // Crypto-shred: every key the recording's versions and renditions were encrypted with.
            foreach (var keyId in new[] { recording.Content.KeyId, recording.WebRendition?.KeyId ?? Guid.Empty }.Where(k => k != Guid.Empty).Distinct())
            {
                await keys.DestroyAsync(db, keyId, cancellationToken);
            }

            foreach (var attached in attachments)
            {
                await attached.DeleteAllAsync(recordingId, cancellationToken);
            }

            db.Set<Recording>().Remove(recording);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            keyDestroyed = true;
        }

        var deleted = await DeleteBlobsAsync(recordingId, recording, null, cancellationToken);
        return new DestroyedRecording(
            recordingId,
            recording?.PlacementId ?? Guid.Empty,
            recording is null ? default : SchoolCalendar.DateInAmsterdam(recording.RecordingAt),
            deleted,
            keyDestroyed);
    }

    /// <summary>
    /// A batch: every key of every recording crypto-shredded and every row removed in ONE transaction (with what the run
    /// writes down in <see cref="DestructionHooks.Shredding"/>), then the blobs deleted concurrently. A stop before the commit destroys nothing; a stop after it returns the recordings whose
    /// blobs are already gone, and the rest are cleaned up (keys long shredded) when the run resumes. A failing blob
    /// delete is that recording's result; it stays planned and is retried.
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
        var listed = await ListBatchAsync(ids, cancellationToken);
        var results = new System.Collections.Concurrent.ConcurrentBag<DestructionResult>();
        try
        {
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, degreeOfParallelism), CancellationToken = cancellationToken }, async (id, token) =>
            {
                var recording = recordings.GetValueOrDefault(id);
                try
                {
                    var deleted = await DeleteBlobsAsync(id, recording, listed?[id], token);
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

    /// <summary>Everything under the recording's prefix, and the named blobs in case one ever lives elsewhere.</summary>
    private async Task<int> DeleteBlobsAsync(Guid recordingId, Recording? recording, IReadOnlyCollection<string>? listed, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (recording is not null)
        {
            names.Add(recording.Content.BlobName);
            if (recording.WebRendition is { } rendition)
            {
                names.Add(rendition.BlobName);
            }
        }

        if (listed is not null)
        {
            names.UnionWith(listed);
        }
        else
        {
            await ListAsync(BlobPrefix(recordingId), name => names.Add(name), cancellationToken);
        }

        var deleted = 0;
        foreach (var name in names)
        {
            var response = await blobs.Container.GetBlobClient(name)
                .DeleteIfExistsAsync(Azure.Storage.Blobs.Models.DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
            if (response.Value)
            {
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>
    /// The blobs of a whole batch from ONE listing: recording ids are version-7 GUIDs (time-ordered) and a run walks
    /// them in id order, so a batch shares a long name prefix and a page or two of up to 5,000 names cover it
    /// instead of one listing call per recording. When the shared prefix is too broad (more than
    /// <see cref="MaxSharedListingPages"/> pages), null: each recording is then listed by its own prefix.
    /// </summary>
    private async Task<Dictionary<Guid, List<string>>?> ListBatchAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count < 2)
        {
            return null;
        }

        var found = ids.ToDictionary(id => id, _ => new List<string>());
        var pages = 0;
        try
        {
            var listing = blobs.Container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, CommonPrefix(ids.Select(BlobPrefix)), cancellationToken);
            await foreach (var page in listing.AsPages(pageSizeHint: 5000))
            {
                if (++pages > MaxSharedListingPages)
                {
                    return null;
                }

                foreach (var blob in page.Values)
                {
                    if (RecordingOf(blob.Name) is { } id && found.TryGetValue(id, out var names))
                    {
                        names.Add(blob.Name);
                    }
                }
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // No container yet: nothing was ever stored.
        }

        return found;
    }

    private const int MaxSharedListingPages = 4;

    private async Task ListAsync(string prefix, Action<string> add, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var blob in blobs.Container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, cancellationToken))
            {
                add(blob.Name);
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // No container yet: nothing was ever stored.
        }
    }

    /// <summary>The recording a blob belongs to (<c>recordings/{id:N}/…</c>), if its name has that form.</summary>
    private static Guid? RecordingOf(string blobName)
    {
        const string Root = "recordings/";
        return blobName.Length > Root.Length + 32 && blobName.StartsWith(Root, StringComparison.Ordinal) && blobName[Root.Length + 32] == '/'
            && Guid.TryParseExact(blobName.AsSpan(Root.Length, 32), "N", out var id) ? id : null;
    }

    private static string CommonPrefix(IEnumerable<string> values)
    {
        string? prefix = null;
        foreach (var value in values)
        {
            if (prefix is null)
            {
                prefix = value;
                continue;
            }

            var length = 0;
            while (length < prefix.Length && length < value.Length && prefix[length] == value[length])
            {
                length++;
            }

            prefix = prefix[..length];
        }

        return prefix ?? string.Empty;
    }
}
