using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Vault.Api.Data;
using Vault.Api.Storage;
using Vault.Shared.Problems;

namespace Vault.Api.Recordings;

/// <summary>Reading recordings: metadata and range streaming over the decrypting stream (206, Content-Range, If-Range/ETag).</summary>
internal static class RecordingEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", GetAsync).WithName("GetRecording").WithSummary("A recording's metadata, for those who may view it");
        group.MapGet("/{id:guid}/stream", StreamAsync).WithName("StreamRecording").WithSummary("The recording itself, with HTTP range requests");
    }

    private static async Task<Results<Ok<RecordingView>, ProblemHttpResult>> GetAsync(Guid id, RecordingAccess access, CancellationToken cancellationToken) =>
        await access.FindViewableAsync(id, cancellationToken) is { } recording ? TypedResults.Ok(RecordingView.Of(recording)) : VaultProblems.NotFoundProblem();

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> StreamAsync(
        Guid id, HttpContext context, RecordingAccess access, VaultDbContext db, KeyRing keys, EncryptedBlobStore blobs, PlaybackSessions playback, CancellationToken cancellationToken)
    {
        var recording = await access.FindViewableAsync(id, cancellationToken);
        if (recording is null)
        {
            return VaultProblems.NotFoundProblem();
        }

        var content = recording.Playable;
        var key = await keys.UnwrapAsync(db, content.KeyId, cancellationToken);
        if (key is null)
        {
            return VaultProblems.NotFoundProblem();
        }

        await playback.RecordAsync(recording, context.Request.Headers.Range, cancellationToken);
        context.Response.Headers.CacheControl = "private, no-store";
        // Playback only, never a download (R13): inline, and no way to save it through the vault.
        context.Response.Headers.ContentDisposition = "inline";
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        var stream = blobs.OpenRead(content.BlobName, content.KeyId, key, content.Length);
        return TypedResults.Stream(stream, content.ContentType, lastModified: recording.CreatedAt,
            entityTag: new EntityTagHeaderValue($"\"{content.Sha256}\""), enableRangeProcessing: true);
    }
}
