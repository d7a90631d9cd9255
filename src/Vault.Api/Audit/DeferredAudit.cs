using System.Threading.Channels;
using Vault.Api.Data;
using Vault.Shared.Auditing;

namespace Vault.Api.Audit;

/// <summary>
/// Audit entries for high-volume detail that changes nothing else — the ranges a player fetches while seeking — are
/// not committed one request at a time: the request prepares the entry (actor, time, details as they are now) and
/// queues it, and <see cref="DeferredAuditWriter"/> chains the queued entries in batches, a commit per batch instead
/// of one per range. Whatever reads the audit log in this process first waits for what is queued
/// (<see cref="FlushAsync"/>). The access itself (a playback session's start) is never deferred: it is committed
/// before the viewer gets a grant. On a hard crash, the ranges of the last moment (at most one batch) are lost;
/// a normal stop writes everything queued.
/// </summary>
public sealed class DeferredAudit
{
    // Bounded: when the database cannot keep up, requests wait for room instead of entries being dropped.
    private readonly Channel<Pending> queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(10_000) { SingleReader = true });

    internal ChannelReader<Pending> Reader => queue.Reader;

    private int unwritten;

    internal async ValueTask EnqueueAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref unwritten);
        await queue.Writer.WriteAsync(new Pending(entry, null), cancellationToken);
    }

    /// <summary>Called by the writer for the entries it has put in the log.</summary>
    internal void Written(int count) => Interlocked.Add(ref unwritten, -count);

    /// <summary>
    /// Completes once every entry queued before the call is in the log; at once when nothing is queued (also where no
    /// writer runs, e.g. an operator command).
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref unwritten) == 0)
        {
            return;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await queue.Writer.WriteAsync(new Pending(null, done), cancellationToken);
        await done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>An entry to write, or a flush marker completed once everything before it is written.</summary>
    internal sealed record Pending(AuditEntry? Entry, TaskCompletionSource? Flushed);
}

/// <summary>Writes the <see cref="DeferredAudit"/> queue in batches of up to <see cref="BatchSize"/> entries, each batch one chained commit.</summary>
internal sealed class DeferredAuditWriter(DeferredAudit deferred, IServiceScopeFactory scopes, ILogger<DeferredAuditWriter> logger) : BackgroundService
{
    public const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await deferred.Reader.WaitToReadAsync(stoppingToken))
            {
                await WriteAvailableAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        while (deferred.Reader.TryPeek(out _))
        {
            await WriteAvailableAsync(cancellationToken);
        }
    }

    private async Task WriteAvailableAsync(CancellationToken cancellationToken)
    {
        List<AuditEntry> batch = [];
        List<TaskCompletionSource> flushed = [];
        while (batch.Count < BatchSize && deferred.Reader.TryRead(out var pending))
        {
            if (pending.Entry is { } entry)
            {
                batch.Add(entry);
            }
            else
            {
                flushed.Add(pending.Flushed!);
            }
        }

        for (var attempt = 1; batch.Count > 0; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
                db.AuditEntries.AddRange(batch);
                await db.SaveChangesAsync(CancellationToken.None);
                deferred.Written(batch.Count);
                break;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested || attempt < 3)
            {
                // The database is down: keep the batch and try again (the queue fills and requests wait meanwhile).
                // The next attempt chains the batch again onto the head as it is then.
                logger.LogWarning(ex, "Writing {Count} deferred audit entries failed (attempt {Attempt}); retrying.", batch.Count, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 10)), CancellationToken.None);
            }
        }

        flushed.ForEach(f => f.TrySetResult());
    }
}
