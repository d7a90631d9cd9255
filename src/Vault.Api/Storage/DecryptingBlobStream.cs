using System.Buffers;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Vault.Api.Storage;

/// <summary>
/// A seekable, read-only view of an encrypted blob's plaintext with a known length. A read outside the current
/// region opens one ranged download covering the regions up to <see cref="ReadHintEnd"/> (a range request's end) or
/// a bounded window, and then takes the client-side encryption v2 regions from it one by one as they arrive:
/// authenticated (GCM tag) and decrypted into a pooled buffer. At most one region of plaintext is held, cleared on
/// dispose; the envelope is opened once per stream (from the first download's metadata).
/// The first download can be started before the recording key is known (<see cref="Prefetch"/>): the player's range is
/// then on its way from storage while the caller is still checking access and unwrapping the key, which it hands over
/// with <see cref="Unlock"/>. Nothing is decrypted, and nothing read, without the key.
/// </summary>
internal sealed class DecryptingBlobStream(BlobClient blob, Guid keyId, byte[]? recordingKey, long length) : Stream
{
    /// <summary>How far one download reaches without a hint: a player's open-ended range is read in windows of this size.</summary>
    public const int DefaultWindow = 8 * 1024 * 1024;

    private byte[]? buffer;
    private byte[]? ciphertext;
    private EnvelopeReader? envelope;
    private byte[]? key = recordingKey;
    private long bufferStart = -1;
    private int bufferCount;
    private long position;
    private Stream? open;
    private long openNext;
    private long openLast = -1;
    private Prefetched? prefetched;
    private bool disposed;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => position = value is >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <summary>Where the caller expects to stop reading (exclusive), e.g. the end of an HTTP range: one download then covers it.</summary>
    public long? ReadHintEnd { get; set; }

    /// <summary>
    /// Starts the download a read at <paramref name="from"/> would open (set <see cref="ReadHintEnd"/> first); the
    /// first read there takes it instead of asking storage again. Abandoned (and its response disposed) otherwise.
    /// </summary>
    public void Prefetch(long from, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (prefetched is not null || from < 0 || from >= length)
        {
            return;
        }

        var (region, last, range) = Plan(from);
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        prefetched = new Prefetched(region, last, blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = range }, cancel.Token), cancel);
    }

    /// <summary>Hands over the recording key of a stream made without one (after <see cref="Prefetch"/>).</summary>
    public void Unlock(byte[] recordingKey)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (envelope is not null || key is not null)
        {
            throw new InvalidOperationException("The stream already has its key.");
        }

        key = recordingKey;
    }

    private int RegionSize => envelope?.RegionSize ?? EnvelopeWriter.RegionSize;

    private int Overhead => envelope?.Overhead ?? (EnvelopeWriter.CiphertextLength(1) - 1);

    public override int Read(byte[] buffer1, int offset, int count) =>
        ReadCoreAsync(buffer1.AsMemory(offset, count), async: false, CancellationToken.None).GetAwaiter().GetResult();

    public override ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default) =>
        ReadCoreAsync(destination, async: true, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer1, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer1.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>
    /// Fills <paramref name="destination"/> as far as the blob goes, across regions: a response copies read by read, and
    /// each write is a flush to the socket, so a read that stopped at every region boundary sent a misaligned range in
    /// twice as many pieces. The synchronous path never awaits anything unfinished (the SDK's synchronous calls are
    /// used), so it does not block on async work.
    /// </summary>
    private async ValueTask<int> ReadCoreAsync(Memory<byte> destination, bool async, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < destination.Length && position < length)
        {
            total += await ReadRegionAsync(destination[total..], async, cancellationToken);
        }

        return total;
    }

    /// <summary>Copies from the region holding <see cref="Position"/>, decrypting it first if it is not the current one.</summary>
    private async ValueTask<int> ReadRegionAsync(Memory<byte> destination, bool async, CancellationToken cancellationToken)
    {
        while (buffer is null || position < bufferStart || position >= bufferStart + bufferCount)
        {
            var region = position / RegionSize;
            if (open is null || openNext != region || openNext > openLast)
            {
                if (!await OpenAsync(region, async, cancellationToken))
                {
                    continue; // the envelope's regions are not the size assumed: locate again with the real geometry
                }
            }

            var want = CiphertextCount(region);
            var filled = async
                ? await open!.ReadAtLeastAsync(ciphertext.AsMemory(0, want), want, throwOnEndOfStream: false, cancellationToken)
                : open!.ReadAtLeast(ciphertext.AsSpan(0, want), want, throwOnEndOfStream: false);
            if (filled != want)
            {
                throw new IOException($"The encrypted blob ended early: {filled} of {want} bytes of region {region}.");
            }

            buffer ??= BlockBuffers.Pool.Rent(RegionSize);
            bufferCount = envelope!.Decrypt(ciphertext.AsSpan(0, want), buffer);
            bufferStart = region * RegionSize;
            openNext++;
        }

        var n = Math.Min((int)(bufferStart + bufferCount - position), destination.Length);
        buffer.AsSpan((int)(position - bufferStart), n).CopyTo(destination.Span);
        position += n;
        return n;
    }

    /// <summary>
    /// Opens one download from <paramref name="region"/> to the end of the hinted range (or the default window);
    /// false when this first download revealed regions of another size than assumed (nothing is read from it).
    /// </summary>
    private async ValueTask<bool> OpenAsync(long region, bool async, CancellationToken cancellationToken)
    {
        await CloseAsync(async);
        var (_, last, range) = Plan(position);
        var early = TakePrefetched(region, last, usable: async); // the synchronous path does not wait for async work
        BlobDownloadStreamingResult response;
        try
        {
            response = early is not null ? (await early.Download.WaitAsync(cancellationToken)).Value
                : async ? (await blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = range }, cancellationToken)).Value
                : blob.DownloadStreaming(new BlobDownloadOptions { Range = range }, cancellationToken).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 416 && envelope is null)
        {
            // Near the end of a blob with larger regions than assumed the guessed offset lies beyond it: read the envelope alone.
            var properties = async ? (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value : blob.GetProperties(cancellationToken: cancellationToken).Value;
            OpenEnvelope(properties.Metadata);
            return false;
        }
        catch when (early is { Download.IsCompleted: false })
        {
            early.Abandon(); // this read was cancelled; the download may still answer
            early = null;
            throw;
        }
        finally
        {
            early?.Cancel.Dispose();
        }

        if (envelope is null)
        {
            var assumed = RegionSize;
            try
            {
                OpenEnvelope(response.Details.Metadata);
            }
            catch
            {
                await DisposeContentAsync(response.Content, async); // no key, or not this key's blob: nothing is read
                throw;
            }

            if (envelope!.RegionSize != assumed)
            {
                await DisposeContentAsync(response.Content, async);
                return false;
            }
        }

        (open, openNext, openLast) = (response.Content, region, last);
        var largest = CiphertextCount(0);
        if (ciphertext is null || ciphertext.Length < largest)
        {
            if (ciphertext is not null)
            {
                BlockBuffers.Pool.Return(ciphertext);
            }

            ciphertext = BlockBuffers.Pool.Rent(largest);
        }

        return true;
    }

    /// <summary>The one download a read at <paramref name="from"/> opens: from its region to the end of the hinted range, or a window.</summary>
    private (long Region, long Last, HttpRange Range) Plan(long from)
    {
        var region = from / RegionSize;
        var end = ReadHintEnd is { } hint && hint > from ? Math.Min(hint, from + (4L * DefaultWindow)) : from + DefaultWindow;
        var last = Math.Max(region, (Math.Min(end, length) - 1) / RegionSize);
        var start = region * (RegionSize + (long)Overhead);
        return (region, last, new HttpRange(start, (last * (RegionSize + (long)Overhead)) + CiphertextCount(last) - start));
    }

    /// <summary>The prefetched download when it is the one wanted and may be waited for; any other is abandoned.</summary>
    private Prefetched? TakePrefetched(long region, long last, bool usable)
    {
        var early = prefetched;
        prefetched = null;
        if (early is not null && (!usable || early.Region != region || early.Last != last))
        {
            early.Abandon();
            return null;
        }

        return early;
    }

    private void OpenEnvelope(IDictionary<string, string> metadata)
    {
        envelope = EnvelopeReader.Open(metadata, keyId, key ?? throw new InvalidOperationException("The stream has no recording key: call Unlock before reading."));
        key = null; // the content key is all this stream needs from here on
    }

    /// <summary>The stored size of region <paramref name="region"/>: its plaintext (the last one may be short) plus nonce and tag.</summary>
    private int CiphertextCount(long region) => (int)Math.Min(RegionSize, length - (region * RegionSize)) + Overhead;

    private async ValueTask CloseAsync(bool async)
    {
        if (open is { } content)
        {
            open = null;
            await DisposeContentAsync(content, async);
        }
    }

    private static async ValueTask DisposeContentAsync(Stream content, bool async)
    {
        if (async)
        {
            await content.DisposeAsync();
        }
        else
        {
            content.Dispose();
        }
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
        disposed = true;
        prefetched?.Abandon();
        prefetched = null;
        open?.Dispose();
        open = null;
        if (buffer is not null)
        {
            Array.Clear(buffer);
            BlockBuffers.Pool.Return(buffer);
            buffer = null;
        }

        if (ciphertext is not null)
        {
            BlockBuffers.Pool.Return(ciphertext);
            ciphertext = null;
        }

        envelope?.Dispose();
        envelope = null;

        base.Dispose(disposing);
    }

    /// <summary>A download started ahead of the first read, for the regions <see cref="Region"/>..<see cref="Last"/>.</summary>
    private sealed record Prefetched(long Region, long Last, Task<Response<BlobDownloadStreamingResult>> Download, CancellationTokenSource Cancel)
    {
        /// <summary>Cancels the download; a response that arrives anyway is disposed, unread.</summary>
        public void Abandon()
        {
            Cancel.Cancel();
            _ = DisposeWhenAnsweredAsync();
        }

        private async Task DisposeWhenAnsweredAsync()
        {
            try
            {
                (await Download).Value.Content.Dispose();
            }
            catch (Exception ex) when (ex is OperationCanceledException or RequestFailedException or IOException or HttpRequestException)
            {
                // Cancelled or failed: there is no response to dispose, and nobody waits for this download any more.
            }
            finally
            {
                Cancel.Dispose();
            }
        }
    }
}
