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
                services.AddDbContextPool<VaultDbContext, SqliteVaultDbContext>(o => o.UseSqlite(connectionString));
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
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
