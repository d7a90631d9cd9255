using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Data;
using Vault.Api.Recordings;
using Vault.Api.Storage;
using Vault.Consent.Gate;

namespace Vault.Testing;

/// <summary>
/// A ready (stored, encrypted, playable) recording on an existing placement, arranged through the vault's own
/// key ring and blob store — for hosts (the browser's Development vault) where the demo placement's class and
/// consent are not the point of the test. Uploads through the gate are proven in the recordings tests.
/// </summary>
public static class ArrangeRecordings
{
    public static async Task<Guid> CreateReadyRecordingAsync(this VaultApiFactory vault, Guid placementId, string mp4Path,
        RecordingPurpose purpose = RecordingPurpose.Beoordeling, double durationSeconds = 0, CancellationToken cancellationToken = default)
    {
        var bytes = await File.ReadAllBytesAsync(mp4Path, cancellationToken);
        var id = Guid.CreateVersion7();
        await vault.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<VaultDbContext>();
            var keys = services.GetRequiredService<KeyRing>();
            var blobs = services.GetRequiredService<EncryptedBlobStore>();
            var time = services.GetRequiredService<TimeProvider>();
            var placement = await db.Placements.AsNoTracking().SingleAsync(p => p.Id == placementId, cancellationToken);
            var school = await db.SchoolLocations.AsNoTracking().SingleAsync(s => s.Id == placement.SchoolLocationId, cancellationToken);
            var (key, secret) = await keys.CreateKeyAsync(db, cancellationToken);
            var blobName = $"recordings/{id:N}/v1";
            await using (var output = await blobs.OpenWriteAsync(blobName, key.Id, secret, cancellationToken))
            {
                await output.WriteAsync(bytes, cancellationToken);
            }

            db.Add(new Recording
            {
                Id = id,
                PlacementId = placement.Id,
                StudentId = placement.StudentId,
                SchoolLocationId = school.Id,
                OpleidingsschoolId = school.OpleidingsschoolId,
                TicketId = Guid.NewGuid(),
                Media = RecordingMedia.BeeldEnGeluid,
                Purpose = purpose,
                Capture = CaptureMode.DeviceFile,
                RecordingAt = time.GetUtcNow().AddHours(-2),
                FileName = "les-" + Path.GetFileName(mp4Path),
                CreatedAt = time.GetUtcNow(),
                Content = new RecordingContent
                {
                    VersionNumber = 1, BlobName = blobName, KeyId = key.Id, Length = bytes.Length, ContentType = "video/mp4",
                    Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), DurationSeconds = durationSeconds, HasVideo = true, HasAudio = true,
                    VideoCodec = "h264", AudioCodec = "aac", Width = 320, Height = 240,
                },
                Rendition = RenditionStatus.NotNeeded,
            });
            await db.SaveChangesAsync(cancellationToken);
        });
        return id;
    }

    /// <summary>What retention reads for R16: when the assessment was marked done, and by whom.</summary>
    public static Task<(DateTimeOffset? DoneAt, Guid? By)> AssessmentOfAsync(this VaultApiFactory vault, Guid recordingId, CancellationToken cancellationToken = default) =>
        vault.WithDbAsync(async db =>
        {
            var r = await db.Set<Recording>().AsNoTracking().SingleAsync(x => x.Id == recordingId, cancellationToken);
            return (r.AssessmentDoneAt, r.AssessedByPersonId);
        });
}
