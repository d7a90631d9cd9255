using System.Collections.Concurrent;
using System.Data.Common;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Vault.Api.Tests.Recordings;

/// <summary>The recordings vault with its storage requests and its recording lookups observed.</summary>
public sealed class ObservedVault : RecordingsVault
{
    public StorageRequests Storage { get; } = new();

    public RecordingLookups Lookups { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ReplaceDependencies(builder, options => options.AddPolicy(Storage, HttpPipelinePosition.PerRetry), Lookups);
    }
}

/// <summary>Every request the vault sends to storage (method, path and query), and when it next asks to read a given blob.</summary>
public sealed class StorageRequests : HttpPipelinePolicy
{
    private readonly Lock gate = new();
    private readonly ConcurrentQueue<(string Method, string Path, string Query)> sent = new();
    private (string Blob, TaskCompletionSource Asked)? expected;

    /// <summary>The requests so far whose path contains <paramref name="fragment"/>.</summary>
    public IReadOnlyList<(string Method, string Path, string Query)> To(string fragment) =>
        [.. sent.Where(r => r.Path.Contains(fragment, StringComparison.Ordinal))];

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
        sent.Enqueue((message.Request.Method.Method, message.Request.Uri.Path, message.Request.Uri.Query));
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
