using Azure.Storage.Blobs.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vault.Api.Data;
using Vault.Api.Storage;

namespace Vault.Api.Recordings;

/// <summary>
/// No blob without a record. A recording blob is written before its row is saved (the key is saved with the row), so a
/// crash or a database failure in between leaves unreadable ciphertext under <c>recordings/{id}/</c> with no
/// <see cref="Recording"/>. A staging segment under <c>uploads/{session}/</c> can land after its upload ended: a
/// write of a vault that was killed mid-request is finished by the storage after the upload expired and its prefix
/// was emptied. Such a blob is deleted once it has been seen orphaned in two sweeps at least
/// <see cref="RecordingOptions.SweepInterval"/> apart — longer than a blob waits for its row in a completion,
/// redaction or rendition that is still running. A staging blob belongs to an upload only while that upload is open or
/// completing; any other is an orphan (its staging key is destroyed, so it is unreadable as well).
/// </summary>
internal sealed class OrphanBlobSweep(EncryptedBlobStore blobs, TimeProvider time, IOptions<RecordingOptions> options, ILogger<OrphanBlobSweep> logger)
{
    private readonly SemaphoreSlim one = new(1, 1);
    private Dictionary<string, DateTimeOffset> suspects = new(StringComparer.Ordinal);

    /// <summary>Deletes confirmed orphans; returns how many blobs were deleted.</summary>
    public async Task<int> SweepAsync(VaultDbContext db, CancellationToken cancellationToken)
    {
        await one.WaitAsync(cancellationToken);
        try
        {
            return await SweepOnceAsync(db, cancellationToken);
        }
        finally
        {
            one.Release();
        }
    }

    private async Task<int> SweepOnceAsync(VaultDbContext db, CancellationToken cancellationToken)
    {
        var orphaned = new List<string>();
        orphaned.AddRange(await UnownedAsync(StorageLayout.RecordingsPrefix, ids => db.Set<Recording>().IgnoreQueryFilters()
            .Where(r => ids.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken), cancellationToken));
        orphaned.AddRange(await UnownedAsync(StorageLayout.UploadsPrefix, ids => db.Set<UploadSession>()
            .Where(u => ids.Contains(u.Id) && (u.Status == UploadStatus.Open || u.Status == UploadStatus.Completing))
            .Select(u => u.Id).ToListAsync(cancellationToken), cancellationToken));

        var now = time.GetUtcNow();
        var seen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var deleted = 0;
        foreach (var name in orphaned)
        {
            if (suspects.TryGetValue(name, out var since) && now - since >= options.Value.SweepInterval)
            {
                logger.LogWarning("Deleting orphaned blob {BlobName}: no recording or open upload refers to it", name);
                await blobs.DeleteAsync(name, cancellationToken);
                deleted++;
            }
            else
            {
                seen[name] = suspects.TryGetValue(name, out var first) ? first : now;
            }
        }

        suspects = seen;
        return deleted;
    }

    /// <summary>
    /// The blobs under <paramref name="prefix"/> (named <c>{prefix}{owner id:N}/…</c>) whose owner is not among those
    /// <paramref name="owned"/> returns. The listing is checked as it streams, 500 owners at a time (a listing is in name
    /// order, so an owner's blobs come together): memory holds one batch and the orphans, not every blob's name.
    /// </summary>
    private async Task<List<string>> UnownedAsync(string prefix, Func<Guid[], Task<List<Guid>>> owned, CancellationToken cancellationToken)
    {
        var orphans = new List<string>();
        var batch = new Dictionary<Guid, List<string>>();
        await foreach (var blob in blobs.Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            var segment = blob.Name.AsSpan(prefix.Length);
            var slash = segment.IndexOf('/');
            if (slash > 0 && Guid.TryParseExact(segment[..slash], "N", out var id))
            {
                if (!batch.ContainsKey(id) && batch.Count == OwnersPerQuery)
                {
                    await KeepUnownedAsync();
                }

                (batch.TryGetValue(id, out var names) ? names : batch[id] = []).Add(blob.Name);
            }
        }

        await KeepUnownedAsync();
        return orphans;

        async Task KeepUnownedAsync()
        {
            if (batch.Count == 0)
            {
                return;
            }

            var known = (await owned([.. batch.Keys])).ToHashSet();
            orphans.AddRange(batch.Where(o => !known.Contains(o.Key)).SelectMany(o => o.Value));
            batch.Clear();
        }
    }

    private const int OwnersPerQuery = 500;
}
