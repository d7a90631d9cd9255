using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;

namespace Vault.Api.Media;

/// <summary>The Matroska/WebM element ids the vault reads or writes (EBML ids keep their length marker).</summary>
internal static class MatroskaId
{
    public const uint Ebml = 0x1A45DFA3;
    public const uint Segment = 0x18538067;
    public const uint SeekHead = 0x114D9B74;
    public const uint Seek = 0x4DBB;
    public const uint SeekId = 0x53AB;
    public const uint SeekPosition = 0x53AC;
    public const uint Info = 0x1549A966;
    public const uint TimecodeScale = 0x2AD7B1;
    public const uint Duration = 0x4489;
    public const uint Tracks = 0x1654AE6B;
    public const uint TrackEntry = 0xAE;
    public const uint TrackNumber = 0xD7;
    public const uint TrackType = 0x83;
    public const uint DefaultDuration = 0x23E383;
    public const uint Tags = 0x1254C367;
    public const uint Cues = 0x1C53BB6B;
    public const uint CuePoint = 0xBB;
    public const uint CueTime = 0xB3;
    public const uint CueTrackPositions = 0xB7;
    public const uint CueTrack = 0xF7;
    public const uint CueClusterPosition = 0xF1;
    public const uint Cluster = 0x1F43B675;
    public const uint Timecode = 0xE7;
    public const uint SimpleBlock = 0xA3;
    public const uint BlockGroup = 0xA0;
    public const uint Block = 0xA1;
    public const uint BlockDuration = 0x9B;
    public const uint ReferenceBlock = 0xFB;
    public const uint Chapters = 0x1043A770;
    public const uint Attachments = 0x1941A469;

    /// <summary>Elements that live directly in the Segment: one of these ends a Cluster of unknown size.</summary>
    public static bool IsTopLevel(uint id) => id is Ebml or SeekHead or Info or Tracks or Tags or Cues or Cluster or Chapters or Attachments;
}

/// <summary>EBML writing: ids, minimal sizes, fixed-width unsigned integers (so a header's length does not depend on its values).</summary>
internal static class EbmlWriter
{
    public const long UnknownSize = -1;

    public static void Id(IBufferWriter<byte> output, uint id)
    {
        var length = id > 0xFFFFFF ? 4 : id > 0xFFFF ? 3 : id > 0xFF ? 2 : 1;
        var span = output.GetSpan(length);
        for (var i = 0; i < length; i++)
        {
            span[i] = (byte)(id >> (8 * (length - 1 - i)));
        }

        output.Advance(length);
    }

    public static void Size(IBufferWriter<byte> output, long size, int? width = null)
    {
        var length = width ?? SizeLength(size);
        var span = output.GetSpan(length);
        var value = (ulong)size | (1UL << (7 * length));
        for (var i = 0; i < length; i++)
        {
            span[i] = (byte)(value >> (8 * (length - 1 - i)));
        }

        output.Advance(length);
    }

    private static int SizeLength(long size)
    {
        var length = 1;
        while (size >= (1L << (7 * length)) - 1)
        {
            length++;
        }

        return length;
    }

    public static void Element(IBufferWriter<byte> output, uint id, ReadOnlySpan<byte> payload)
    {
        Id(output, id);
        Size(output, payload.Length);
        output.Write(payload);
    }

    /// <summary>An unsigned integer written in exactly 8 bytes (valid EBML; the value does not change the length).</summary>
    public static void FixedUInt(IBufferWriter<byte> output, uint id, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        Element(output, id, bytes);
    }

    public static void UInt(IBufferWriter<byte> output, uint id, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        var skip = 0;
        while (skip < 7 && bytes[skip] == 0)
        {
            skip++;
        }

        Element(output, id, bytes[skip..]);
    }

    public static void Float(IBufferWriter<byte> output, uint id, double value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(bytes, value);
        Element(output, id, bytes);
    }

    /// <summary>A master element whose children are written by <paramref name="children"/>.</summary>
    public static void Master(IBufferWriter<byte> output, uint id, Action<ArrayBufferWriter<byte>> children)
    {
        var inner = new ArrayBufferWriter<byte>();
        children(inner);
        Element(output, id, inner.WrittenSpan);
    }
}

/// <summary>Pull-reading EBML from a pipe, tracking the absolute position; payloads that are not needed are skipped unread.</summary>
internal sealed class EbmlReader(PipeReader reader)
{
    private ReadOnlySequence<byte> buffer;
    private bool completed;
    private bool holding;

    public long Position { get; private set; }

    public async ValueTask<bool> AtEndAsync()
    {
        await FillAsync(1);
        return buffer.IsEmpty;
    }

    public async ValueTask<uint> ReadIdAsync()
    {
        var first = await ReadByteAsync();
        var length = first >= 0x80 ? 1 : first >= 0x40 ? 2 : first >= 0x20 ? 3 : first >= 0x10 ? 4 : throw new InvalidDataException("Not an EBML id.");
        uint id = first;
        for (var i = 1; i < length; i++)
        {
            id = (id << 8) | await ReadByteAsync();
        }

        return id;
    }

    /// <summary>An element size, or <see cref="EbmlWriter.UnknownSize"/>.</summary>
    public async ValueTask<long> ReadSizeAsync() => await ReadVintAsync(unknownAllowed: true);

    public async ValueTask<long> ReadVintAsync(bool unknownAllowed = false)
    {
        var first = await ReadByteAsync();
        var length = 1;
        while (length <= 8 && (first & (0x80 >> (length - 1))) == 0)
        {
            length++;
        }

        if (length > 8)
        {
            throw new InvalidDataException("Not an EBML variable-size integer.");
        }

        var value = (ulong)(first & ((0x80 >> (length - 1)) - 1));
        var allOnes = value == (ulong)((0x80 >> (length - 1)) - 1);
        for (var i = 1; i < length; i++)
        {
            var next = await ReadByteAsync();
            allOnes &= next == 0xFF;
            value = (value << 8) | next;
        }

        return allOnes && unknownAllowed ? EbmlWriter.UnknownSize : (long)value;
    }

    public async ValueTask<byte[]> ReadBytesAsync(long count)
    {
        if (count is < 0 or > 16 * 1024 * 1024)
        {
            throw new InvalidDataException($"An element of {count} bytes is not expected here.");
        }

        await FillAsync(count);
        if (buffer.Length < count)
        {
            throw new EndOfStreamException();
        }

        var bytes = buffer.Slice(0, count).ToArray();
        Consume(count);
        return bytes;
    }

    public async ValueTask<ulong> ReadUIntAsync(long size)
    {
        ulong value = 0;
        foreach (var b in await ReadBytesAsync(size))
        {
            value = (value << 8) | b;
        }

        return value;
    }

    public async ValueTask SkipAsync(long count)
    {
        while (count > 0)
        {
            await FillAsync(1);
            if (buffer.IsEmpty)
            {
                throw new EndOfStreamException();
            }

            var n = Math.Min(count, buffer.Length);
            Consume(n);
            count -= n;
        }
    }

    private async ValueTask<byte> ReadByteAsync()
    {
        await FillAsync(1);
        if (buffer.IsEmpty)
        {
            throw new EndOfStreamException();
        }

        var value = buffer.FirstSpan[0];
        Consume(1);
        return value;
    }

    private void Consume(long count)
    {
        buffer = buffer.Slice(count);
        Position += count;
    }

    private async ValueTask FillAsync(long count)
    {
        while (buffer.Length < count && !completed)
        {
            if (holding)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
            }

            var result = await reader.ReadAsync();
            buffer = result.Buffer;
            completed = result.IsCompleted;
            holding = true;
        }
    }

    /// <summary>Reads and discards whatever is left, so the writer never blocks on a reader that gave up.</summary>
    public async Task DrainAsync()
    {
        while (!completed)
        {
            if (holding)
            {
                reader.AdvanceTo(buffer.End);
            }

            var result = await reader.ReadAsync();
            buffer = result.Buffer;
            completed = result.IsCompleted;
            holding = true;
        }

        if (holding)
        {
            reader.AdvanceTo(buffer.End);
            holding = false;
        }

        buffer = default;
    }
}
