using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vault.Retention.Data;

namespace Vault.Retention.Erasure;

/// <summary>
/// Destroys marked erasure recordings as soon as an order is saved (<see cref="ErasureSignal"/>), and once at
/// start-up for orders a stopped instance left. The signal comes from EF Core's <c>SavedChanges</c>, which fires
/// before the caller's own transaction commits; a signalled request whose marks are not visible yet is looked for
/// again every <see cref="Recheck"/> for up to <see cref="MaxRechecks"/> times (a rolled-back order never appears).
/// The day's retention work also looks, so nothing waits for a signal that was lost in a crash.
/// </summary>
internal sealed partial class ErasureWorker(ErasureSignal signal, IServiceScopeFactory scopes, ILogger<ErasureWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(250);
    private const int MaxRechecks = 120;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var waiting = new Dictionary<Guid, int>();
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var id in signal.Drain())
            {
                waiting.TryAdd(id, 0);
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<IRetentionDb>();
                var expected = waiting.Keys.ToList();
                var visible = expected.Count == 0 ? [] : await db.ErasureMarks.AsNoTracking().Where(m => expected.Contains(m.RequestId))
                    .Select(m => m.RequestId).Distinct().ToListAsync(stoppingToken);
                foreach (var id in expected.Where(id => visible.Contains(id) || ++waiting[id] > MaxRechecks))
                {
                    waiting.Remove(id);
                }

                await scope.ServiceProvider.GetRequiredService<ErasureExecution>().RunPendingAsync("erasure-worker", stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogFailed(logger, error);
            }

            try
            {
                if (waiting.Count > 0)
                {
                    await Task.Delay(Recheck, stoppingToken);
                }
                else
                {
                    await signal.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Destroying erasure recordings failed; the next order or the day's retention work tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
