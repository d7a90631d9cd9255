using System.Buffers;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Vault.Api.Storage;

/// <summary>
/// A seekable, read-only view of an encrypted blob's plaintext with a known length. Each refill downloads one
/// range; the SDK widens it to whole 4 MiB encryption regions, checks their GCM tags and decrypts. At most one
/// chunk of plaintext is held (in a pooled buffer, cleared on dispose).
/// </summary>
internal sealed class DecryptingBlobStream(BlobClient blob, long length, int chunkSize) : Stream
{
    private byte[]? buffer;
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

        if (buffer is null || position < bufferStart || position >= bufferStart + bufferCount)
        {
            var want = Prepare(position);
            using var content = blob.DownloadStreaming(new BlobDownloadOptions { Range = new HttpRange(position, want) }).Value.Content;
            Complete(position, want, content.ReadAtLeast(buffer.AsSpan(0, want), want, throwOnEndOfStream: false));
        }

        return CopyOut(buffer1.AsSpan(offset, count));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (position >= length || destination.Length == 0)
        {
            return 0;
        }

        if (buffer is null || position < bufferStart || position >= bufferStart + bufferCount)
        {
            await FillAsync(position, cancellationToken);
        }

        return CopyOut(destination.Span);
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

    private async Task FillAsync(long start, CancellationToken cancellationToken)
    {
        var want = Prepare(start);
        var response = await blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(start, want) }, cancellationToken);
        await using var content = response.Value.Content;
        Complete(start, want, await content.ReadAtLeastAsync(buffer.AsMemory(0, want), want, throwOnEndOfStream: false, cancellationToken));
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(buffer))]
    private int Prepare(long start)
    {
        buffer ??= ArrayPool<byte>.Shared.Rent(chunkSize);
        return (int)Math.Min(chunkSize, length - start);
    }

    private void Complete(long start, int want, int filled)
    {
        if (filled != want)
        {
            throw new IOException($"The encrypted blob ended early: {filled} of {want} bytes at offset {start}.");
        }

        bufferStart = start;
        bufferCount = filled;
    }

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

        base.Dispose(disposing);
    }
}
