using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vault.Retention.Ports;
using Vault.Shared.Time;

namespace Vault.Retention.Scheduling;

/// <summary>
/// Wakes once a day at the configured time (Amsterdam) and does the day's retention work. A failing day is
/// logged and tried again the next day; it never stops the host. Two instances are safe: the lease decides.
/// </summary>
internal sealed partial class RetentionService(IServiceScopeFactory scopes, TimeProvider time, IOptions<RetentionOptions> options, ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ScheduleEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var started = time.GetUtcNow();
            await RunOnceAsync(stoppingToken);

            // The next wake counts from this run's start, not from its end: when the clock passed the next run time
            // while this run worked (a machine resumed from sleep), that run happens at once instead of a day late.
            var wait = started + UntilNextWake(started, options.Value.RunTime) - time.GetUtcNow();
            try
            {
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The time until the next day's <paramref name="runTime"/> in Amsterdam (at least a minute).</summary>
    public static TimeSpan UntilNextWake(DateTimeOffset now, TimeOnly runTime)
    {
        var today = SchoolCalendar.DateInAmsterdam(now);
        var wake = SchoolCalendar.FromAmsterdam(today, runTime);
        if (wake <= now)
        {
            wake = SchoolCalendar.FromAmsterdam(today.AddDays(1), runTime);
        }

        var wait = wake - now;
        return wait < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : wait;
    }

    internal async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (scope.ServiceProvider.GetService<IRetentionCatalog>() is null or UnwiredRetentionCatalog)
            {
                LogNoCatalogue(logger);
                return;
            }

            var report = await scope.ServiceProvider.GetRequiredService<RetentionDuty>().RunDueAsync("system", stoppingToken);
            LogDay(logger, report.Today, report.PreviewPublished, report.Runs.Sum(r => r.DestroyedNow), report.NextYearlyRun);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A background service must survive a failing day; the next wake tries again (runs resume).
        catch (Exception error)
#pragma warning restore CA1031
        {
            LogFailed(logger, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "No IRetentionCatalog is registered: nothing can be destroyed. Register the recordings feature's catalogue.")]
    private static partial void LogNoCatalogue(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention day {Today}: preview published {Preview}, {Destroyed} recordings destroyed; next yearly run {Next}")]
    private static partial void LogDay(ILogger logger, DateOnly today, bool preview, int destroyed, DateOnly next);

    [LoggerMessage(Level = LogLevel.Error, Message = "The retention day's work failed; it is tried again at the next wake")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
