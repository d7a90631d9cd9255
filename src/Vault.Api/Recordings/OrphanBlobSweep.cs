using Azure.Storage.Blobs.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vault.Api.Data;
using Vault.Api.Storage;

namespace Vault.Api.Recordings;

/// <summary>
/// No blob without a record: a recording blob is written before its row is saved (the key is saved with the row), so a
/// crash or a database failure in between leaves unreadable ciphertext under <c>recordings/{id}/</c> with no
/// <see cref="Recording"/>. Such a blob is deleted once it has been seen orphaned in two sweeps at least
/// <see cref="RecordingOptions.SweepInterval"/> apart — longer than a blob waits for its row in a completion,
/// redaction or rendition that is still running.
/// </summary>
internal sealed class OrphanBlobSweep(EncryptedBlobStore blobs, TimeProvider time, IOptions<RecordingOptions> options, ILogger<OrphanBlobSweep> logger)
{
    private const string Prefix = "recordings/";
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
        var byRecording = new Dictionary<Guid, List<string>>();
        await foreach (var blob in blobs.Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, Prefix, cancellationToken))
        {
            var segment = blob.Name.AsSpan(Prefix.Length);
            var slash = segment.IndexOf('/');
            if (slash > 0 && Guid.TryParseExact(segment[..slash], "N", out var id))
            {
                (byRecording.TryGetValue(id, out var names) ? names : byRecording[id] = []).Add(blob.Name);
            }
        }

        var known = new HashSet<Guid>();
        foreach (var chunk in byRecording.Keys.Chunk(500))
        {
            known.UnionWith(await db.Set<Recording>().IgnoreQueryFilters().Where(r => chunk.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken));
        }

        var now = time.GetUtcNow();
        var seen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var deleted = 0;
        foreach (var name in byRecording.Where(r => !known.Contains(r.Key)).SelectMany(r => r.Value))
        {
            if (suspects.TryGetValue(name, out var since) && now - since >= options.Value.SweepInterval)
            {
                logger.LogWarning("Deleting orphaned recording blob {BlobName}: no recording record refers to it", name);
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
}
