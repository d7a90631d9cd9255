using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Hosting;

namespace Vault.Api.Data;

public static class DatabaseSetup
{
    public static IServiceCollection AddVaultDatabase(this IServiceCollection services, VaultOptions options, string dataDirectory)
    {
        switch (options.Database.Provider)
        {
            case "Sqlite":
                var connectionString = SqliteConnectionString(options.Database.ConnectionString, dataDirectory);
                services.AddDbContextPool<VaultDbContext, SqliteVaultDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(new NoCheckpointInCommit()));
                services.AddSingleton(sp => new SqliteCheckpointer(connectionString, sp.GetRequiredService<ILogger<SqliteCheckpointer>>()));
                services.AddHostedService(sp => sp.GetRequiredService<SqliteCheckpointer>());
                break;
            case "SqlServer":
                if (string.IsNullOrWhiteSpace(options.Database.ConnectionString))
                {
                    throw new InvalidOperationException("Vault:Database:ConnectionString is required for the SqlServer provider.");
                }

                services.AddDbContextPool<VaultDbContext, SqlServerVaultDbContext>(o => o.UseSqlServer(
                    options.Database.ConnectionString,
                    sql => sql.EnableRetryOnFailure(maxRetryCount: 5)));
                break;
            default:
                throw new InvalidOperationException($"Vault:Database:Provider '{options.Database.Provider}' is not supported; use Sqlite or SqlServer.");
        }

        return services;
    }

    public static string SqliteConnectionString(string? configured, string dataDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? $"Data Source={Path.Combine(dataDirectory, "vault.db")}" : configured)
        {
            // Writers wait for each other instead of failing at once (Microsoft.Data.Sqlite retries SQLITE_BUSY until the timeout).
            DefaultTimeout = 30,
            Pooling = true,
        };
        return builder.ToString();
    }

    /// <summary>
    /// Applies this build's pending migrations, after checking that the database's history holds none that this build
    /// does not know: a database made by another migration history (an older development build, or a newer release)
    /// would otherwise fail half-way with "table … already exists", or be changed by migrations it never had.
    /// </summary>
    internal static async Task MigrateAsync(VaultDbContext db, CancellationToken cancellationToken)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            var where = db.Database.IsSqlite()
                ? $"The SQLite database {Path.GetFullPath(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource)}"
                : "The database";
            throw new InvalidOperationException(
                $"{where} was migrated by a build this one does not know (applied migrations not in this build: {string.Join(", ", unknown)}). " +
                "Nothing was changed. If it holds only development data (made before the migrations were regenerated), move it aside or delete it " +
                "with its -wal and -shm files, and start again; otherwise run the build that made it, or restore a backup made by this one.");
        }

        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>Migrates (when configured) and prepares the database: WAL mode for SQLite so readers do not block the writer.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, bool migrate, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
        BulkInsertion.Validate(db.Model);
        if (db.Database.IsSqlite())
        {
            var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(source));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        if (migrate)
        {
            await MigrateAsync(db, cancellationToken);
        }

        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
