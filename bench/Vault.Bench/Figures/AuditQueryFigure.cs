using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Shared.Identity;

namespace Vault.Bench.Figures;

/// <summary>
/// The privacy officer's questions on a large audit log: 1M chained events (10k with --quick), each naming a
/// recording and two pupils, seeded straight into the vault's SQLite file before the vault starts; then
/// GET /api/privacy/pupils/{id} and GET /api/privacy/events?recordingId= over HTTP for random pupils and recordings.
/// </summary>
public sealed class AuditQueryFigure : IBenchFigure
{
    public string Name => "audit-query";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var count = options.Quick ? 10_000 : 1_000_000;
        var queries = options.Quick ? 30 : 200;
        var pupils = Enumerable.Range(0, 10_000).Select(_ => Guid.NewGuid()).ToArray();
        var recordings = Enumerable.Range(0, 20_000).Select(_ => Guid.NewGuid()).ToArray();
        var folder = Directory.CreateTempSubdirectory("mediavault-bench-auditq");
        try
        {
            var file = Path.Combine(folder.FullName, "vault.db");
            var dbOptions = new DbContextOptionsBuilder<SqliteVaultDbContext>().UseSqlite($"Data Source={file}").Options;
            await using (var db = new SqliteVaultDbContext(dbOptions))
            {
                await db.Database.MigrateAsync(cancellationToken);
            }

            await AuditChainFigure.SeedAsync(file, count, cancellationToken, pupils, recordings);
            SqliteConnection.ClearAllPools();

            await using var vault = new BenchVault(folder.FullName);
            await vault.InitializeAsync();
            var officer = await vault.CreateUserDirectAsync("FG Bench", [VaultRoles.PrivacyOfficer]);
            using var client = vault.SignInAs(officer);
            var random = new Random(20261123);
            var byPupil = await TimeAsync(client, queries, () => $"/api/privacy/pupils/{pupils[random.Next(pupils.Length)]}", cancellationToken);
            var byRecording = await TimeAsync(client, queries, () => $"/api/privacy/events?recordingId={recordings[random.Next(recordings.Length)]}", cancellationToken);
            var note = $"HTTP as an institute privacy officer, {queries} queries each after 5 warm-up; {count:N0} events, ~{2.0 * count / pupils.Length:0} per pupil, ~{(double)count / recordings.Length:0} per recording; the pupil query is itself audited";
            return
            [
                new BenchRow($"audit query by pupil ({count:N0} events), p99", Math.Round(Stats.Percentile(byPupil, 99), 2), "ms", null, null, null, "< 100 ms", Stats.Percentile(byPupil, 99) < 100,
                    $"p50 {Stats.Percentile(byPupil, 50):0.00} ms; {note}"),
                new BenchRow($"audit query by recording ({count:N0} events), p99", Math.Round(Stats.Percentile(byRecording, 99), 2), "ms", null, null, null, "< 100 ms", Stats.Percentile(byRecording, 99) < 100,
                    $"p50 {Stats.Percentile(byRecording, 50):0.00} ms"),
            ];
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<List<double>> TimeAsync(HttpClient client, int count, Func<string> next, CancellationToken cancellationToken)
    {
        var samples = new List<double>(count);
        for (var i = -5; i < count; i++)
        {
            var url = next();
            var elapsed = await Stats.TimeAsync(async () =>
            {
                using var response = await client.GetAsync(url, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }

                await response.Content.ReadAsByteArrayAsync(cancellationToken);
            });
            if (i >= 0)
            {
                samples.Add(elapsed);
            }
        }

        return samples;
    }
}
