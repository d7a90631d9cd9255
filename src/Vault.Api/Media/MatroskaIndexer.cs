using System.IO.Pipelines;

namespace Vault.Api.Media;

/// <summary>What <see cref="MatroskaIndexer"/> learned from a streamed WebM/Matroska file.</summary>
internal sealed class MatroskaIndex
{
    public byte[] EbmlHeader { get; set; } = [];

    /// <summary>The Info element's children without Duration (each child's raw bytes).</summary>
    public List<byte[]> InfoChildren { get; } = [];

    public byte[] Tracks { get; set; } = [];

    public byte[]? Tags { get; set; }

    public ulong TimecodeScale { get; set; } = 1_000_000;

    /// <summary>Where the first Cluster starts and the last one ends, in the streamed file.</summary>
    public long ClustersStart { get; set; } = -1;

    public long ClustersEnd { get; set; } = -1;

    /// <summary>Seek points: every video key frame (sound only: one per cluster) as (time in timecode units, its cluster's offset in the streamed file).</summary>
    public List<(ulong Time, long ClusterOffset)> CuePoints { get; } = [];

    public ulong CueTrack { get; set; }

    /// <summary>The end of the last frame, in timecode units.</summary>
    public double Duration { get; set; }

    public TimeSpan DurationTime => TimeSpan.FromSeconds(Duration * TimecodeScale / 1e9);

    public bool Usable => EbmlHeader.Length > 0 && Tracks.Length > 0 && ClustersStart >= 0 && ClustersEnd > ClustersStart && CuePoints.Count > 0;
}

/// <summary>
/// Reads a WebM/Matroska byte stream as it is written (ffmpeg's remux to a pipe, which has neither Duration nor
/// Cues) and notes what a seekable copy needs: the header elements, where the clusters are, a key frame per
/// cluster and the duration. Payloads are skipped, never kept. Anything unexpected makes the index unusable
/// (the file is then stored as it came), never a failed upload.
/// </summary>
internal sealed class MatroskaIndexer
{
    private readonly Dictionary<ulong, (int Type, ulong DefaultDurationNs)> tracks = [];
    private readonly Dictionary<ulong, (double Last, double Step, double End)> lastFrames = [];
    private bool trailingElement;
    private bool cueEveryKeyFrame;

    public MatroskaIndex Index { get; } = new();

    public Exception? Failure { get; private set; }

    /// <summary>Indexes everything read from <paramref name="input"/>; always reads it to the end.</summary>
    public async Task RunAsync(PipeReader input)
    {
        var reader = new EbmlReader(input);
        try
        {
            await ParseAsync(reader);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever the structure: the file is then stored as ffmpeg wrote it, never refused for it.
            Failure = ex;
        }
        finally
        {
            await reader.DrainAsync();
            await input.CompleteAsync();
        }
    }

    private async Task ParseAsync(EbmlReader reader)
    {
        if (await reader.ReadIdAsync() != MatroskaId.Ebml)
        {
            throw new InvalidDataException("Not an EBML file.");
        }

        var headerSize = await reader.ReadSizeAsync();
        var header = new System.Buffers.ArrayBufferWriter<byte>();
        EbmlWriter.Element(header, MatroskaId.Ebml, await reader.ReadBytesAsync(headerSize));
        Index.EbmlHeader = header.WrittenSpan.ToArray();
        if (await reader.ReadIdAsync() != MatroskaId.Segment)
        {
            throw new InvalidDataException("No Segment.");
        }

        await reader.ReadSizeAsync();
        uint? pending = null;
        while (pending is not null || !await reader.AtEndAsync())
        {
            var start = reader.Position - (pending is null ? 0 : IdLength(pending.Value));
            var id = pending ?? await reader.ReadIdAsync();
            pending = null;
            var size = await reader.ReadSizeAsync();
            if (id == MatroskaId.Cluster)
            {
                if (trailingElement)
                {
                    throw new InvalidDataException("Clusters are not contiguous.");
                }

                Index.ClustersStart = Index.ClustersStart < 0 ? start : Index.ClustersStart;
                pending = await ClusterAsync(reader, start, size);
                Index.ClustersEnd = pending is null ? reader.Position : reader.Position - IdLength(pending.Value);
                continue;
            }

            if (size == EbmlWriter.UnknownSize)
            {
                throw new InvalidDataException($"Element {id:X} of unknown size.");
            }

            trailingElement |= Index.ClustersStart >= 0 && id is not (MatroskaId.Cues or 0xEC);
            switch (id)
            {
                case MatroskaId.Info:
                    await InfoAsync(reader, size);
                    break;
                case MatroskaId.Tracks:
                    Index.Tracks = await RawAsync(reader, id, size);
                    ReadTracks(Index.Tracks);
                    break;
                case MatroskaId.Tags when Index.ClustersStart < 0:
                    Index.Tags = await RawAsync(reader, id, size);
                    break;
                default:
                    await reader.SkipAsync(size); // SeekHead, Void, Cues: rewritten; nothing else is expected after a remux
                    break;
            }
        }

        foreach (var (number, frame) in lastFrames)
        {
            var step = tracks.TryGetValue(number, out var track) && track.DefaultDurationNs > 0 ? track.DefaultDurationNs / (double)Index.TimecodeScale : frame.Step;
            Index.Duration = Math.Max(Index.Duration, Math.Max(frame.End, frame.Last + step));
        }
    }

    private static int IdLength(uint id) => id > 0xFFFFFF ? 4 : id > 0xFFFF ? 3 : id > 0xFF ? 2 : 1;

    private static async Task<byte[]> RawAsync(EbmlReader reader, uint id, long size)
    {
        var raw = new System.Buffers.ArrayBufferWriter<byte>();
        EbmlWriter.Element(raw, id, await reader.ReadBytesAsync(size));
        return raw.WrittenSpan.ToArray();
    }

    private async Task InfoAsync(EbmlReader reader, long size)
    {
        var end = reader.Position + size;
        while (reader.Position < end)
        {
            var id = await reader.ReadIdAsync();
            var childSize = await reader.ReadSizeAsync();
            var payload = await reader.ReadBytesAsync(childSize);
            if (id == MatroskaId.TimecodeScale)
            {
                Index.TimecodeScale = payload.Aggregate(0UL, (v, b) => (v << 8) | b);
            }

            if (id != MatroskaId.Duration)
            {
                var child = new System.Buffers.ArrayBufferWriter<byte>();
                EbmlWriter.Element(child, id, payload);
                Index.InfoChildren.Add(child.WrittenSpan.ToArray());
            }
        }
    }

    private void ReadTracks(byte[] raw)
    {
        foreach (var entry in Children(raw, HeaderLength(raw, 0)).Where(c => c.Id == MatroskaId.TrackEntry))
        {
            ulong number = 0, defaultDuration = 0;
            var type = 0;
            foreach (var field in Children(raw, entry.Payload, entry.End))
            {
                var value = raw.AsSpan(field.Payload, field.End - field.Payload).ToArray().Aggregate(0UL, (v, b) => (v << 8) | b);
                switch (field.Id)
                {
                    case MatroskaId.TrackNumber: number = value; break;
                    case MatroskaId.TrackType: type = (int)value; break;
                    case MatroskaId.DefaultDuration: defaultDuration = value; break;
                }
            }

            tracks[number] = (type, defaultDuration);
        }

        // Seek on video key frames; a sound-only file on its (first) audio track.
        Index.CueTrack = tracks.Where(t => t.Value.Type == 1).Select(t => t.Key).DefaultIfEmpty(tracks.Where(t => t.Value.Type == 2).Select(t => t.Key).FirstOrDefault()).First();
        cueEveryKeyFrame = tracks.TryGetValue(Index.CueTrack, out var cueTrack) && cueTrack.Type == 1;
    }

    /// <summary>Parses one cluster; returns the id that ended a cluster of unknown size (already read), if any.</summary>
    private async Task<uint?> ClusterAsync(EbmlReader reader, long start, long size)
    {
        var end = size == EbmlWriter.UnknownSize ? long.MaxValue : reader.Position + size;
        ulong timecode = 0;
        var cued = false;
        while (reader.Position < end && !await reader.AtEndAsync())
        {
            var id = await reader.ReadIdAsync();
            if (size == EbmlWriter.UnknownSize && MatroskaId.IsTopLevel(id))
            {
                return id;
            }

            var childSize = await reader.ReadSizeAsync();
            switch (id)
            {
                case MatroskaId.Timecode:
                    timecode = await reader.ReadUIntAsync(childSize);
                    break;
                case MatroskaId.SimpleBlock:
                    cued |= await BlockAsync(reader, childSize, timecode, start, cued, simple: true, referenced: false, duration: 0);
                    break;
                case MatroskaId.BlockGroup:
                    cued |= await GroupAsync(reader, childSize, timecode, start, cued);
                    break;
                default:
                    await reader.SkipAsync(childSize);
                    break;
            }
        }

        return null;
    }

    private async Task<bool> GroupAsync(EbmlReader reader, long size, ulong timecode, long clusterStart, bool cued)
    {
        var end = reader.Position + size;
        byte[]? block = null;
        var referenced = false;
        ulong duration = 0;
        while (reader.Position < end)
        {
            var id = await reader.ReadIdAsync();
            var childSize = await reader.ReadSizeAsync();
            switch (id)
            {
                case MatroskaId.Block:
                    block = await reader.ReadBytesAsync(Math.Min(childSize, 12));
                    await reader.SkipAsync(childSize - block.Length);
                    break;
                case MatroskaId.ReferenceBlock:
                    referenced = true;
                    await reader.SkipAsync(childSize);
                    break;
                case MatroskaId.BlockDuration:
                    duration = await reader.ReadUIntAsync(childSize);
                    break;
                default:
                    await reader.SkipAsync(childSize);
                    break;
            }
        }

        return block is not null && Note(block, timecode, clusterStart, cued, simple: false, referenced, duration);
    }

    private async Task<bool> BlockAsync(EbmlReader reader, long size, ulong timecode, long clusterStart, bool cued, bool simple, bool referenced, ulong duration)
    {
        var head = await reader.ReadBytesAsync(Math.Min(size, 12));
        await reader.SkipAsync(size - head.Length);
        return Note(head, timecode, clusterStart, cued, simple, referenced, duration);
    }

    /// <summary>Notes one frame (its track, time and whether it is a key frame); true when it became the cluster's seek point.</summary>
    private bool Note(byte[] head, ulong timecode, long clusterStart, bool cued, bool simple, bool referenced, ulong duration)
    {
        var length = 1;
        while (length <= 8 && (head[0] & (0x80 >> (length - 1))) == 0)
        {
            length++;
        }

        if (length > 4 || head.Length < length + 3)
        {
            throw new InvalidDataException("A block header is malformed.");
        }

        var track = (ulong)(head[0] & ((0x80 >> (length - 1)) - 1));
        for (var i = 1; i < length; i++)
        {
            track = (track << 8) | head[i];
        }

        var relative = (short)((head[length] << 8) | head[length + 1]);
        var time = (double)timecode + relative;
        var key = simple ? (head[length + 2] & 0x80) != 0 : !referenced;
        var previous = lastFrames.TryGetValue(track, out var frame) ? frame : (Last: double.NaN, Step: 0d, End: 0d);
        lastFrames[track] = (
            double.IsNaN(previous.Last) ? time : Math.Max(previous.Last, time),
            !double.IsNaN(previous.Last) && time > previous.Last ? time - previous.Last : previous.Step,
            Math.Max(previous.End, duration > 0 ? time + duration : 0));
        // Every video key frame is a seek point (as ffmpeg's own index); sound only: the first frame of each cluster.
        if (track != Index.CueTrack || !key || time < 0 || (cued && !cueEveryKeyFrame))
        {
            return false;
        }

        if (Index.CuePoints.Count == 0 || Index.CuePoints[^1].Time < (ulong)time)
        {
            Index.CuePoints.Add(((ulong)time, clusterStart));
        }

        return true;
    }

    private static int HeaderLength(byte[] raw, int at)
    {
        var idLength = raw[at] >= 0x80 ? 1 : raw[at] >= 0x40 ? 2 : raw[at] >= 0x20 ? 3 : 4;
        var sizeLength = 1;
        while ((raw[at + idLength] & (0x80 >> (sizeLength - 1))) == 0)
        {
            sizeLength++;
        }

        return idLength + sizeLength;
    }

    /// <summary>The children of a master element held in memory: (id, payload start, end).</summary>
    private static IEnumerable<(uint Id, int Payload, int End)> Children(byte[] raw, int from, int? to = null)
    {
        var at = from;
        var end = to ?? raw.Length;
        while (at < end)
        {
            var header = HeaderLength(raw, at);
            var idLength = raw[at] >= 0x80 ? 1 : raw[at] >= 0x40 ? 2 : raw[at] >= 0x20 ? 3 : 4;
            uint id = 0;
            for (var i = 0; i < idLength; i++)
            {
                id = (id << 8) | raw[at + i];
            }

            var sizeLength = header - idLength;
            var size = (long)(raw[at + idLength] & ((0x80 >> (sizeLength - 1)) - 1));
            for (var i = 1; i < sizeLength; i++)
            {
                size = (size << 8) | raw[at + idLength + i];
            }

            var payload = at + header;
            var next = checked((int)(payload + size));
            yield return (id, payload, next);
            at = next;
        }
    }
}
