using System.Security.Cryptography;
using Azure.Storage.Queues.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vault.Api.Data;
using Vault.Api.Media;
using Vault.Api.Storage;
using Vault.Shared.Auditing;

namespace Vault.Api.Recordings;

/// <summary>
/// Takes web-rendition jobs from the queue (any number of vault instances may run workers): the original is
/// re-encoded to H.264/AAC fragmented MP4 — or AAC audio for sound-only — straight from the decrypting stream into a
/// new encrypted blob under its own key. A job that fails three times is marked failed, visible to the student.
/// The queue delivers at least once, so a job is claimed (<see cref="RenditionClaim"/>) before it is encoded: a copy of
/// the message that reaches another worker meanwhile is left alone.
/// </summary>
internal sealed class RenditionWorker(IServiceScopeFactory scopes, RenditionQueue queue, IOptions<RecordingOptions> options, ILogger<RenditionWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await queue.Queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                QueueMessage[] messages = await queue.Queue.ReceiveMessagesAsync(1, options.Value.RenditionVisibilityTimeout, stoppingToken);
                if (messages.Length == 0)
                {
                    // A polling interval, not a domain date: real time on purpose.
                    await Task.Delay(Idle, stoppingToken);
                    continue;
                }

                var message = messages[0];
                bool finished;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    var job = scope.ServiceProvider.GetRequiredService<RenditionJob>();
                    finished = await job.RunAsync(Guid.ParseExact(message.MessageText, "N"), message.DequeueCount >= 3, stoppingToken);
                }

                // A job another worker holds is not this message's to finish: it becomes visible again after its
                // lease and is then found done (and deleted), or taken over if that worker died.
                if (finished)
                {
                    await queue.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Rendition job failed; the message becomes visible again after its lease");
                await Task.Delay(Idle, stoppingToken);
            }
        }
    }
}

/// <summary>One rendition: encode, store encrypted, record; the recording's status says where it stands.</summary>
internal sealed class RenditionJob(
    VaultDbContext db, KeyRing keys, EncryptedBlobStore blobs, MediaTools media, LoopbackMediaServer loopback, IAuditTrail audit, RenditionMetrics metrics,
    TimeProvider time, ILogger<RenditionJob> logger)
{
    /// <summary>Runs the job; false when another worker holds it (the message is then not this worker's to delete).</summary>
    public async Task<bool> RunAsync(Guid recordingId, bool lastAttempt, CancellationToken cancellationToken)
    {
        if (!await NeedsRenditionAsync(recordingId, cancellationToken))
        {
            return true;
        }

        await using var claim = await RenditionClaim.TryTakeAsync(blobs, recordingId, cancellationToken);
        if (claim is null)
        {
            metrics.Deferred.Add(1);
            return false;
        }

        // Read again under the claim: a worker that held it a moment ago may have finished the job.
        var recording = await db.Set<Recording>().SingleOrDefaultAsync(r => r.Id == recordingId, claim.Token);
        if (recording is null || recording.Rendition is RenditionStatus.Ready or RenditionStatus.NotNeeded)
        {
            return true;
        }

        await EncodeAsync(recording, lastAttempt, claim.Token);
        return true;
    }

    private Task<bool> NeedsRenditionAsync(Guid recordingId, CancellationToken cancellationToken) =>
        db.Set<Recording>().AnyAsync(r => r.Id == recordingId && r.Rendition != RenditionStatus.Ready && r.Rendition != RenditionStatus.NotNeeded, cancellationToken);

    private async Task EncodeAsync(Recording recording, bool lastAttempt, CancellationToken cancellationToken)
    {
        recording.Rendition = RenditionStatus.Processing;
        await db.SaveChangesAsync(cancellationToken);
        var source = recording.Content;
        var sourceKey = await keys.UnwrapAsync(db, source.KeyId, cancellationToken);
        if (sourceKey is null)
        {
            return;
        }

        var (keyEntity, key) = await keys.CreateKeyAsync(db, cancellationToken);

        // A name of its own per attempt: a worker that lost its claim while stalled can never overwrite the blob
        // another worker's rendition row points at.
        var blobName = $"recordings/{recording.Id:N}/v{source.VersionNumber}-web-{Guid.NewGuid():N}";
        metrics.Encodes.Add(1);
        try
        {
            using var input = await loopback.ExposeAsync(() => blobs.OpenRead(source.BlobName, source.KeyId, sourceKey, source.Length), source.ContentType, cancellationToken);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length;
            await using (var output = await blobs.OpenWriteAsync(blobName, keyEntity.Id, key, cancellationToken))
            {
                await using var counted = new HashingWriteStream(output, hash);
                await media.FfmpegAsync(["-i", input.Url.ToString(), .. Arguments(source.HasVideo)], counted, media.Options.EncodeTimeout, cancellationToken);
                length = counted.Written;
            }

            recording.WebRendition = new RecordingContent
            {
                VersionNumber = source.VersionNumber,
                BlobName = blobName,
                KeyId = keyEntity.Id,
                Length = length,
                ContentType = source.HasVideo ? "video/mp4" : "audio/mp4",
                Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset()),
                DurationSeconds = source.DurationSeconds,
                HasVideo = source.HasVideo,
                HasAudio = source.HasAudio,
                VideoCodec = source.HasVideo ? "h264" : null,
                AudioCodec = source.HasAudio ? "aac" : null,
                Width = source.Width,
                Height = source.Height,
            };
            recording.Rendition = RenditionStatus.Ready;
            recording.RenditionError = null;
            audit.Record(new AuditEvent(AuditActions.RenditionMade, "Recording", recording.Id.ToString())
            {
                RecordingId = recording.Id,
                SystemActor = nameof(RenditionWorker),
                Details = new { bytes = length },
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or DbUpdateConcurrencyException)
        {
            // The claim was lost, the vault is stopping, or the recording changed underneath (a redaction): keep nothing.
            await blobs.DeleteAsync(blobName, CancellationToken.None);
            throw;
        }
        catch (MediaToolException ex)
        {
            logger.LogWarning("Rendition of {RecordingId} failed: {Error}", recording.Id, ex.Message);
            await blobs.DeleteAsync(blobName, CancellationToken.None);
            keyEntity.Destroy(time.GetUtcNow());
            recording.Rendition = lastAttempt ? RenditionStatus.Failed : RenditionStatus.Queued;
            recording.RenditionError = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
            await db.SaveChangesAsync(CancellationToken.None);
            if (!lastAttempt)
            {
                throw;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(sourceKey);
        }
    }

    private static string[] Arguments(bool video) => video
        ? ["-map", "0:v:0", "-map", "0:a?", "-map_metadata", "-1", "-map_chapters", "-1", "-sn", "-dn",
           "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p", "-bsf:v", "filter_units=remove_types=6",
           "-c:a", "aac", "-b:a", "128k", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
           "-f", "mp4", "-movflags", "+frag_keyframe+empty_moov+default_base_moof", "pipe:1"]
        : ["-map", "0:a:0", "-vn", "-map_metadata", "-1", "-map_chapters", "-1", "-c:a", "aac", "-b:a", "128k",
           "-fflags", "+bitexact", "-flags:a", "+bitexact", "-f", "mp4", "-movflags", "+frag_keyframe+empty_moov+default_base_moof", "pipe:1"];
}
