using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Audit;
using Vault.Api.Data;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Audit;

/// <summary>
/// The verifier reads SQLite through its own scanner (hashing SQLite's bytes) and SQL Server through ADO.NET and
/// <see cref="AuditHasher"/>: on the same rows both must see the same links and the same verdicts, also for rows that
/// were edited in the database.
/// </summary>
public sealed class ChainReaderEquivalenceTests(VaultApiFactory vault) : IClassFixture<VaultApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sqlite_scanner_and_the_portable_reader_agree_on_every_row()
    {
        // Real entries of several kinds: people, policy changes (details JSON), pupils (index rows), user agents.
        await vault.CreateInstituutPrivacyOfficerAsync();
        await vault.ChangePolicyAsync(Arrange.Osh, times: 3);
        var placement = await vault.CreatePlacementAsync();
        await vault.CreateClassAsync(placement, pupils: 4);
        var head = await vault.HeadAsync();

        Assert.All(await BothAsync(head), row => Assert.True(row.Matches, $"entry {row.Sequence}"));

        // Edits a verifier must notice: content, a stored id's text, a link (part of the content too), the stored hash.
        await vault.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE AuditEntries SET ActorName = ActorName || '!' WHERE Sequence = 2", Ct);
            await db.Database.ExecuteSqlRawAsync("UPDATE AuditEntries SET Id = '00000000-0000-0000-0000-000000000001' WHERE Sequence = 3", Ct);
            await db.Database.ExecuteSqlRawAsync("UPDATE AuditEntries SET PreviousHash = PreviousHash || '0' WHERE Sequence = 4", Ct);
            return await db.Database.ExecuteSqlRawAsync("UPDATE AuditEntries SET Hash = upper(Hash) WHERE Sequence = 5", Ct);
        });

        var rows = await BothAsync(head);
        Assert.Equal([2L, 3L, 4L, 5L], rows.Where(r => !r.Matches).Select(r => r.Sequence));
        Assert.Equal(65, rows.Single(r => r.Sequence == 4).PreviousHash.Length);
    }

    /// <summary>Reads the whole log with both readers and returns the rows once they are shown to be equal.</summary>
    private async Task<List<Row>> BothAsync(long head)
    {
        List<Row> scanned = [], portable = [];
        await vault.WithScopeAsync(async services =>
        {
            var reader = new AuditChainReader(services.GetRequiredService<VaultDbContext>());
            await reader.ReadAsync(1, head, (sequence, previous, hash, matches) => Add(scanned, sequence, previous, hash, matches), Ct);
            await reader.ReadPortableAsync(1, head, (sequence, previous, hash, matches) => Add(portable, sequence, previous, hash, matches), Ct);
        });

        Assert.Equal(head, scanned.Count);
        Assert.Equal(portable, scanned);
        return scanned;

        static bool Add(List<Row> rows, long sequence, ReadOnlySpan<byte> previous, ReadOnlySpan<byte> hash, bool matches)
        {
            rows.Add(new Row(sequence, System.Text.Encoding.UTF8.GetString(previous), System.Text.Encoding.UTF8.GetString(hash), matches));
            return true;
        }
    }

    private sealed record Row(long Sequence, string PreviousHash, string Hash, bool Matches);
}
