using System.Buffers;
using System.IO.Pipelines;

namespace Vault.Api.Media;

/// <summary>
/// The new front of a WebM/Matroska file that ffmpeg wrote to a pipe: the same EBML header, a Segment of known
/// size, a SeekHead, Info with the Duration, the Tracks (and Tags), and Cues placed before the clusters (as
/// ffmpeg's <c>-reserve_index_space</c> would), so a player knows the length and seeks without reading to the end.
/// The clusters follow unchanged. Positions are written as fixed-width integers, so the front's length does not
/// depend on where the clusters land.
/// </summary>
internal static class SeekableMatroska
{
    public static byte[] Header(MatroskaIndex index)
    {
        var info = Info(index);
        var tags = index.Tags ?? [];
        var seekHeadLength = SeekHead(0, 0, 0, tags.Length > 0 ? 0 : null).Length;
        var infoAt = (long)seekHeadLength;
        var tracksAt = infoAt + info.Length;
        var tagsAt = tracksAt + index.Tracks.Length;
        var cuesAt = tagsAt + tags.Length;
        var clustersAt = cuesAt + Cues(index, 0).Length;
        var cues = Cues(index, clustersAt);
        var seekHead = SeekHead(infoAt, tracksAt, cuesAt, tags.Length > 0 ? tagsAt : null);

        var output = new ArrayBufferWriter<byte>();
        output.Write(index.EbmlHeader);
        EbmlWriter.Id(output, MatroskaId.Segment);
        EbmlWriter.Size(output, clustersAt + (index.ClustersEnd - index.ClustersStart), width: 8);
        output.Write(seekHead);
        output.Write(info);
        output.Write(index.Tracks);
        output.Write(tags);
        output.Write(cues);
        return output.WrittenSpan.ToArray();
    }

    private static byte[] Info(MatroskaIndex index)
    {
        var output = new ArrayBufferWriter<byte>();
        EbmlWriter.Master(output, MatroskaId.Info, children =>
        {
            foreach (var child in index.InfoChildren)
            {
                children.Write(child);
            }

            EbmlWriter.Float(children, MatroskaId.Duration, index.Duration);
        });
        return output.WrittenSpan.ToArray();
    }

    private static byte[] SeekHead(long info, long tracks, long cues, long? tags)
    {
        var output = new ArrayBufferWriter<byte>();
        EbmlWriter.Master(output, MatroskaId.SeekHead, seeks =>
        {
            Seek(seeks, MatroskaId.Info, info);
            Seek(seeks, MatroskaId.Tracks, tracks);
            if (tags is { } at)
            {
                Seek(seeks, MatroskaId.Tags, at);
            }

            Seek(seeks, MatroskaId.Cues, cues);
        });
        return output.WrittenSpan.ToArray();
    }

    private static void Seek(ArrayBufferWriter<byte> output, uint id, long position) =>
        EbmlWriter.Master(output, MatroskaId.Seek, seek =>
        {
            var idBytes = new ArrayBufferWriter<byte>();
            EbmlWriter.Id(idBytes, id);
            EbmlWriter.Element(seek, MatroskaId.SeekId, idBytes.WrittenSpan);
            EbmlWriter.FixedUInt(seek, MatroskaId.SeekPosition, (ulong)position);
        });

    /// <summary>Cues with positions relative to the Segment's data, the clusters starting at <paramref name="clustersAt"/>.</summary>
    private static byte[] Cues(MatroskaIndex index, long clustersAt)
    {
        var output = new ArrayBufferWriter<byte>();
        EbmlWriter.Master(output, MatroskaId.Cues, points =>
        {
            foreach (var (time, clusterOffset) in index.CuePoints)
            {
                EbmlWriter.Master(points, MatroskaId.CuePoint, point =>
                {
                    EbmlWriter.FixedUInt(point, MatroskaId.CueTime, time);
                    EbmlWriter.Master(point, MatroskaId.CueTrackPositions, position =>
                    {
                        EbmlWriter.UInt(position, MatroskaId.CueTrack, index.CueTrack);
                        EbmlWriter.FixedUInt(position, MatroskaId.CueClusterPosition, (ulong)(clustersAt + clusterOffset - index.ClustersStart));
                    });
                });
            }
        });
        return output.WrittenSpan.ToArray();
    }
}

/// <summary>A write-only stream that passes everything to <paramref name="inner"/> and lets a <see cref="MatroskaIndexer"/> read along.</summary>
internal sealed class IndexingWriteStream : Storage.WriteOnlyStream
{
    private readonly Stream inner;
    private readonly Pipe pipe = new(new PipeOptions(pauseWriterThreshold: 4 * 1024 * 1024, resumeWriterThreshold: 2 * 1024 * 1024));
    private readonly Task indexing;
    private bool completed;

    public IndexingWriteStream(Stream inner, MatroskaIndexer indexer)
    {
        this.inner = inner;
        indexing = Task.Run(() => indexer.RunAsync(pipe.Reader));
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await inner.WriteAsync(buffer, cancellationToken);
        await pipe.Writer.WriteAsync(buffer, cancellationToken);
        Written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Written asynchronously only.");

    /// <summary>Ends the indexer's input and waits until it has read everything.</summary>
    public async Task CompleteAsync()
    {
        if (!completed)
        {
            completed = true;
            await pipe.Writer.CompleteAsync();
        }

        await indexing;
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override async ValueTask DisposeAsync()
    {
        await CompleteAsync();
        await base.DisposeAsync();
    }
}
