using System.Data.Common;
using Azure;
using Microsoft.Data.Sqlite;
using Vault.Shared.Problems;

namespace Vault.Api.Hosting;

/// <summary>
/// Tells a dependency that is down (blob storage unreachable or answering 5xx, a transient database error) from a
/// bug: the request is answered 503 with Retry-After, the client tries again later (an upload resumes from its offset).
/// </summary>
internal static class Unavailable
{
    public static readonly ProblemKind Storage = new("storage-unavailable", 503, "De opslag is tijdelijk niet bereikbaar; probeer het zo opnieuw", "Storage is temporarily unavailable; try again shortly");
    public static readonly ProblemKind Database = new("database-unavailable", 503, "De database is tijdelijk niet bereikbaar; probeer het zo opnieuw", "The database is temporarily unavailable; try again shortly");

    /// <summary>Azurite's answer (409) when its store is full: the storage cannot take the bytes now, which is not the client's fault.</summary>
    public const string StorageFull = "MemoryExtentStoreAtSizeLimit";

    /// <summary>Seconds a client should wait before trying again.</summary>
    public const int RetryAfterSeconds = 30;

    public static ProblemKind? Classify(Exception exception) =>
        Chain(exception).Any(e => e is RequestFailedException { Status: 0 or >= 500 } or RequestFailedException { ErrorCode: StorageFull }) ? Storage
        : Chain(exception).Any(IsDatabaseDown) ? Database
        : null;

    // SQLite: busy or locked past the busy timeout, I/O error, disk full, cannot open. SQL Server: its own IsTransient, or
    // EF's retrying execution strategy giving up.
    private static bool IsDatabaseDown(Exception e) =>
        e is DbException { IsTransient: true } or SqliteException { SqliteErrorCode: 5 or 6 or 10 or 13 or 14 }
            or Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException;

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var e))
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (e.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
