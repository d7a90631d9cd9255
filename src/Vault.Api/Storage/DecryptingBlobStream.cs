using System.Buffers;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Vault.Api.Storage;

/// <summary>
/// A seekable, read-only view of an encrypted blob's plaintext with a known length. Each refill downloads exactly
/// one client-side encryption v2 region (4 MiB) as stored, authenticates it (GCM tag) and decrypts it into a pooled
/// buffer: at most one region of plaintext is held, cleared on dispose. The envelope is opened once per stream
/// (from the first download's metadata), not once per read.
/// </summary>
internal sealed class DecryptingBlobStream(BlobClient blob, Guid keyId, byte[] recordingKey, long length) : Stream
{
    private byte[]? buffer;
    private byte[]? ciphertext;
    private EnvelopeReader? envelope;
    private byte[]? key = recordingKey;
    private long bufferStart = -1;
    private int bufferCount;
    private long position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => position = value is >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer1, int offset, int count)
    {
        if (position >= length || count == 0)
        {
            return 0;
        }

        while (buffer is null || position < bufferStart || position >= bufferStart + bufferCount)
        {
            var (region, cipherStart, cipherCount) = Locate(position);
            var response = blob.DownloadStreaming(new BlobDownloadOptions { Range = new HttpRange(cipherStart, cipherCount) }).Value;
            using var content = response.Content;
            if (Opened(response.Details.Metadata))
            {
                Fill(region, content.ReadAtLeast(ciphertext.AsSpan(0, cipherCount), cipherCount, throwOnEndOfStream: false), cipherCount);
            }
        }

        return CopyOut(buffer1.AsSpan(offset, count));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (position >= length || destination.Length == 0)
        {
            return 0;
        }

        while (buffer is null || position < bufferStart || position >= bufferStart + bufferCount)
        {
            var (region, cipherStart, cipherCount) = Locate(position);
            var response = (await blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(cipherStart, cipherCount) }, cancellationToken)).Value;
            await using var content = response.Content;
            if (Opened(response.Details.Metadata))
            {
                Fill(region, await content.ReadAtLeastAsync(ciphertext.AsMemory(0, cipherCount), cipherCount, throwOnEndOfStream: false, cancellationToken), cipherCount);
            }
        }

        return CopyOut(destination.Span);
    }

    /// <summary>The region holding <paramref name="at"/> and where its ciphertext lies (assuming 4 MiB regions until the envelope says otherwise).</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(ciphertext))]
    private (long Region, long Start, int Count) Locate(long at)
    {
        var regionSize = envelope?.RegionSize ?? EnvelopeWriter.RegionSize;
        var overhead = envelope?.Overhead ?? (EnvelopeWriter.CiphertextLength(1) - 1);
        var region = at / regionSize;
        var count = (int)Math.Min(regionSize, length - (region * regionSize)) + overhead;
        if (ciphertext is null || ciphertext.Length < count)
        {
            if (ciphertext is not null)
            {
                ArrayPool<byte>.Shared.Return(ciphertext);
            }

            ciphertext = ArrayPool<byte>.Shared.Rent(count);
        }

        return (region, region * (regionSize + (long)overhead), count);
    }

    /// <summary>Opens the envelope on the first download; false when its region size was not the one assumed (nothing decrypted).</summary>
    private bool Opened(IDictionary<string, string> metadata)
    {
        if (envelope is not null)
        {
            return true;
        }

        envelope = EnvelopeReader.Open(metadata, keyId, key ?? throw new ObjectDisposedException(nameof(DecryptingBlobStream)));
        key = null; // the content key is all this stream needs from here on
        return envelope.RegionSize == EnvelopeWriter.RegionSize;
    }

    private void Fill(long region, int filled, int want)
    {
        if (filled != want)
        {
            throw new IOException($"The encrypted blob ended early: {filled} of {want} bytes of region {region}.");
        }

        buffer ??= ArrayPool<byte>.Shared.Rent(envelope!.RegionSize);
        bufferCount = envelope!.Decrypt(ciphertext.AsSpan(0, want), buffer);
        bufferStart = region * envelope.RegionSize;
    }

    private int CopyOut(Span<byte> destination)
    {
        var available = (int)(bufferStart + bufferCount - position);
        var n = Math.Min(available, destination.Length);
        buffer!.AsSpan((int)(position - bufferStart), n).CopyTo(destination);
        position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer1, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer1.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer1, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (buffer is not null)
        {
            Array.Clear(buffer);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }

        if (ciphertext is not null)
        {
            ArrayPool<byte>.Shared.Return(ciphertext);
            ciphertext = null;
        }

        envelope?.Dispose();
        envelope = null;

        base.Dispose(disposing);
    }
}
