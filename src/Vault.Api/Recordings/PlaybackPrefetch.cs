using Vault.Api.Storage;

namespace Vault.Api.Recordings;

/// <summary>
/// A player's range, on its way from storage before the request is authenticated. A stream request carries its
/// playback grant, which names the recording and the content it plays (<see cref="PlaybackSessions.StartAsync"/>),
/// so the range's download can start as soon as the request's route is known, and the vault's own work — signing in
/// the caller, looking the recording up, deciding access, checking the grant, unwrapping the key — runs while storage
/// answers. It only starts for a grant the vault made (data protection: encrypted and authenticated), unexpired and
/// for this recording, and what it fetches is ciphertext: nothing is decrypted, and nothing sent, until the stream
/// endpoint has said yes and handed over the key. Whatever the endpoint does not take is dropped unread when the
/// request ends (a 401, a 404, another version by now).
/// </summary>
internal sealed class PlaybackPrefetch : IDisposable
{
    private DecryptingBlobStream? stream;

    private PlaybackPrefetch(PlaybackSessions.PlaybackGrant? grant, DecryptingBlobStream? stream)
    {
        Grant = grant;
        this.stream = stream;
    }

    /// <summary>The request's grant as read (null: none, or not one the vault made), so it is read once per request.</summary>
    public PlaybackSessions.PlaybackGrant? Grant { get; }

    /// <summary>The started download of the grant's content, for the endpoint to own from here on; null when none was started.</summary>
    public DecryptingBlobStream? Take()
    {
        var taken = stream;
        stream = null;
        return taken;
    }

    public void Dispose()
    {
        stream?.Dispose();
        stream = null;
    }

    /// <summary>Starts stream requests' downloads ahead of the pipeline behind it (see <see cref="RecordingsSetup.UsePlaybackPrefetch"/>).</summary>
    public static IApplicationBuilder Register(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsGet(context.Request.Method)
            || context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName != RecordingEndpoints.StreamEndpointName
            || !Guid.TryParse(context.GetRouteValue("id") as string, out var recordingId))
        {
            await next(context);
            return;
        }

        using var prefetch = Start(context, recordingId);
        context.Features.Set(prefetch);
        await next(context);
    });

    private static PlaybackPrefetch Start(HttpContext context, Guid recordingId)
    {
        var playback = context.RequestServices.GetRequiredService<PlaybackSessions>();
        var grant = playback.Read(context.Request.Query["grant"]);
        var range = context.Request.Headers.Range.ToString();
        return playback.ContentToFetch(grant, recordingId) is { } content
            ? new PlaybackPrefetch(grant, OpenRange(context.RequestServices.GetRequiredService<EncryptedBlobStore>(),
                content.BlobName, content.KeyId, content.Length, range, fetch: true, context.RequestAborted))
            : new PlaybackPrefetch(grant, null);
    }

    /// <summary>
    /// A read of the range a request asks of this content, locked until the key is handed over; its download is
    /// started at once when <paramref name="fetch"/> and the range can be served (an unsatisfiable one is answered
    /// 416 without reading).
    /// </summary>
    public static DecryptingBlobStream OpenRange(
        EncryptedBlobStore blobs, string blobName, Guid keyId, long length, string range, bool fetch, CancellationToken cancellationToken)
    {
        var stream = blobs.OpenLocked(blobName, keyId, length, PlaybackSessions.RangeEnd(range, length));
        if (fetch && !PlaybackSessions.Unsatisfiable(range, length))
        {
            stream.Prefetch(PlaybackSessions.RangeStart(range, length), cancellationToken);
        }

        return stream;
    }
}
