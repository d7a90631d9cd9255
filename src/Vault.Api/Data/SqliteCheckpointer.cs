using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Vault.Api.Data;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file (a checkpoint) in the background. By default SQLite does
/// that inside the commit that takes the log past 1,000 pages; an upload decision writes about 100 pages (its presence
/// list and audit pupil rows land on a page per pupil), so every tenth decision waited 3–5 ms for a checkpoint
/// (measured 24 November 2026). The vault's connections leave checkpoints to this service, which runs a passive one
/// (it never waits for, or blocks, readers and writers) every <see cref="Interval"/> and once more when the vault stops.
/// </summary>
internal sealed partial class SqliteCheckpointer(string connectionString, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    /// <summary>Wall-clock time, not the vault's calendar: the log grows with the machine's work.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>A log this long means it cannot start over (a reader holding an old snapshot): worth a warning.</summary>
    private const long LongLogPages = 100_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await TryCheckpointAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync runs the last checkpoint.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await TryCheckpointAsync(cancellationToken);
    }

    /// <summary>
    /// Runs one passive checkpoint; returns the log's length in pages and how many of them are now in the database file,
    /// both -1 when none ran: another checkpoint was under way (SQLite reports it busy), or the database is not in WAL mode.
    /// </summary>
    public async Task<(long LogPages, long Checkpointed)> CheckpointAsync(CancellationToken cancellationToken)
    {
        // Never creates the file: a vault whose database went away must not leave an empty one behind.
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(1), reader.GetInt64(2)) : (0, 0);
    }

    private async Task TryCheckpointAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (log, _) = await CheckpointAsync(cancellationToken);
            if (log > LongLogPages)
            {
                LogLongLog(log);
            }
        }
        catch (SqliteException ex)
        {
            // Busy or locked: the next interval tries again; nothing is lost while the log is longer.
            LogCheckpointFailed(ex);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping (or gave up waiting): the log stays as it is, and SQLite reads it on the next start.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite's write-ahead log holds {Pages} pages and has not started over; a long-running reader may be holding it")]
    private partial void LogLongLog(long pages);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SQLite checkpoint did not run; trying again at the next interval")]
    private partial void LogCheckpointFailed(Exception exception);
}

/// <summary>Turns SQLite's in-commit checkpoints off on every connection the vault's contexts open (see <see cref="SqliteCheckpointer"/>).</summary>
internal sealed class NoCheckpointInCommit : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Disable(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Disable(connection);
        return Task.CompletedTask;
    }

    // A native call on the open handle, no statement: it costs nothing per request. Pooled handles keep it.
    private static void Disable(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            SQLitePCL.raw.sqlite3_wal_autocheckpoint(handle, 0);
        }
    }
}
