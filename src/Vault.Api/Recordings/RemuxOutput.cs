using System.Security.Cryptography;
using Vault.Api.Media;
using Vault.Api.Storage;

namespace Vault.Api.Recordings;

internal sealed record StoredMedia(long Length, string Sha256, TimeSpan? Duration);

/// <summary>
/// Runs ffmpeg's remux straight into an encrypted blob. ffmpeg writes to a pipe (plaintext never touches the
/// disk), so a WebM/Matroska result would have no Duration and no Cues — a live capture could not be sought. For
/// those the remux goes to an encrypted temporary blob under the same key while <see cref="MatroskaIndexer"/>
/// reads along; then the final blob is written as a seekable file (<see cref="SeekableMatroska"/>: Duration,
/// SeekHead, Cues before the clusters) followed by the clusters copied from the temporary blob, which is deleted.
/// </summary>
internal static class RemuxOutput
{
    public static async Task<StoredMedia> WriteAsync(
        EncryptedBlobStore blobs, MediaTools media, string blobName, Guid keyId, byte[] key, IReadOnlyList<string> ffmpegArguments, MediaContainer container, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (container is not (MediaContainer.WebM or MediaContainer.Matroska))
        {
            long written;
            await using (var output = await blobs.OpenWriteAsync(blobName, keyId, key, cancellationToken))
            {
                await using var counted = new HashingWriteStream(output, hash);
                await media.FfmpegAsync(ffmpegArguments, counted, media.Options.RemuxTimeout, cancellationToken);
                written = counted.Written;
            }

            return new StoredMedia(written, Convert.ToHexStringLower(hash.GetHashAndReset()), null);
        }

        var temporary = blobName + ".remux";
        try
        {
            var indexer = new MatroskaIndexer();
            long remuxed;
            await using (var output = await blobs.OpenWriteAsync(temporary, keyId, key, cancellationToken))
            {
                await using var indexing = new IndexingWriteStream(output, indexer);
                await media.FfmpegAsync(ffmpegArguments, indexing, media.Options.RemuxTimeout, cancellationToken);
                await indexing.CompleteAsync();
                remuxed = indexing.Written;
            }

            var index = indexer.Failure is null && indexer.Index.Usable ? indexer.Index : null;
            long length;
            await using (var output = await blobs.OpenWriteAsync(blobName, keyId, key, cancellationToken))
            {
                await using var counted = new HashingWriteStream(output, hash);
                await using var source = blobs.OpenRead(temporary, keyId, key, remuxed);
                if (index is not null)
                {
                    await counted.WriteAsync(SeekableMatroska.Header(index), cancellationToken);
                    source.Position = index.ClustersStart;
                    await CopyAsync(source, counted, index.ClustersEnd - index.ClustersStart, cancellationToken);
                }
                else
                {
                    await source.CopyToAsync(counted, cancellationToken);
                }

                length = counted.Written;
            }

            return new StoredMedia(length, Convert.ToHexStringLower(hash.GetHashAndReset()), index?.DurationTime);
        }
        finally
        {
            await blobs.DeleteAsync(temporary, CancellationToken.None);
        }
    }

    private static async Task CopyAsync(Stream source, Stream destination, long count, CancellationToken cancellationToken)
    {
        var buffer = BlockBuffers.Pool.Rent(1024 * 1024);
        try
        {
            while (count > 0)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken);
                if (read == 0)
                {
                    throw new EndOfStreamException("The remuxed media ended early.");
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                count -= read;
            }
        }
        finally
        {
            Array.Clear(buffer);
            BlockBuffers.Pool.Return(buffer);
        }
    }
}
