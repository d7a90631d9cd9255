using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Data;
using Vault.Consent.Registry;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Data;

/// <summary>
/// SQLite's write-ahead log is copied back into the database file by the vault's background checkpointer, not inside
/// the commit of whichever request takes the log past 1,000 pages.
/// </summary>
public sealed class SqliteCheckpointerTests(VaultApiFactory vault) : IClassFixture<VaultApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_commit_never_checkpoints_and_the_checkpointer_copies_the_whole_log_back()
    {
        var inCommit = await vault.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync(Ct);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA wal_autocheckpoint;";
            return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
        });
        Assert.Equal(0, inCommit);

        // Some 1,500 pages of writes: past SQLite's own threshold, so the log holds them until a checkpoint.
        var school = await vault.CreateSchoolLocationAsync(Arrange.Osr);
        var now = vault.Time.GetUtcNow();
        await vault.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<VaultDbContext>();
            db.Pupils.AddRange(Enumerable.Range(0, 20_000).Select(i => new Pupil
            {
                Id = Guid.CreateVersion7(now), SchoolLocationId = school, PupilNumber = $"{i}", Name = $"Leerling {i} {new string('x', 200)}", BirthDate = new DateOnly(2013, 1, 1), CreatedAt = now,
            }));
            await db.SaveChangesAsync(Ct);
        });

        var checkpointer = vault.Services.GetRequiredService<SqliteCheckpointer>();
        var (log, copied) = await checkpointer.CheckpointAsync(Ct);
        for (var attempt = 0; (log < 0 || copied < log) && attempt < 50; attempt++)
        {
            // -1: the vault's own background checkpoint was under way; or a reader on an older snapshot held back part
            // of the log. The next passive checkpoint takes it.
            await Task.Delay(20, Ct);
            (log, copied) = await checkpointer.CheckpointAsync(Ct);
        }

        Assert.True(log > 1_000, $"the log held {log} pages");
        Assert.Equal(log, copied);
    }
}
