using System.Diagnostics;
using Azure.Storage.Blobs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Audit;
using Vault.Api.Data;

namespace Vault.Bench.Figures;

/// <summary>
/// Audit chain verification throughput over a real SQLite file of chained events (1M, or 100k with --quick).
/// No baseline: the goal is an absolute rate (≥ 200,000 events/s).
/// </summary>
public sealed class AuditChainFigure : IBenchFigure
{
    public string Name => "audit-chain";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var count = options.Quick ? 100_000 : 1_000_000;
        var folder = Directory.CreateTempSubdirectory("mediavault-bench-audit");
        var file = Path.Combine(folder.FullName, "audit.db");
        try
        {
            var dbOptions = new DbContextOptionsBuilder<SqliteVaultDbContext>().UseSqlite($"Data Source={file}").Options;
            await using (var db = new SqliteVaultDbContext(dbOptions))
            {
                await db.Database.MigrateAsync(cancellationToken);
            }

            await SeedAsync(file, count, cancellationToken);

            // The verifier as the host composes it: parallel range readers on their own connections, checkpoints
            // read from (real, empty) Azurite blob storage.
            var azurite = await Vault.Testing.Azurite.SharedAsync();
            var services = new ServiceCollection()
                .AddSingleton(TimeProvider.System)
                .AddSingleton(new BlobServiceClient(azurite.ConnectionString))
                .AddDbContext<VaultDbContext, SqliteVaultDbContext>(o => o.UseSqlite($"Data Source={file}"))
                .AddSingleton<AuditCheckpointStore>()
                .AddSingleton<DeferredAudit>()
                .AddScoped<AuditVerifier>();
            services.AddOptions<AuditOptions>().Configure(o => o.CheckpointContainer = "bench-" + Guid.NewGuid().ToString("N")[..12]);
            await using var provider = services.BuildServiceProvider();
            await using var scope = provider.CreateAsyncScope();
            var watch = Stopwatch.StartNew();
            var result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(cancellationToken);
            watch.Stop();
            if (!result.Intact || result.EntriesChecked != count)
            {
                throw new InvalidOperationException($"verification did not check the seeded chain: {result}");
            }

            var rate = count / watch.Elapsed.TotalSeconds;

            // Profile: one reader on one connection over the whole log, SQLite scanner against the provider-neutral
            // ADO.NET reader (the SQL Server path), interleaved so both see the same machine.
            var reader = new AuditChainReader(scope.ServiceProvider.GetRequiredService<VaultDbContext>());
            double scanner = 0, portable = 0;
            for (var round = 0; round < 2; round++)
            {
                scanner += await Stats.TimeAsync(() => reader.ReadAsync(1, count, (_, _, _, matches) => matches, cancellationToken));
                portable += await Stats.TimeAsync(() => reader.ReadPortableAsync(1, count, (_, _, _, matches) => matches, cancellationToken));
            }

            var note = $"{Environment.ProcessorCount} range readers in parallel; one reader alone: SQLite scanner {2 * count / scanner * 1000:N0} events/s, " +
                $"portable ADO.NET reader + AuditHasher {2 * count / portable * 1000:N0} events/s (ratio {portable / scanner:0.00})";
            return [new BenchRow($"audit chain verification ({count:N0} events)", Math.Round(rate), "events/s", null, null, null, "≥ 200,000 events/s", rate >= 200_000, note)];
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Writes a valid chain of synthetic events with one prepared statement in one transaction.</summary>
    internal static async Task SeedAsync(string file, int count, CancellationToken cancellationToken, Guid[]? pupils = null, Guid[]? recordingPool = null)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO AuditEntries (Sequence, Id, OccurredAt, ActorPersonId, ActorName, ActorRoles, Action, SubjectType, SubjectId,
                OpleidingsschoolId, SchoolLocationId, RecordingId, PupilIds, DetailsJson, IpAddress, UserAgent, PreviousHash, Hash)
            VALUES ($seq, $id, $at, $actor, 'Bench', 'Instituutsopleider', 'recordings.playback', 'recording', $subject,
                NULL, NULL, $recording, $pupils, NULL, '127.0.0.1', 'bench', $prev, $hash)
            """;
        var parameters = new[] { "$seq", "$id", "$at", "$actor", "$subject", "$recording", "$prev", "$hash", "$pupils" }
            .Select(name => insert.Parameters.Add(new SqliteParameter(name, null))).ToArray();
        var previous = AuditChain.Genesis;
        var start = new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);
        var actors = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToArray();
        var recordings = recordingPool ?? Enumerable.Range(0, 20_000).Select(_ => Guid.NewGuid()).ToArray();
        await using var pupilInsert = connection.CreateCommand();
        pupilInsert.Transaction = transaction;
        pupilInsert.CommandText = "INSERT OR IGNORE INTO AuditEntryPupils (Sequence, PupilId) VALUES ($seq, $pupil)";
        var pupilSequence = pupilInsert.Parameters.Add(new SqliteParameter("$seq", null));
        var pupilId = pupilInsert.Parameters.Add(new SqliteParameter("$pupil", null));
        for (var i = 1; i <= count; i++)
        {
            var recording = recordings[i % recordings.Length];
            Guid[] present = pupils is null ? [] : [.. new[] { pupils[i % pupils.Length], pupils[((i * 7) + 3) % pupils.Length] }.Distinct().Order()];
            var entry = new AuditEntry
            {
                Sequence = i,
                Id = Guid.NewGuid(),
                OccurredAt = start.AddSeconds(i),
                ActorPersonId = actors[i % actors.Length],
                ActorName = "Bench",
                ActorRoles = "Instituutsopleider",
                Action = "recordings.playback",
                SubjectType = "recording",
                SubjectId = recording.ToString(),
                RecordingId = recording,
                IpAddress = "127.0.0.1",
                UserAgent = "bench",
                PupilIds = string.Join(',', present.Select(p => p.ToString("N"))),
                PreviousHash = previous,
                Hash = "",
            };
            entry.Hash = AuditChain.ComputeHash(entry);
            previous = entry.Hash;
            parameters[0].Value = entry.Sequence;
            parameters[1].Value = entry.Id.ToString().ToUpperInvariant();
            parameters[2].Value = entry.OccurredAt.UtcTicks;
            parameters[3].Value = entry.ActorPersonId.Value.ToString().ToUpperInvariant();
            parameters[4].Value = entry.SubjectId;
            parameters[5].Value = recording.ToString().ToUpperInvariant();
            parameters[6].Value = entry.PreviousHash;
            parameters[7].Value = entry.Hash;
            parameters[8].Value = entry.PupilIds;
            await insert.ExecuteNonQueryAsync(cancellationToken);
            foreach (var pupil in present)
            {
                pupilSequence.Value = entry.Sequence;
                pupilId.Value = pupil.ToString().ToUpperInvariant();
                await pupilInsert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
