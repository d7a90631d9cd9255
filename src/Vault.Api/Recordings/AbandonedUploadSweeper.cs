using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vault.Api.Data;
using Vault.Shared.Auditing;

namespace Vault.Api.Recordings;

/// <summary>
/// An upload without activity for <see cref="RecordingOptions.AbandonAfter"/> expires: its bytes are removed and its key
/// destroyed. Each sweep also runs the <see cref="OrphanBlobSweep"/> (recording blobs whose record was never saved).
/// </summary>
internal sealed class AbandonedUploadSweeper(
    IServiceScopeFactory scopes, OrphanBlobSweep orphans, TimeProvider time, IOptions<RecordingOptions> options, ILogger<AbandonedUploadSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
                await SweepOrphansAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Sweeping abandoned uploads failed; trying again at the next interval");
            }
        }
    }

    /// <summary>Expires the uploads past their time; returns how many this sweep expired.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<Guid> expired;
        await using (var scope = scopes.CreateAsyncScope())
        {
            expired = await scope.ServiceProvider.GetRequiredService<VaultDbContext>().Set<UploadSession>().AsNoTracking()
                .Where(ExpiredAt(now)).Select(u => u.Id).ToListAsync(cancellationToken);
        }

        var count = 0;
        foreach (var id in expired)
        {
            count += await ExpireAsync(id, now, cancellationToken) ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// One upload, in its own unit of work. Another sweep (this vault's timer while an operator sweeps, or another
    /// instance) or the upload's own student may change it between the read and the write; its version then refuses the
    /// write, and the upload is left to whoever changed it instead of failing the rest of the sweep.
    /// </summary>
    private async Task<bool> ExpireAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
        var session = await db.Set<UploadSession>().Where(u => u.Id == id).Where(ExpiredAt(now)).SingleOrDefaultAsync(cancellationToken);
        if (session is null)
        {
            return false;
        }

        scope.ServiceProvider.GetRequiredService<IAuditTrail>().Record(new AuditEvent(AuditActions.UploadExpired, "Upload", session.Id.ToString())
        {
            Details = new { received = session.Received },
            SystemActor = nameof(AbandonedUploadSweeper),
        });
        try
        {
            await scope.ServiceProvider.GetRequiredService<UploadStaging>().DiscardAsync(db, session, UploadStatus.Expired, null, cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogInformation("Upload {UploadId} changed while it was being expired; left to whoever changed it", id);
            return false;
        }
    }

    private static System.Linq.Expressions.Expression<Func<UploadSession, bool>> ExpiredAt(DateTimeOffset now) =>
        u => (u.Status == UploadStatus.Open || u.Status == UploadStatus.Completing) && u.ExpiresAt <= now;

    public async Task<int> SweepOrphansAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await orphans.SweepAsync(scope.ServiceProvider.GetRequiredService<VaultDbContext>(), cancellationToken);
    }
}
