using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Vault.Api.Data;
using Xunit;

namespace Vault.Api.Tests.Data;

/// <summary>
/// SQL Server cannot run here: its migrations are checked as a generated script. SQLite's are applied for real.
/// </summary>
public sealed class MigrationTests
{
    private static SqlServerVaultDbContext SqlServer() => new(new DbContextOptionsBuilder<SqlServerVaultDbContext>()
        .UseSqlServer("Server=unused;Database=MediaVault;Integrated Security=true;TrustServerCertificate=true").Options);

    private static SqliteVaultDbContext Sqlite(string source = ":memory:") => new(new DbContextOptionsBuilder<SqliteVaultDbContext>()
        .UseSqlite($"Data Source={source}").Options);

    [Fact]
    public void The_SQL_Server_migration_script_is_generated_for_every_migration()
    {
        using var db = SqlServer();
        var migrations = db.Database.GetMigrations().ToList();
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.NotEmpty(migrations);
        foreach (var migration in migrations)
        {
            Assert.Contains($"N'{migration}'", script, StringComparison.Ordinal);
        }

        Assert.Contains("CREATE TABLE [AuditEntries]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [Placements]", script, StringComparison.Ordinal);
        Assert.Contains("[Version] uniqueidentifier NOT NULL", script, StringComparison.Ordinal);

        var folder = Path.Combine(Vault.Testing.RepositoryRoot.Path, "artifacts");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "sqlserver-migrations.sql"), script);
    }

    [Fact]
    public void The_SQL_Server_migrations_match_the_model()
    {
        using var db = SqlServer();
        Assert.False(db.Database.HasPendingModelChanges(), "The SQL Server model has changes without a migration: run dotnet ef migrations add for SqlServerVaultDbContext.");
    }

    [Fact]
    public void The_SQLite_migrations_match_the_model()
    {
        using var db = Sqlite();
        Assert.False(db.Database.HasPendingModelChanges(), "The SQLite model has changes without a migration: run dotnet ef migrations add for SqliteVaultDbContext.");
    }

    [Fact]
    public Task The_SQLite_migrations_apply_to_an_empty_database_and_seed_the_fourteen_opleidingsscholen() =>
        WithTemporaryDatabaseAsync("migrate", async file =>
        {
            await using var db = Sqlite(file);
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
            var schools = await db.Opleidingsscholen.ToListAsync(TestContext.Current.CancellationToken);

            Assert.Equal(14, schools.Count);
            Assert.Equal(["4OLS", "HOS", "NOD", "OSH"], schools.Where(s => s.IsHaagse).Select(s => s.Code).Order(StringComparer.Ordinal));
            Assert.All(schools.Where(s => s.IsHaagse), s => Assert.True(s.Policy.ClosedEnvironmentRules));
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        });

    [Fact]
    public Task A_database_migrated_by_a_history_this_build_does_not_know_is_refused_with_what_to_do_and_left_as_it_was() =>
        WithTemporaryDatabaseAsync("stale", async file =>
        {
            await using (var db = Sqlite(file))
            {
                // As a development build from before the migrations were regenerated left it: its own migration ids.
                await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
                await db.Database.ExecuteSqlRawAsync(
                    "UPDATE \"__EFMigrationsHistory\" SET \"MigrationId\" = '20251101000000_' || \"MigrationId\"", TestContext.Current.CancellationToken);
            }

            await using (var db = Sqlite(file))
            {
                var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => DatabaseSetup.MigrateAsync(db, TestContext.Current.CancellationToken));

                Assert.Contains(file, refused.Message, StringComparison.Ordinal);
                Assert.Contains("20251101000000_", refused.Message, StringComparison.Ordinal);
                Assert.Contains("Nothing was changed", refused.Message, StringComparison.Ordinal);
                Assert.All(await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken), m => Assert.StartsWith("20251101000000_", m, StringComparison.Ordinal));
            }
        });

    /// <summary>Runs <paramref name="test"/> on a fresh SQLite file in the temp folder, deleted afterwards (pools cleared first).</summary>
    private static async Task WithTemporaryDatabaseAsync(string name, Func<string, Task> test)
    {
        var file = Path.Combine(Path.GetTempPath(), $"mediavault-{name}-{Guid.NewGuid():N}.db");
        try
        {
            await test(file);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
