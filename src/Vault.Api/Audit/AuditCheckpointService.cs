using Microsoft.Extensions.Options;

namespace Vault.Api.Audit;

/// <summary>
/// Checkpoints the head of the audit chain at start-up and then every <see cref="AuditOptions.CheckpointInterval"/>
/// (on the injected clock), skipping rounds in which the log did not grow. A failed round is logged and retried
/// at the next tick; it never stops the host.
/// </summary>
internal sealed partial class AuditCheckpointService(
    IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditCheckpointService> logger) : BackgroundService
{
    private long? lastSequence;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.CheckpointInterval;
        if (interval <= TimeSpan.Zero)
        {
            LogDisabled(logger);
            return;
        }

        // The timer exists before the first round, so no tick of the clock is missed while that round runs.
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            await WriteOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task WriteOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var writer = scope.ServiceProvider.GetRequiredService<AuditCheckpointWriter>();
            if (await writer.WriteHeadAsync(cancellationToken, lastSequence) is { } checkpoint)
            {
                lastSequence = checkpoint.Sequence;
                LogWritten(logger, checkpoint.Sequence, checkpoint.Blob);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit checkpoints are turned off (Vault:Audit:CheckpointInterval is zero).")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Audit checkpoint written: sequence {Sequence} in {Blob}.")]
    private static partial void LogWritten(ILogger logger, long sequence, string blob);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the audit checkpoint failed; retrying at the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
