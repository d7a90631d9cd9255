using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Vault.Api.Data;
using Vault.Shared.Auditing;

namespace Vault.Api.Audit;

/// <summary>
/// Audit entries for high-volume detail that changes nothing else — the ranges a player fetches while seeking — are
/// not committed one request at a time: the request prepares the entry (actor, time, details as they are now) and
/// queues it, and <see cref="DeferredAuditWriter"/> chains the queued entries in batches, a commit per batch instead
/// of one per range. Whatever reads the audit log in this process first waits for what is queued
/// (<see cref="FlushAsync"/>). The access itself (a playback session's start) is never deferred: it is committed
/// before the viewer gets a grant. On a hard crash, the ranges of the last moment (at most one batch, gathered over at
/// most <see cref="AuditOptions.DeferredLinger"/>) are lost; a normal stop writes everything queued.
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

/// <summary>
/// Writes the <see cref="DeferredAudit"/> queue in batches of up to <see cref="BatchSize"/> entries, each batch one
/// chained commit. A batch gathers for up to <see cref="AuditOptions.DeferredLinger"/> after its first entry (a group
/// commit): a player seeking fetches a range every few milliseconds, and a commit per range took about 7 % of the
/// vault's CPU time while seeking (perf, 24 November 2026). A flush (someone reading the log) or a full batch is
/// written at once.
/// </summary>
internal sealed class DeferredAuditWriter(
    DeferredAudit deferred, IServiceScopeFactory scopes, IOptions<AuditOptions> options, ILogger<DeferredAuditWriter> logger) : BackgroundService
{
    public const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await deferred.Reader.WaitToReadAsync(stoppingToken))
            {
                await WriteAvailableAsync(linger: true, stoppingToken);
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
            await WriteAvailableAsync(linger: false, cancellationToken);
        }
    }

    private async Task WriteAvailableAsync(bool linger, CancellationToken cancellationToken)
    {
        List<AuditEntry> batch = [];
        List<TaskCompletionSource> flushed = [];
        // Wall-clock time, not the vault's calendar: how long the entries of this moment may wait in memory.
        var (started, gather) = (TimeProvider.System.GetTimestamp(), linger ? options.Value.DeferredLinger : TimeSpan.Zero);
        while (true)
        {
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

            var left = gather - TimeProvider.System.GetElapsedTime(started);
            if (flushed.Count > 0 || batch.Count >= BatchSize || left <= TimeSpan.Zero || !await MoreWithinAsync(left, cancellationToken))
            {
                break;
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

    /// <summary>Whether another entry (or a flush) arrives within <paramref name="wait"/>; false at the deadline or when stopping.</summary>
    private async Task<bool> MoreWithinAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        deadline.CancelAfter(wait);
        try
        {
            return await deferred.Reader.WaitToReadAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            return false; // the batch is written now; a stop writes the rest in StopAsync
        }
    }
}
