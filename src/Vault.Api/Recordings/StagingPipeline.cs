using Vault.Api.Data;
using Vault.Api.Storage;

namespace Vault.Api.Recordings;

/// <summary>
/// The staging half of a PATCH: full segments are encrypted and uploaded in the background (a bounded window of
/// segments in flight) while the request keeps reading the next one. Segments are recorded strictly in order and
/// only once their blob is durably stored, so <see cref="UploadSession.Received"/> — the offset a client resumes
/// from — never counts a byte that is not in storage. Progress is committed every
/// <see cref="RecordingOptions.ProgressCommitBytes"/> and at the end, not per segment.
/// </summary>
internal sealed class StagingPipeline(
    EncryptedBlobStore blobs, VaultDbContext db, UploadSession session, byte[] key, RecordingOptions options, Action<UploadSession> touch) : IAsyncDisposable
{
    private readonly Queue<InFlight> window = new();
    private long uncommitted;
    private Exception? failure;

    /// <summary>Bytes handed to the pipeline that are not yet recorded (still being encrypted/uploaded).</summary>
    public long Pending { get; private set; }

    /// <summary>A pooled buffer for a segment of <paramref name="size"/> bytes, with room to encrypt it in place; owned by the pipeline once submitted.</summary>
    public static byte[] Rent(int size) => SegmentBuffers.Rent(EnvelopeWriter.CiphertextLength(size));

    /// <summary>
    /// Starts storing <paramref name="buffer"/>[0..<paramref name="count"/>] as the next segment; the pipeline owns
    /// the buffer from here on. Waits for the oldest segment when the window is full.
    /// </summary>
    public async Task SubmitAsync(byte[] buffer, int count)
    {
        if (count == 0)
        {
            Return(buffer, 0);
            return;
        }

        var segment = new UploadSegment { UploadId = session.Id, Index = session.Segments.Count + window.Count, Offset = session.Received + Pending, Length = count };
        Pending += count;

        // Bytes that arrived are stored even if the client goes away meanwhile: no request token here.
        var upload = Task.Run(() => blobs.UploadInPlaceAsync(session.SegmentBlob(segment), session.KeyId, key, buffer, count, CancellationToken.None));
        window.Enqueue(new InFlight(segment, buffer, upload));
        while (window.Count > Math.Max(1, options.SegmentsInFlight))
        {
            await RetireOldestAsync();
        }
    }

    /// <summary>Waits for every segment in flight, records them and commits the progress. Throws if a segment could not be stored (after recording those before it).</summary>
    public async Task FlushAsync()
    {
        while (window.Count > 0)
        {
            await RetireOldestAsync();
        }

        await CommitAsync();
        if (failure is not null)
        {
            throw new IOException("A staging segment could not be stored; the upload resumes from the last stored byte.", failure);
        }
    }

    private async Task RetireOldestAsync()
    {
        var oldest = window.Dequeue();
        try
        {
            await oldest.Upload;
        }
        catch (Exception ex) when (failure is null)
        {
            failure = ex;
        }
        catch (Exception) when (failure is not null)
        {
            // Already broken: later segments are never recorded (the client resumes before the first failure).
        }
        finally
        {
            Return(oldest.Buffer, (int)oldest.Segment.Length);
            Pending -= oldest.Segment.Length;
        }

        if (failure is not null)
        {
            return;
        }

        session.Segments.Add(oldest.Segment);
        session.Received += oldest.Segment.Length;
        uncommitted += oldest.Segment.Length;
        if (uncommitted >= options.ProgressCommitBytes)
        {
            await CommitAsync();
        }
    }

    private async Task CommitAsync()
    {
        if (uncommitted == 0)
        {
            return;
        }

        touch(session);
        await db.SaveChangesAsync(CancellationToken.None);
        uncommitted = 0;
    }

    /// <summary>Back to the pool, cleared (a segment whose upload never started still holds plaintext).</summary>
    public static void Return(byte[] buffer, int count)
    {
        Array.Clear(buffer, 0, Math.Min(buffer.Length, EnvelopeWriter.CiphertextLength(count)));
        SegmentBuffers.Return(buffer);
    }

    /// <summary>Never leaves an upload running over a buffer that goes back to the pool.</summary>
    public async ValueTask DisposeAsync()
    {
        while (window.TryDequeue(out var segment))
        {
            try
            {
                await segment.Upload;
            }
            catch (Exception)
            {
                // Not recorded: the client resumes from the recorded offset.
            }
            finally
            {
                Return(segment.Buffer, (int)segment.Segment.Length);
            }
        }
    }

    private sealed record InFlight(UploadSegment Segment, byte[] Buffer, Task Upload);
}
