using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Api.Media;
using Vault.Api.Storage;
using Vault.Consent.Gate;
using Vault.Shared.Auditing;
using Vault.Shared.Problems;
using Vault.Shared.Time;

namespace Vault.Api.Recordings;

internal sealed record CompletionOutcome(Recording? Recording, ProblemHttpResult? Refusal);

/// <summary>
/// Turns a complete upload into a recording: ffprobe decides what it is, the start is decoded, the gate decides
/// again, identifying metadata is removed by a remux (sound only: the image stream too, R5) straight into an
/// encrypted blob, and the ticket is redeemed in the same unit of work. Any refusal keeps nothing.
/// </summary>
internal sealed class UploadCompletion(
    VaultDbContext db, KeyRing keys, EncryptedBlobStore blobs, UploadStaging staging, MediaTools media, LoopbackMediaServer loopback,
    IUploadGate gate, IAuditTrail audit, RenditionQueue renditions, TimeProvider time, ILogger<UploadCompletion> logger)
{
    public async Task<CompletionOutcome> CompleteAsync(UploadSession session, CancellationToken cancellationToken)
    {
        if (session.Status != UploadStatus.Open)
        {
            return Refuse(RecordingProblems.UploadNotOpen);
        }

        if (session.Received == 0)
        {
            return await DiscardAsync(session, RecordingProblems.Empty, null, cancellationToken);
        }

        if (session.DeclaredSize is { } declared && session.Received < declared)
        {
            return Refuse(RecordingProblems.UploadIncomplete, Text.T($"{session.Received} van {declared} bytes ontvangen.", $"{session.Received} of {declared} bytes received."));
        }

        session.Status = UploadStatus.Completing;
        staging.Touch(session);
        await db.SaveChangesAsync(cancellationToken); // the concurrency token stops a second, parallel completion

        try
        {
            return await StoreOrRefuseAsync(session, cancellationToken);
        }
        catch (Exception)
        {
            // Storage or the database failed (or the vault is stopping): not the student's fault, so the upload is
            // not discarded but opened again, to be completed once the vault can (503 tells the client to retry).
            await ReopenAsync(session);
            throw;
        }
    }

    private async Task<CompletionOutcome> StoreOrRefuseAsync(UploadSession session, CancellationToken cancellationToken)
    {
        var validation = await gate.ValidateTicketAsync(session.TicketId, session.StudentId, session.Capture, cancellationToken);
        if (!validation.IsValid)
        {
            return await DiscardAsync(session, RecordingProblems.TicketInvalid, validation.Problem.ToString(), cancellationToken);
        }

        var ticket = validation.Ticket!;
        var stagingKey = await keys.UnwrapAsync(db, session.KeyId, cancellationToken) ?? throw new InvalidOperationException("The upload's staging key is gone.");
        try
        {
            using var input = await loopback.ExposeAsync(() => staging.OpenPlaintext(session, stagingKey), "application/octet-stream", cancellationToken);
            MediaProbe probe;
            try
            {
                probe = await media.ProbeAsync(input.Url, cancellationToken);
            }
            catch (MediaToolException ex)
            {
                input.ThrowIfSourceFailed();
                return await DiscardAsync(session, RecordingProblems.NotMedia, ex.Message, cancellationToken);
            }

            if (probe.Container is null || probe.Streams.Count == 0)
            {
                return await DiscardAsync(session, RecordingProblems.NotMedia, Text.T($"Gevonden: {Describe(probe)}.", $"Found: {Describe(probe)}."), cancellationToken);
            }

            try
            {
                await media.CheckDecodesAsync(input.Url, cancellationToken);
            }
            catch (MediaToolException ex)
            {
                input.ThrowIfSourceFailed();
                return await DiscardAsync(session, RecordingProblems.Undecodable, ex.Message, cancellationToken);
            }

            var recheck = await gate.RecheckAsync(session.TicketId, cancellationToken);
            if (!recheck.Allowed)
            {
                var reasons = recheck.Reasons.Select(r => new { r.Rule, r.Code, Message = Text.T(r.Message, r.MessageEn), Pupils = r.Pupils.Select(p => new { p.PupilId, p.Name }) }).ToList();
                return await DiscardAsync(session, RecordingProblems.GateRefused, string.Join("; ", recheck.Reasons.Select(r => $"{r.Rule}: {Text.T(r.Message, r.MessageEn)}")), cancellationToken, reasons);
            }

            var soundOnly = ticket.Media == RecordingMedia.AlleenGeluid; // R5
            if (RemuxPlan.For(probe, soundOnly) is not { } plan)
            {
                return await DiscardAsync(session, soundOnly ? RecordingProblems.NoSound : RecordingProblems.NotMedia, Describe(probe), cancellationToken);
            }

            var recordingId = Guid.NewGuid();
            var content = await StoreAsync(recordingId, 1, input.Url, plan, probe, soundOnly, cancellationToken);
            if (content is null)
            {
                input.ThrowIfSourceFailed();
                return await DiscardAsync(session, RecordingProblems.Undecodable, null, cancellationToken);
            }

            var recording = new Recording
            {
                Id = recordingId,
                PlacementId = ticket.PlacementId,
                StudentId = ticket.StudentId,
                SchoolLocationId = ticket.SchoolLocationId,
                OpleidingsschoolId = ticket.OpleidingsschoolId,
                TicketId = ticket.TicketId,
                Media = ticket.Media,
                Purpose = ticket.Purpose,
                Capture = ticket.Capture,
                RecordingAt = ticket.RecordingAt,
                EmbeddedRecordedAt = probe.EmbeddedRecordedAt,
                RecordingDateMismatch = probe.EmbeddedRecordedAt is { } embedded
                    && SchoolCalendar.DateInAmsterdam(embedded) != SchoolCalendar.DateInAmsterdam(ticket.RecordingAt),
                FileName = session.FileName,
                CreatedAt = time.GetUtcNow(),
                Content = content,
                Rendition = probe.IsWebPlayable || plan.Container is MediaContainer.Mp3 or MediaContainer.Wav ? RenditionStatus.NotNeeded : RenditionStatus.Queued,
            };
            db.Add(recording);
            await gate.RedeemAsync(ticket.TicketId, recording.Id, cancellationToken);
            session.Status = UploadStatus.Completed;
            session.RecordingId = recording.Id;
            await keys.DestroyAsync(db, session.KeyId, cancellationToken);
            audit.Record(new AuditEvent(AuditActions.RecordingStored, "Recording", recording.Id.ToString())
            {
                RecordingId = recording.Id,
                SchoolLocationId = ticket.SchoolLocationId,
                OpleidingsschoolId = ticket.OpleidingsschoolId,
                PupilIds = ticket.PresentPupilIds,
                Details = new { ticket = ticket.TicketId, media = ticket.Media.ToString(), purpose = ticket.Purpose.ToString(), bytes = content.Length, container = plan.Container.ToString(), dateMismatch = recording.RecordingDateMismatch },
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database failed after the blob was written: its key was never saved, so the blob is unreadable
                // ciphertext; remove it (or the orphan sweep will) and let the student complete again.
                await DeleteUnrecordedAsync(content.BlobName);
                throw;
            }

            await DeleteStagingAsync(session);
            if (recording.Rendition == RenditionStatus.Queued)
            {
                await renditions.EnqueueAsync(recording.Id, cancellationToken);
            }

            return new CompletionOutcome(recording, null);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(stagingKey);
        }
    }

    /// <summary>Remuxes into a fresh encrypted blob under a new per-recording key; on failure nothing is left behind.</summary>
    private async Task<RecordingContent?> StoreAsync(Guid recordingId, int version, Uri input, RemuxPlan plan, MediaProbe probe, bool soundOnly, CancellationToken cancellationToken)
    {
        var (keyEntity, key) = await keys.CreateKeyAsync(db, cancellationToken);
        var blobName = $"recordings/{recordingId:N}/v{version}";
        try
        {
            var stored = await RemuxOutput.WriteAsync(blobs, media, blobName, keyEntity.Id, key, ["-xerror", "-i", input.ToString(), .. plan.OutputArguments, "pipe:1"], plan.Container, cancellationToken);
            return new RecordingContent
            {
                VersionNumber = version,
                BlobName = blobName,
                KeyId = keyEntity.Id,
                Length = stored.Length,
                ContentType = plan.ContentType,
                Sha256 = stored.Sha256,
                // A live capture carries no duration of its own: the seekable copy's is the one the player shows.
                DurationSeconds = probe.Duration > TimeSpan.Zero ? probe.Duration.TotalSeconds : stored.Duration?.TotalSeconds ?? 0,
                HasVideo = probe.HasVideo && !soundOnly,
                HasAudio = probe.HasAudio,
                VideoCodec = soundOnly ? null : probe.Video?.Codec,
                AudioCodec = probe.Audio?.Codec,
                Width = soundOnly ? null : probe.Video?.Width,
                Height = soundOnly ? null : probe.Video?.Height,
            };
        }
        catch (MediaToolException ex)
        {
            logger.LogInformation("Remux of recording {RecordingId} failed: {Error}", recordingId, ex.Message);
            keyEntity.Destroy(time.GetUtcNow());
            await blobs.DeleteAsync(blobName, CancellationToken.None);
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Best effort after a failed final save: no recording blob without its record (else the orphan sweep takes it).</summary>
    private async Task DeleteUnrecordedAsync(string blobName)
    {
        try
        {
            await blobs.DeleteAsync(blobName, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Deleting unrecorded blob {BlobName} failed; the orphan sweep removes it", blobName);
        }
    }

    /// <summary>Best effort once stored: the staging key is destroyed already, so bytes left behind are unreadable (and the lifecycle rule removes them).</summary>
    private async Task DeleteStagingAsync(UploadSession session)
    {
        try
        {
            await blobs.DeletePrefixAsync(session.StagingPrefix, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Deleting the staging blobs of stored upload {UploadId} failed", session.Id);
        }
    }

    /// <summary>Best effort: a completion that failed for the vault's own reasons leaves the upload open for another try.</summary>
    private async Task ReopenAsync(UploadSession session)
    {
        try
        {
            db.ChangeTracker.Clear();
            var version = Guid.NewGuid();
            await db.Set<UploadSession>().Where(u => u.Id == session.Id && u.Status == UploadStatus.Completing)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, UploadStatus.Open).SetProperty(x => x.Version, version), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Reopening upload {UploadId} after a failed completion failed; it expires with the abandoned uploads", session.Id);
        }
    }

    private async Task<CompletionOutcome> DiscardAsync(UploadSession session, ProblemKind kind, string? detail, CancellationToken cancellationToken, object? reasons = null)
    {
        audit.Record(new AuditEvent(AuditActions.UploadRefused, "Upload", session.Id.ToString()) { Details = new { reason = kind.Slug, ticket = session.TicketId } });
        await staging.DiscardAsync(db, session, UploadStatus.Refused, kind.Slug, cancellationToken);
        return Refuse(kind, detail, reasons);
    }

    private static CompletionOutcome Refuse(ProblemKind kind, string? detail = null, object? reasons = null) =>
        new(null, VaultProblems.Problem(kind, detail, reasons is null ? null : new Dictionary<string, object?> { ["reasons"] = reasons }));

    private static string Describe(MediaProbe probe) =>
        $"{(string.IsNullOrEmpty(probe.FormatName) ? "?" : probe.FormatName)}; {string.Join(", ", probe.Streams.Select(s => $"{s.Kind}:{s.Codec}"))}";
}
