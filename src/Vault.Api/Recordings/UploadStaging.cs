using Microsoft.Extensions.Options;
using Vault.Api.Data;
using Vault.Api.Media;
using Vault.Api.Storage;

namespace Vault.Api.Recordings;

/// <summary>
/// Receives an upload's bytes into encrypted staging segments. Plaintext is held in memory for at most
/// <see cref="RecordingOptions.SegmentsInFlight"/> + 1 segments per request (pooled buffers, cleared after use); a dropped connection keeps every byte that arrived, so the client resumes where it stopped.
/// </summary>
internal sealed class UploadStaging(EncryptedBlobStore blobs, KeyRing keys, TimeProvider time, IOptions<RecordingOptions> options)
{
    public enum AppendResult
    {
        Appended = 0,
        Dropped = 1,
        TooLarge = 2,
    }

    public long Limit(UploadSession session) => Math.Min(session.MaxSize, session.DeclaredSize ?? long.MaxValue);

    public async Task<AppendResult> AppendAsync(VaultDbContext db, UploadSession session, Stream body, CancellationToken cancellationToken)
    {
        var key = await keys.UnwrapAsync(db, session.KeyId, cancellationToken) ?? throw new InvalidOperationException("The upload's staging key is gone.");
        var size = options.Value.SegmentBytes;
        var limit = Limit(session);
        var pipeline = new StagingPipeline(blobs, db, session, key, options.Value, Touch);
        byte[]? buffer = null;
        var filled = 0;
        try
        {
            try
            {
                while (true)
                {
                    buffer ??= StagingPipeline.Rent(size);
                    var read = await body.ReadAsync(buffer.AsMemory(filled, size - filled), cancellationToken);
                    if (read == 0)
                    {
                        break;
                    }

                    if (session.Received + pipeline.Pending + filled + read > limit)
                    {
                        return AppendResult.TooLarge;
                    }

                    filled += read;
                    if (filled == size)
                    {
                        await pipeline.SubmitAsync(Take(ref buffer), filled);
                        filled = 0;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or BadHttpRequestException or OperationCanceledException)
            {
                // The connection dropped: what arrived is intact and in order, so keep it and let the client resume.
                if (buffer is not null)
                {
                    await pipeline.SubmitAsync(Take(ref buffer), filled);
                }

                await pipeline.FlushAsync();
                return AppendResult.Dropped;
            }

            if (buffer is not null)
            {
                await pipeline.SubmitAsync(Take(ref buffer), filled);
            }

            await pipeline.FlushAsync();
            return AppendResult.Appended;
        }
        finally
        {
            await pipeline.DisposeAsync();
            if (buffer is not null)
            {
                StagingPipeline.Return(buffer, filled);
            }

            System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
        }
    }

    private static byte[] Take(ref byte[]? buffer)
    {
        var taken = buffer!;
        buffer = null;
        return taken;
    }

    public void Touch(UploadSession session)
    {
        session.LastActivityAt = time.GetUtcNow();
        session.ExpiresAt = session.LastActivityAt + options.Value.AbandonAfter;
    }

    /// <summary>The upload's plaintext as one seekable stream, decrypted segment by segment as it is read.</summary>
    public Stream OpenPlaintext(UploadSession session, byte[] key) =>
        new SegmentedStream([.. session.Segments.OrderBy(s => s.Index).Select(s =>
            new SegmentedStream.Part(s.Offset, s.Length, () => blobs.OpenRead(session.SegmentBlob(s), session.KeyId, key, s.Length)))]);

    /// <summary>Nothing kept: the staging blobs are deleted and the staging key destroyed (so any copy is unreadable).</summary>
    public async Task DiscardAsync(VaultDbContext db, UploadSession session, UploadStatus status, string? refusalType, CancellationToken cancellationToken)
    {
        session.Status = status;
        session.RefusalType = refusalType;
        await keys.DestroyAsync(db, session.KeyId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await blobs.DeletePrefixAsync(session.StagingPrefix, cancellationToken);
    }
}
