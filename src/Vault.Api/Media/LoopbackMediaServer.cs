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
        var exposure = new Exposure(open, contentType);
        exposures[token] = exposure;
        return new MediaLease(new Uri(root, $"m/{token}"), () => exposures.TryRemove(token, out _), exposure);
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

                try
                {
                    return Results.Stream(new WatchedStream(exposure.Open(), exposure), exposure.ContentType, enableRangeProcessing: true);
                }
                catch (Exception ex)
                {
                    exposure.Fault ??= ex;
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                }
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

    internal sealed class Exposure(Func<Stream> open, string contentType)
    {
        public Func<Stream> Open { get; } = open;

        public string ContentType { get; } = contentType;

        /// <summary>The first failure of the source itself (storage unreachable), as opposed to what ffmpeg makes of the bytes.</summary>
        public Exception? Fault { get; set; }
    }

    /// <summary>Notes a read failure of the source, so a media tool's error is not blamed on the file.</summary>
    private sealed class WatchedStream(Stream inner, Exposure exposure) : Stream
    {
        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override int Read(byte[] buffer, int offset, int count) => Watch(() => inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await inner.ReadAsync(buffer, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                exposure.Fault ??= ex;
                throw;
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => Watch(() => inner.Seek(offset, origin));

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private T Watch<T>(Func<T> read)
        {
            try
            {
                return read();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                exposure.Fault ??= ex;
                throw;
            }
        }
    }
}

/// <summary>A one-time input URL for ffmpeg; disposing it revokes the token.</summary>
internal sealed class MediaLease(Uri url, Action revoke, LoopbackMediaServer.Exposure? exposure = null) : IDisposable
{
    public Uri Url { get; } = url;

    /// <summary>Rethrows the source's own failure (storage unreachable while ffmpeg read), if there was one.</summary>
    public void ThrowIfSourceFailed()
    {
        if (exposure?.Fault is { } fault)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(fault);
        }
    }

    public void Dispose() => revoke();
}
