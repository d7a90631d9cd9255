using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Vault.Api.Data;
using Vault.Api.Recordings;
using Vault.Api.Tests.Viewing;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Recordings;

/// <summary>
/// A player's range is on its way from storage before the vault has looked the recording up: the grant names the
/// content, so the download does not wait for the database (or for the caller's sign-in).
/// </summary>
public sealed class PlaybackPrefetchTests(ObservedVault vault) : IClassFixture<ObservedVault>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_ranges_download_is_asked_for_before_the_recording_is_looked_up()
    {
        var (world, recording) = await vault.RecordedPlacementAsync();
        var blobName = await vault.WithDbAsync(db => db.Set<Recording>().Where(r => r.Id == recording.Id).Select(r => r.Content.BlobName).SingleAsync(Ct));
        using var io = vault.SignInAs(world.Io);
        var grant = await io.StartPlaybackAsync(recording.Id);
        var full = await io.GetByteArrayAsync(grant.StreamUrl, Ct);

        // The recording's lookup is held until storage has been asked for its blob (at most ten seconds): with the
        // download started only after the lookup, it would wait in vain.
        var lookup = vault.Lookups.Hold(recording.Id, vault.Storage.NextGet(blobName), TimeSpan.FromSeconds(10));
        using var request = new HttpRequestMessage(HttpMethod.Get, grant.StreamUrl);
        request.Headers.Range = new RangeHeaderValue(1000, 1999);
        using var response = await io.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(full.AsSpan(1000, 1000).ToArray(), await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.True(lookup.IsCompleted, "the recording was not looked up during the request");
        Assert.True(await lookup, "the recording was looked up before its range was asked of storage");
    }
}

/// <summary>The recordings vault with its storage requests and its recording lookups observed.</summary>
public sealed class ObservedVault : RecordingsVault
{
    public StorageGets Storage { get; } = new();

    public RecordingLookups Lookups { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<BlobServiceClient>();
            services.AddSingleton(_ =>
            {
                var options = new BlobClientOptions();
                options.AddPolicy(Storage, HttpPipelinePosition.PerRetry);
                return new BlobServiceClient(Azurite.ConnectionString, options);
            });
            services.ConfigureDbContext<SqliteVaultDbContext>(o => o.AddInterceptors(Lookups));
        });
    }
}

/// <summary>Tells when storage is next asked to read a given blob.</summary>
public sealed class StorageGets : HttpPipelinePolicy
{
    private readonly Lock gate = new();
    private (string Blob, TaskCompletionSource Asked)? expected;

    /// <summary>Completes when the next GET of <paramref name="blobName"/> goes to storage.</summary>
    public Task NextGet(string blobName)
    {
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            expected = (blobName, asked);
        }

        return asked.Task;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Saw(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Saw(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Saw(HttpMessage message)
    {
        lock (gate)
        {
            if (expected is { } wanted && message.Request.Method == RequestMethod.Get && message.Request.Uri.Path.EndsWith("/" + wanted.Blob, StringComparison.Ordinal))
            {
                expected = null;
                wanted.Asked.TrySetResult();
            }
        }
    }
}

/// <summary>Holds a recording's next lookup until something has happened, and says whether it had.</summary>
public sealed class RecordingLookups : DbCommandInterceptor
{
    private readonly Lock gate = new();
    private (string Id, Task Awaited, TimeSpan AtMost, TaskCompletionSource<bool> Outcome)? hold;

    /// <summary>
    /// The next query of the Recordings table with <paramref name="recordingId"/> as a parameter waits for
    /// <paramref name="until"/> (at most <paramref name="atMost"/>); the result is whether it had happened by then.
    /// </summary>
    public Task<bool> Hold(Guid recordingId, Task until, TimeSpan atMost)
    {
        var outcome = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            hold = (recordingId.ToString(), until, atMost, outcome);
        }

        return outcome.Task;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (Take(command) is { } held)
        {
            var happened = await Task.WhenAny(held.Awaited, Task.Delay(held.AtMost, cancellationToken)) == held.Awaited;
            held.Outcome.TrySetResult(happened);
        }

        return result;
    }

    private (string Id, Task Awaited, TimeSpan AtMost, TaskCompletionSource<bool> Outcome)? Take(DbCommand command)
    {
        lock (gate)
        {
            if (hold is not { } held
                || !command.CommandText.Contains("FROM \"Recordings\"", StringComparison.Ordinal)
                || !command.Parameters.Cast<DbParameter>().Any(p => string.Equals(p.Value?.ToString(), held.Id, StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }

            hold = null;
            return held;
        }
    }
}
