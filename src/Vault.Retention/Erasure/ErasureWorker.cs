using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Vault.Retention.Erasure;

/// <summary>
/// Destroys marked erasure recordings as soon as an order is saved (<see cref="ErasureSignal"/>), and once at
/// start-up for orders a stopped instance left. The day's retention work also looks, so nothing waits for a signal
/// that was lost in a crash.
/// </summary>
internal sealed partial class ErasureWorker(ErasureSignal signal, IServiceScopeFactory scopes, ILogger<ErasureWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ErasureExecution>().RunPendingAsync("erasure-worker", stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogFailed(logger, error);
            }

            try
            {
                await signal.WaitAsync(stoppingToken);
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
