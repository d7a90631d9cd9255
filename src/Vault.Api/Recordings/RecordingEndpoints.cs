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

    /// <summary>The stream endpoint's name, by which <see cref="PlaybackPrefetch"/> knows its requests.</summary>
    public const string StreamEndpointName = "StreamRecording";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", GetAsync).WithName("GetRecording").WithSummary("A recording's metadata, for those who may view it");
        group.MapPost("/{id:guid}/playback", StartPlaybackAsync).WithName("StartPlayback")
            .WithSummary("Start an audited playback session: a short-lived stream URL for this viewer and recording");
        group.MapGet("/{id:guid}/stream", StreamAsync).WithName(StreamEndpointName)
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
        // The range's ciphertext is fetched while the caller is signed in, the recording looked up, access checked and
        // the key unwrapped: the player's wait is the longer of the two, not their sum. PlaybackPrefetch started it
        // from the grant, which names the content it was made for, before authentication. Without the key it cannot
        // be read, and it is dropped unread when the answer is no.
        var range = context.Request.Headers.Range.ToString();
        var early = context.Features.Get<PlaybackPrefetch>();
        var granted = early is not null ? early.Grant : playback.Read(grant);
        var stream = early?.Take();
        try
        {
            var recording = await access.FindUncheckedAsync(id, cancellationToken);
            if (recording is null)
            {
                return VaultProblems.NotFoundProblem();
            }

            var content = recording.Playable;
            var session = playback.Validate(granted, recording.Id);
            if (stream is null || granted?.Content?.IsStill(content) != true)
            {
                // Nothing started yet, or the grant is from before a redaction or a finished rendition: the
                // recording's playable content as it is now, fetched from here while access is checked.
                stream?.Dispose();
                stream = PlaybackPrefetch.OpenRange(blobs, content.BlobName, content.KeyId, content.Length, range, fetch: session is not null, cancellationToken);
            }

            // Access at every request (a replaced coach gets 404 at once, grant or not); then the grant.
            if (!await access.MayViewAsync(recording))
            {
                return VaultProblems.NotFoundProblem();
            }

            if (session is not { } valid)
            {
                return VaultProblems.Problem(GrantRequired);
            }

            var key = await keys.UnwrapAsync(db, content.KeyId, cancellationToken);
            if (key is null)
            {
                return VaultProblems.NotFoundProblem();
            }

            await playback.RecordRangeAsync(recording, valid, range, cancellationToken);
            context.Response.Headers.CacheControl = "private, no-store";
            // Playback only, never a download (R13): no attachment disposition, no file name, nothing a cache may keep.
            context.Response.Headers["X-Content-Type-Options"] = "nosniff";
            var body = stream;
            stream = null; // the response owns it now
            body.Unlock(key);
            return TypedResults.Stream(body, content.ContentType, lastModified: recording.CreatedAt,
                entityTag: new EntityTagHeaderValue($"\"{content.Sha256}\""), enableRangeProcessing: true);
        }
        finally
        {
            stream?.Dispose();
        }
    }
}
