using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Vault.Api.Data;
using Vault.Api.Media;
using Vault.Api.Storage;
using Vault.Shared.Auditing;
using Vault.Shared.Problems;

namespace Vault.Api.Recordings;

public sealed record TimeRange(double From, double To);

public sealed record BlurArea(int X, int Y, int Width, int Height, double From, double To);

/// <summary>R5: cut time ranges, blur a rectangle over a time range, or anonymise the whole image keeping the sound.</summary>
public sealed record RedactionRequest(IReadOnlyList<TimeRange>? Cuts, IReadOnlyList<BlurArea>? Blurs, bool AnonymiseImage = false);

/// <summary>
/// A redaction produces a new version (re-encoded, web-playable) under a new key and destroys the old one: its key
/// is crypto-shredded and its blob (with snapshots) and rendition deleted, so no trace of the old version remains.
/// </summary>
internal static class Redaction
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/redactions", RedactAsync).WithName("RedactRecording").WithSummary("Cut, blur or anonymise; the old version is destroyed");

    private static async Task<Results<Ok<RecordingView>, ValidationProblem, ProblemHttpResult>> RedactAsync(
        Guid id, RedactionRequest request, Viewing.RecordingAuthorizer authorizer, VaultDbContext db, KeyRing keys, EncryptedBlobStore blobs, MediaTools media,
        LoopbackMediaServer loopback, IAuditTrail audit, IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        var grant = await authorizer.AuthorizeAsync(id, Viewing.RecordingOperations.Redact, cancellationToken);
        if (!grant.Allowed || grant.Recording is not { } recording)
        {
            return grant.Refusal(Text.T("Alleen de student redigeert de eigen opname (R5).", "Only the student redacts their own recording (R5)."));
        }

        var old = recording.Content;
        var errors = Validate(request, old);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var sourceKey = await keys.UnwrapAsync(db, old.KeyId, cancellationToken);
        if (sourceKey is null)
        {
            return VaultProblems.NotFoundProblem();
        }

        var (keyEntity, key) = await keys.CreateKeyAsync(db, cancellationToken);
        var version = old.VersionNumber + 1;
        var blobName = $"recordings/{recording.Id:N}/v{version}";
        var stopping = lifetime.ApplicationStopping;
        try
        {
            using var input = await loopback.ExposeAsync(() => blobs.OpenRead(old.BlobName, old.KeyId, sourceKey, old.Length), old.ContentType, stopping);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length;
            await using (var output = await blobs.OpenWriteAsync(blobName, keyEntity.Id, key, stopping))
            {
                await using var counted = new HashingWriteStream(output, hash);
                await media.FfmpegAsync(["-i", input.Url.ToString(), .. Arguments(request, old)], counted, media.Options.EncodeTimeout, stopping);
                length = counted.Written;
            }

            var removed = (request.Cuts ?? []).Sum(c => Math.Min(c.To, old.DurationSeconds) - c.From);
            recording.Content = new RecordingContent
            {
                VersionNumber = version,
                BlobName = blobName,
                KeyId = keyEntity.Id,
                Length = length,
                ContentType = old.HasVideo ? "video/mp4" : "audio/mp4",
                Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset()),
                DurationSeconds = Math.Max(0, old.DurationSeconds - removed),
                HasVideo = old.HasVideo,
                HasAudio = old.HasAudio,
                VideoCodec = old.HasVideo ? "h264" : null,
                AudioCodec = old.HasAudio ? "aac" : null,
                Width = old.Width,
                Height = old.Height,
            };
            var oldRendition = recording.WebRendition;
            recording.WebRendition = null;
            recording.Rendition = RenditionStatus.NotNeeded;
            await keys.DestroyAsync(db, old.KeyId, stopping);
            if (oldRendition is not null)
            {
                await keys.DestroyAsync(db, oldRendition.KeyId, stopping);
            }

            audit.Record(new AuditEvent(AuditActions.RecordingRedacted, "Recording", recording.Id.ToString())
            {
                RecordingId = recording.Id,
                SchoolLocationId = recording.SchoolLocationId,
                OpleidingsschoolId = recording.OpleidingsschoolId,
                Details = new { from = old.VersionNumber, to = version, cuts = request.Cuts?.Count ?? 0, blurs = request.Blurs?.Count ?? 0, request.AnonymiseImage },
            });
            await db.SaveChangesAsync(stopping);
            await blobs.DeleteAsync(old.BlobName, CancellationToken.None);
            if (oldRendition is not null)
            {
                await blobs.DeleteAsync(oldRendition.BlobName, CancellationToken.None);
            }

            return TypedResults.Ok(RecordingView.Of(recording));
        }
        catch (MediaToolException ex)
        {
            await blobs.DeleteAsync(blobName, CancellationToken.None);
            return VaultProblems.Problem(RecordingProblems.Undecodable, ex.Message);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(sourceKey);
        }
    }

    private static ValidationErrors Validate(RedactionRequest request, RecordingContent content)
    {
        var errors = new ValidationErrors()
            .Require((request.Cuts?.Count ?? 0) + (request.Blurs?.Count ?? 0) > 0 || request.AnonymiseImage, "request", Text.T("Geef aan wat er weg moet.", "Say what must be removed."))
            .Require(content.HasVideo || ((request.Blurs?.Count ?? 0) == 0 && !request.AnonymiseImage), "blurs", Text.T("Een geluidsopname heeft geen beeld.", "A sound recording has no image."));
        foreach (var cut in request.Cuts ?? [])
        {
            errors.Require(cut.From >= 0 && cut.To > cut.From, "cuts", Text.T("Een knip loopt van een begin naar een later einde.", "A cut runs from a start to a later end."));
        }

        errors.Require((request.Cuts ?? []).Sum(c => c.To - c.From) < content.DurationSeconds, "cuts", Text.T("Er moet iets overblijven.", "Something must remain."));
        foreach (var blur in request.Blurs ?? [])
        {
            errors.Require(blur.X >= 0 && blur.Y >= 0 && blur.Width >= 8 && blur.Height >= 8 && blur.To > blur.From
                && (content.Width is null || blur.X + blur.Width <= content.Width) && (content.Height is null || blur.Y + blur.Height <= content.Height),
                "blurs", Text.T("Het vlak moet binnen het beeld liggen.", "The area must lie within the image."));
        }

        return errors;
    }

    /// <summary>Blur and anonymisation work in original time; cuts come last and re-time what remains.</summary>
    private static List<string> Arguments(RedactionRequest request, RecordingContent content)
    {
        static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        var keep = (request.Cuts ?? []).Count == 0 ? null : "not(" + string.Join("+", request.Cuts!.Select(c => $"between(t,{F(c.From)},{F(c.To)})")) + ")";
        var graph = new List<string>();
        if (content.HasVideo)
        {
            var label = "[0:v:0]";
            var n = 0;
            if (request.AnonymiseImage)
            {
                graph.Add($"{label}drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill[v{++n}]");
                label = $"[v{n}]";
            }

            foreach (var blur in request.Blurs ?? [])
            {
                graph.Add($"{label}split[b{n}a][b{n}b];[b{n}b]crop={blur.Width}:{blur.Height}:{blur.X}:{blur.Y},boxblur=10:5[b{n}c];" +
                    $"[b{n}a][b{n}c]overlay={blur.X}:{blur.Y}:enable='between(t,{F(blur.From)},{F(blur.To)})'[v{++n}]");
                label = $"[v{n}]";
            }

            graph.Add(keep is null ? $"{label}null[vout]" : $"{label}select='{keep}',setpts=N/FRAME_RATE/TB[vout]");
        }

        if (content.HasAudio)
        {
            graph.Add(keep is null ? "[0:a:0]anull[aout]" : $"[0:a:0]aselect='{keep}',asetpts=N/SR/TB[aout]");
        }

        List<string> args = ["-filter_complex", string.Join(";", graph)];
        if (content.HasVideo)
        {
            args.AddRange(["-map", "[vout]", "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p", "-bsf:v", "filter_units=remove_types=6", "-flags:v", "+bitexact"]);
        }

        if (content.HasAudio)
        {
            args.AddRange(["-map", "[aout]", "-c:a", "aac", "-b:a", "128k", "-flags:a", "+bitexact"]);
        }

        args.AddRange(["-map_metadata", "-1", "-map_chapters", "-1", "-fflags", "+bitexact", "-f", "mp4", "-movflags", "+frag_keyframe+empty_moov+default_base_moof", "pipe:1"]);
        return args;
    }
}
