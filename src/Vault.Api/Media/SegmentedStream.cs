namespace Vault.Api.Media;

/// <summary>A seekable read-only stream over consecutive parts (each opened lazily, one at a time) with a known total length.</summary>
internal sealed class SegmentedStream(IReadOnlyList<SegmentedStream.Part> parts) : Stream
{
    private readonly long length = parts.Sum(p => p.Length);
    private Stream? current;
    private int currentIndex = -1;
    private long position;

    public sealed record Part(long Offset, long Length, Func<Stream> Open);

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get => position; set => position = Math.Max(0, value); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var part = Locate();
        return part is null ? 0 : Advance(part.Read(buffer, offset, (int)Math.Min(count, Remaining())));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var part = Locate();
        return part is null ? 0 : Advance(await part.ReadAsync(buffer[..(int)Math.Min(buffer.Length, Remaining())], cancellationToken));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private long Remaining() => parts[currentIndex].Offset + parts[currentIndex].Length - position;

    private int Advance(int read)
    {
        position += read;
        return read;
    }

    private Stream? Locate()
    {
        if (position >= length)
        {
            return null;
        }

        var index = 0;
        while (position >= parts[index].Offset + parts[index].Length)
        {
            index++;
        }

        if (index != currentIndex)
        {
            current?.Dispose();
            current = parts[index].Open();
            currentIndex = index;
        }

        current!.Position = position - parts[index].Offset;
        return current;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => position + offset,
        _ => length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        current?.Dispose();
        base.Dispose(disposing);
    }
}
