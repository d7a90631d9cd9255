using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;

namespace Vault.Api.Media;

/// <summary>
/// Gives ffmpeg a seekable input that is not a plaintext file: a private HTTP listener on 127.0.0.1 serving the
/// vault's own decrypting stream with range requests. Each exposure has a fresh 256-bit token in its path and
/// lives only while one ffmpeg/ffprobe run needs it; disposing the lease revokes the token. Nothing is written
/// to disk: plaintext exists only in the decrypting stream's buffer, the socket buffers and ffmpeg's memory.
/// </summary>
internal sealed class LoopbackMediaServer(ILogger<LoopbackMediaServer> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Exposure> exposures = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim startGate = new(1, 1);
    private WebApplication? app;
    private Uri? baseAddress;

    /// <summary>Makes <paramref name="open"/> readable by ffmpeg until the returned lease is disposed.</summary>
    public async Task<MediaLease> ExposeAsync(Func<Stream> open, string contentType, CancellationToken cancellationToken)
    {
        var root = await StartAsync(cancellationToken);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        exposures[token] = new Exposure(open, contentType);
        return new MediaLease(new Uri(root, $"m/{token}"), () => exposures.TryRemove(token, out _));
    }

    private async Task<Uri> StartAsync(CancellationToken cancellationToken)
    {
        if (baseAddress is not null)
        {
            return baseAddress;
        }

        await startGate.WaitAsync(cancellationToken);
        try
        {
            if (baseAddress is not null)
            {
                return baseAddress;
            }

            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k =>
            {
                k.Listen(IPAddress.Loopback, 0);
                k.AddServerHeader = false;
            });
            var server = builder.Build();
            server.MapGet("/m/{token}", (string token, HttpContext context) =>
            {
                if (!IPAddress.IsLoopback(context.Connection.RemoteIpAddress ?? IPAddress.None) || !exposures.TryGetValue(token, out var exposure))
                {
                    return Results.NotFound();
                }

                return Results.Stream(exposure.Open(), exposure.ContentType, enableRangeProcessing: true);
            });
            await server.StartAsync(cancellationToken);
            var address = server.Urls.First();
            app = server;
            baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
            logger.LogInformation("Loopback media server listening on {Address}", baseAddress);
            return baseAddress;
        }
        finally
        {
            startGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        startGate.Dispose();
    }

    private sealed record Exposure(Func<Stream> Open, string ContentType);
}

/// <summary>A one-time input URL for ffmpeg; disposing it revokes the token.</summary>
internal sealed class MediaLease(Uri url, Action revoke) : IDisposable
{
    public Uri Url { get; } = url;

    public void Dispose() => revoke();
}
