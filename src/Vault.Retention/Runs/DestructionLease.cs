using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vault.Retention.Data;

namespace Vault.Retention.Runs;

/// <summary>
/// The database lease that lets one instance at a time run destructions. Chosen over an Azure blob lease because
/// the run's own bookkeeping lives in the same database: one store to reason about, the same code on SQLite and
/// SQL Server, and the operator command needs nothing but the database. Each step is a single conditional UPDATE,
/// so two instances can never both believe they hold it; a crashed holder's lease simply expires.
/// </summary>
internal sealed class DestructionLease(IRetentionDb db, TimeProvider time, IOptions<RetentionOptions> options)
{
    private readonly LeaseOptions lease = options.Value.Lease;

    /// <summary>A unique owner per attempt: this machine and process, and a fresh id (two runs in one process are two owners).</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Takes the lease if nobody holds an unexpired one; returns whether this owner now holds it.</summary>
    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expires = now + lease.Duration;
        var owner = Owner;
        var taken = await db.RetentionLeases
            .Where(l => l.Name == RetentionLease.Destruction && (l.Owner == null || l.ExpiresAt == null || l.ExpiresAt <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, owner).SetProperty(l => l.AcquiredAt, now).SetProperty(l => l.ExpiresAt, expires), cancellationToken);
        return taken == 1;
    }

    /// <summary>Waits up to the configured time for the lease, trying again every poll interval.</summary>
    public async Task<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        var giveUpAt = time.GetUtcNow() + lease.Wait;
        while (true)
        {
            if (await TryAcquireAsync(cancellationToken))
            {
                return true;
            }

            if (time.GetUtcNow() >= giveUpAt)
            {
                return false;
            }

            await Task.Delay(lease.PollInterval, time, cancellationToken);
        }
    }

    /// <summary>Extends the lease; false when it was lost (expired and taken by someone else): stop working at once.</summary>
    public async Task<bool> RenewAsync(CancellationToken cancellationToken)
    {
        var expires = time.GetUtcNow() + lease.Duration;
        var owner = Owner;
        var renewed = await db.RetentionLeases
            .Where(l => l.Name == RetentionLease.Destruction && l.Owner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, expires), cancellationToken);
        return renewed == 1;
    }

    public async Task ReleaseAsync()
    {
        var owner = Owner;
        await db.RetentionLeases
            .Where(l => l.Name == RetentionLease.Destruction && l.Owner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, (string?)null).SetProperty(l => l.ExpiresAt, (DateTimeOffset?)null), CancellationToken.None);
    }

    /// <summary>Who holds the lease now, and until when (for the report of a skipped run).</summary>
    public async Task<(string? Owner, DateTimeOffset? ExpiresAt)> HolderAsync(CancellationToken cancellationToken)
    {
        var row = await db.RetentionLeases.AsNoTracking().FirstAsync(l => l.Name == RetentionLease.Destruction, cancellationToken);
        return (row.Owner, row.ExpiresAt);
    }
}

/// <summary>The lease was lost mid-run (it expired and another instance took it): this instance stops.</summary>
internal sealed class LeaseLostException() : Exception("The destruction lease was lost; another instance took over.");
