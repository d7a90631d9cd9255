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

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
        var staging = scope.ServiceProvider.GetRequiredService<UploadStaging>();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
        var now = time.GetUtcNow();
        var expired = await db.Set<UploadSession>()
            .Where(u => (u.Status == UploadStatus.Open || u.Status == UploadStatus.Completing) && u.ExpiresAt <= now)
            .ToListAsync(cancellationToken);
        foreach (var session in expired)
        {
            audit.Record(new AuditEvent(AuditActions.UploadExpired, "Upload", session.Id.ToString())
            {
                Details = new { received = session.Received },
                SystemActor = nameof(AbandonedUploadSweeper),
            });
            await staging.DiscardAsync(db, session, UploadStatus.Expired, null, cancellationToken);
        }

        return expired.Count;
    }

    public async Task<int> SweepOrphansAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await orphans.SweepAsync(scope.ServiceProvider.GetRequiredService<VaultDbContext>(), cancellationToken);
    }
}
