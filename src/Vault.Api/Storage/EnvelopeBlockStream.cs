using System.Buffers;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Vault.Api.Storage;

/// <summary>
/// A write stream that encrypts as it goes, region by region (client-side encryption v2 format, see
/// <see cref="EnvelopeWriter"/>), and stages every 8 MiB of regions as a block while the next block fills; disposing
/// commits the block list with the envelope, and only then does the blob exist. Memory is bounded and pooled: one
/// block of plaintext being filled, and two of ciphertext (one being staged), all from <see cref="SegmentBuffers"/>.
/// Plaintext buffers are cleared before reuse.
/// </summary>
internal sealed class EnvelopeBlockStream(BlockBlobClient blob, EnvelopeWriter.RegionEncryptor regions) : WriteOnlyStream
{
    /// <summary>
    /// Plaintext per block: whole regions, so that only the blob's last region can be short; as large as an upload's
    /// staging segment, so that the three buffers are the ones an upload's PATCHes left in the pool (an upload's
    /// completion writes its remuxed recording through this stream right after them: 8 MiB blocks from buffers already
    /// held, instead of 4 MiB ones on top, measured 24 November 2026).
    /// </summary>
    private const int BlockSize = SegmentBuffers.SegmentBytes;

    private readonly List<string> blocks = [];
    private byte[]? plaintext = SegmentBuffers.Rent(SegmentBuffers.Length);
    private byte[]? ciphertext = SegmentBuffers.Rent(SegmentBuffers.Length);
    private byte[]? staging = SegmentBuffers.Rent(SegmentBuffers.Length);
    private Task stage = Task.CompletedTask;
    private int filled;
    private bool committed;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(plaintext is null || committed, this);
        while (!buffer.IsEmpty)
        {
            var n = Math.Min(buffer.Length, BlockSize - filled);
            buffer.Span[..n].CopyTo(plaintext.AsSpan(filled));
            buffer = buffer[n..];
            filled += n;
            Written += n;
            if (filled == BlockSize)
            {
                await StageBlockAsync(cancellationToken);
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Written asynchronously only.");

    private async Task StageBlockAsync(CancellationToken cancellationToken)
    {
        var length = regions.EncryptRegions(plaintext.AsSpan(0, filled), ciphertext);
        Array.Clear(plaintext!, 0, filled);
        filled = 0;
        await stage; // at most one block in flight: swap the buffers once it is stored
        (ciphertext, staging) = (staging, ciphertext);
        var id = Convert.ToBase64String(BitConverter.GetBytes((long)blocks.Count));
        blocks.Add(id);
        stage = blob.StageBlockAsync(id, new MemoryStream(staging!, 0, length, writable: false), cancellationToken: cancellationToken);
    }

    /// <summary>Stores the last region and commits the blob with its envelope.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (committed)
        {
            return;
        }

        if (filled > 0)
        {
            await StageBlockAsync(cancellationToken);
        }

        await stage;
        await blob.CommitBlockListAsync(blocks, new CommitBlockListOptions { Metadata = new Dictionary<string, string> { [EnvelopeWriter.MetadataKey] = regions.Envelope } }, cancellationToken);
        committed = true;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Like the SDK's write stream: disposing commits what was written.</summary>
    public override async ValueTask DisposeAsync()
    {
        try
        {
            if (plaintext is not null)
            {
                await CommitAsync(CancellationToken.None);
            }
        }
        finally
        {
            try
            {
                await stage; // never hand a buffer back to the pool while a block is still being sent from it
            }
            catch (Exception)
            {
                // The commit above already failed or was never reached; the caller deletes what is left.
            }

            Release();
            await base.DisposeAsync();
        }
    }

    protected override void Dispose(bool disposing)
    {
        Release();
        base.Dispose(disposing);
    }

    private void Release()
    {
        if (plaintext is null)
        {
            return;
        }

        Array.Clear(plaintext);
        SegmentBuffers.Return(plaintext);
        SegmentBuffers.Return(ciphertext!);
        if (stage.IsCompleted)
        {
            SegmentBuffers.Return(staging!);
        }

        plaintext = ciphertext = staging = null;
        regions.Dispose();
    }
}
