using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Vault.Api.Data;
using Vault.Api.Storage;
using Vault.Shared.Problems;

namespace Vault.Api.Recordings;

/// <summary>
/// Reading recordings: metadata, a playback grant, and range streaming over the decrypting stream (206,
/// Content-Range, If-Range/ETag). The stream answers only the signed-in viewer with a valid grant of their own.
/// </summary>
internal static class RecordingEndpoints
{
    public static readonly ProblemKind GrantRequired = new("playback-grant-invalid", 403,
        "Afspelen vraagt een geldige, eigen afspeelsessie; laad de speler opnieuw", "Playback needs a valid playback session of your own; reload the player");

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", GetAsync).WithName("GetRecording").WithSummary("A recording's metadata, for those who may view it");
        group.MapPost("/{id:guid}/playback", StartPlaybackAsync).WithName("StartPlayback")
            .WithSummary("Start an audited playback session: a short-lived stream URL for this viewer and recording");
        group.MapGet("/{id:guid}/stream", StreamAsync).WithName("StreamRecording")
            .WithSummary("The recording itself, with HTTP range requests, for the viewer holding a playback grant");
    }

    private static async Task<Results<Ok<RecordingView>, ProblemHttpResult>> GetAsync(Guid id, RecordingAccess access, CancellationToken cancellationToken) =>
        await access.FindViewableAsync(id, cancellationToken) is { } recording ? TypedResults.Ok(RecordingView.Of(recording)) : VaultProblems.NotFoundProblem();

    private static async Task<Results<Ok<PlaybackGrantView>, ProblemHttpResult>> StartPlaybackAsync(
        Guid id, RecordingAccess access, PlaybackSessions playback, CancellationToken cancellationToken) =>
        await access.FindViewableAsync(id, cancellationToken) is { } recording
            ? TypedResults.Ok(await playback.StartAsync(recording, cancellationToken))
            : VaultProblems.NotFoundProblem();

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> StreamAsync(
        Guid id, string? grant, HttpContext context, RecordingAccess access, VaultDbContext db, KeyRing keys, EncryptedBlobStore blobs, PlaybackSessions playback,
        CancellationToken cancellationToken)
    {
        // Access first, at every request (a replaced coach gets 404 at once, grant or not); then the grant.
        var recording = await access.FindViewableAsync(id, cancellationToken);
        if (recording is null)
        {
            return VaultProblems.NotFoundProblem();
        }

        if (playback.Validate(grant, recording.Id) is not { } session)
        {
            return VaultProblems.Problem(GrantRequired);
        }

        var content = recording.Playable;
        var key = await keys.UnwrapAsync(db, content.KeyId, cancellationToken);
        if (key is null)
        {
            return VaultProblems.NotFoundProblem();
        }

        await playback.RecordRangeAsync(recording, session, context.Request.Headers.Range, cancellationToken);
        context.Response.Headers.CacheControl = "private, no-store";
        // Playback only, never a download (R13): no attachment disposition, no file name, nothing a cache may keep.
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        var stream = blobs.OpenRead(content.BlobName, content.KeyId, key, content.Length, PlaybackSessions.RangeEnd(context.Request.Headers.Range, content.Length));
        return TypedResults.Stream(stream, content.ContentType, lastModified: recording.CreatedAt,
            entityTag: new EntityTagHeaderValue($"\"{content.Sha256}\""), enableRangeProcessing: true);
    }
}
