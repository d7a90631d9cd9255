using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Vault.Api.Recordings;
using Vault.Api.Tests.Recordings;

namespace Vault.Api.Tests.Reliability;

/// <summary>
/// The recordings vault with switchable faults in its real dependencies: blob storage that stops answering (in the
/// Azure SDK's own pipeline, so the vault sees exactly what a stopped Azurite gives after the SDK's retries) and a
/// database that fails the save of a new recording once.
/// </summary>
public sealed class FaultyVault : RecordingsVault
{
    public StorageOutage Storage { get; } = new();

    public DatabaseOutage Database { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ReplaceDependencies(builder, options =>
        {
            options.Retry.MaxRetries = 2;
            options.Retry.Delay = TimeSpan.FromMilliseconds(20);
            options.AddPolicy(Storage, HttpPipelinePosition.PerRetry);
        }, Database);
    }
}

/// <summary>Storage that goes down after a number of requests (or at once), like a stopped Azurite: connection refused.</summary>
public sealed class StorageOutage : HttpPipelinePolicy
{
    private long allowed = long.MaxValue;

    /// <summary>Requests that went through while storage was up.</summary>
    public long Served { get; private set; }

    public void StopAfter(long requests) => Interlocked.Exchange(ref allowed, requests);

    public void Restore() => Interlocked.Exchange(ref allowed, long.MaxValue);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Pass();
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Pass();
        return ProcessNextAsync(message, pipeline);
    }

    private void Pass()
    {
        if (Interlocked.Decrement(ref allowed) < 0)
        {
            Interlocked.Exchange(ref allowed, 0);
            // What Azure.Core's HttpClientTransport throws when nothing listens on the port.
            throw new RequestFailedException("Connection refused (127.0.0.1)", new HttpRequestException("Connection refused (127.0.0.1)"));
        }

        Served++;
    }
}

/// <summary>The database failing once when a new recording's row is saved — after its blob was written.</summary>
public sealed class DatabaseOutage : SaveChangesInterceptor
{
    private int failNext;

    public void FailNextRecordingSave() => Interlocked.Exchange(ref failNext, 1);

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context!.ChangeTracker.Entries<Recording>().Any(e => e.State == EntityState.Added) && Interlocked.Exchange(ref failNext, 0) == 1)
        {
            throw new SqliteException("SQLite Error 5: 'database is locked'.", 5);
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}
