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

        var deleted = await DeleteBlobsAsync(recordingId, recording, cancellationToken);
        return new DestroyedRecording(
            recordingId,
            recording?.PlacementId ?? Guid.Empty,
            recording is null ? default : SchoolCalendar.DateInAmsterdam(recording.RecordingAt),
            deleted,
            keyDestroyed);
    }

    /// <summary>Everything under the recording's prefix, and the named blobs in case one ever lives elsewhere.</summary>
    private async Task<int> DeleteBlobsAsync(Guid recordingId, Recording? recording, CancellationToken cancellationToken)
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

        try
        {
            await foreach (var blob in blobs.Container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, BlobPrefix(recordingId), cancellationToken))
            {
                names.Add(blob.Name);
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // No container yet: nothing was ever stored.
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
}
