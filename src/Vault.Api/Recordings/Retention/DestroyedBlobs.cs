using Azure;
using Azure.Storage.Blobs.Models;
using Vault.Api.Storage;

namespace Vault.Api.Recordings.Retention;

/// <summary>
/// Deletes the blobs of a recording whose keys are already shredded. The names the database knows (the current
/// version and the web rendition: every blob the vault keeps for a recording) are deleted directly, each with its
/// snapshots, without listing: a listing per recording doubles the storage calls of a yearly run, and one listing per
/// batch by the batch's shared name prefix grows with everything stored in that id range (version-7 ids made close
/// together share long prefixes), up to the whole container. The recording's prefix is listed as well only when its
/// row is already gone (a run resumed after a crash right after its shred commit: the names are no longer known) or
/// when a few recordings go at once (a student's deletion, an abandoned upload), where one more call costs nothing
/// noticeable. Whatever else a crash may have left under a destroyed recording's prefix (ciphertext of an earlier
/// version or of an interrupted rendition, whose keys are shredded or were never stored) has no recording row any
/// more and is deleted by the <see cref="OrphanBlobSweep"/>.
/// </summary>
internal sealed class DestroyedBlobs(EncryptedBlobStore blobs)
{
    /// <summary>Batches of at most this many recordings also list each recording's prefix.</summary>
    public const int ListEachUpTo = 8;

    /// <summary>Every blob of a recording lives under this prefix: versions (<c>v1</c>, <c>v2</c>…) and renditions (<c>v1-web-{attempt}</c>).</summary>
    public static string Prefix(Guid recordingId) => $"{StorageLayout.RecordingsPrefix}{recordingId:N}/";

    /// <summary>The blob names the database knows for a recording.</summary>
    public static IEnumerable<string> KnownNames(Recording recording) =>
        recording.WebRendition is { } rendition ? [recording.Content.BlobName, rendition.BlobName] : [recording.Content.BlobName];

    /// <summary>Deletes <paramref name="known"/> and, when <paramref name="list"/>, everything under the prefix; returns how many blobs were deleted.</summary>
    public async Task<int> DeleteAsync(Guid recordingId, IEnumerable<string> known, bool list, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(known, StringComparer.Ordinal);
        if (list)
        {
            try
            {
                await foreach (var blob in blobs.Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, Prefix(recordingId), cancellationToken))
                {
                    names.Add(blob.Name);
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // No container yet: nothing was ever stored.
            }
        }

        var deleted = 0;
        foreach (var name in names)
        {
            deleted += await blobs.DeleteAsync(name, cancellationToken) ? 1 : 0;
        }

        return deleted;
    }
}
