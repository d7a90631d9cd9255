using System.Diagnostics;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Data;
using Vault.Api.Recordings;
using Vault.Api.Storage;
using Vault.Retention.Runs;
using Vault.Shared.Time;
using Vault.Testing;

namespace Vault.Bench.Figures;

/// <summary>
/// Destruction throughput: the real yearly retention run (plan over the host's catalogue, lease, run items,
/// crypto-shred of each recording's key, removal of the recording's rows, deletion of its blobs, tombstones, audit)
/// over N assessed recordings that each have an encrypted blob of their own, against sequential raw SDK deletes of
/// as many same-size blobs in the same Azurite (half of them right before the run, half right after). The recordings' rows are written straight into the database (one
/// placement made through the API); what is timed is <see cref="DestructionRunner.RunAsync"/> from start to report.
/// </summary>
public sealed class DestructionFigure : IBenchFigure
{
    private const int BlobBytes = 16 * 1024;
    private static readonly DateOnly RunDay = new(2027, 9, 15);

    public string Name => "destruction";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var count = options.Quick ? 500 : 10_000;
        await using var vault = new BenchVault();

        // The clock jumps ten months to the run day: periodic background work ticks daily, or the fake clock replays
        // every elapsed minute of it first.
        vault.With("Vault:Recordings:SweepInterval", "1.00:00:00").With("Vault:Audit:CheckpointInterval", "1.00:00:00")
            .With("Vault:Retention:ScheduleEnabled", "false");
        await vault.InitializeAsync();
        var world = await vault.CreatePlacementAsync();
        var container = new BlobContainerClient(vault.Azurite.ConnectionString, vault.Container);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var plaintext = new byte[BlobBytes];
        Random.Shared.NextBytes(plaintext);

        // Arrange: assessed recordings with their own keys and encrypted blobs, and raw blobs for the baseline.
        var raw = new List<string>(count);
        for (var batch = 0; batch < count; batch += 500)
        {
            await using var scope = vault.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
            var keys = scope.ServiceProvider.GetRequiredService<KeyRing>();
            var store = scope.ServiceProvider.GetRequiredService<EncryptedBlobStore>();
            var made = new List<(Recording Recording, byte[] Key)>();
            for (var i = batch; i < Math.Min(count, batch + 500); i++)
            {
                var (entity, key) = await keys.CreateKeyAsync(db, cancellationToken);
                var recording = Recording(world, entity.Id, vault.Time.GetUtcNow());
                db.Add(recording);
                made.Add((recording, key));
            }

            await db.SaveChangesAsync(cancellationToken);
            await Parallel.ForEachAsync(made, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (r, ct) =>
            {
                using var source = new MemoryStream(plaintext);
                await store.UploadAsync(r.Recording.Content.BlobName, r.Recording.Content.KeyId, r.Key, source, ct);
                await container.GetBlobClient("raw/" + r.Recording.Content.BlobName).UploadAsync(new BinaryData(plaintext), ct);
            });
            raw.AddRange(made.Select(m => "raw/" + m.Recording.Content.BlobName));
        }

        Console.Error.WriteLine($"[bench] destruction: {count:N0} recordings and raw blobs arranged");

        // The baseline is taken in two halves, right before and right after the run, so that a change in the shared
        // machine's load during the measurement weighs on both sides alike.
        var rawWatch = new Stopwatch();
        await DeleteRawAsync(container, raw[..(count / 2)], rawWatch, cancellationToken);

        Console.Error.WriteLine($"[bench] destruction: first half of the baseline in {rawWatch.Elapsed.TotalSeconds:0.0} s; the run starts");
        vault.Time.SetUtcNow(SchoolCalendar.FromAmsterdam(RunDay, new TimeOnly(3, 0)));
        RunReport report;
        var vaultWatch = Stopwatch.StartNew();
        await using (var scope = vault.Services.CreateAsyncScope())
        {
            report = await scope.ServiceProvider.GetRequiredService<DestructionRunner>()
                .RunAsync(new RunRequest(DestructionKind.Yearly, RunDay, "bench"), cancellationToken);
        }

        vaultWatch.Stop();
        Console.Error.WriteLine($"[bench] destruction: the run took {vaultWatch.Elapsed.TotalSeconds:0.0} s ({report.Outcome}, {report.Destroyed:N0} destroyed)");
        if (report.Destroyed != count)
        {
            throw new InvalidOperationException($"The run destroyed {report.Destroyed} of {count} recordings ({report.Outcome}).");
        }

        await DeleteRawAsync(container, raw[(count / 2)..], rawWatch, cancellationToken);
        var rate = count / vaultWatch.Elapsed.TotalSeconds;
        var rawRate = count / rawWatch.Elapsed.TotalSeconds;
        var settings = vault.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Vault.Retention.RetentionOptions>>().Value;
        return
        [
            new BenchRow($"destruction of {count:N0} recordings (yearly retention run)", Math.Round(rate), "rec/s", Math.Round(rawRate), "deletes/s SDK", Math.Round(rate / rawRate, 2), "≥ 0.5", rate / rawRate >= 0.5,
                $"DestructionRunner.RunAsync end to end (plan, lease, items, key shred, rows, blobs, tombstones, audit; BatchSize {settings.BatchSize}, " +
                $"DegreeOfParallelism {settings.DegreeOfParallelism}) in {vaultWatch.Elapsed.TotalSeconds:0.0} s vs sequential BlobClient deletes of same-size blobs (half before, half after the run) in {rawWatch.Elapsed.TotalSeconds:0.0} s"),
        ];
    }

    /// <summary>Sequential raw SDK deletes, one request per blob, timed into <paramref name="watch"/>.</summary>
    private static async Task DeleteRawAsync(BlobContainerClient container, List<string> blobs, Stopwatch watch, CancellationToken cancellationToken)
    {
        watch.Start();
        foreach (var blob in blobs)
        {
            // The same single DELETE as DeleteAsync; only a retried request that finds its first attempt's work done
            // (on a loaded machine) is not an error.
            await container.GetBlobClient(blob).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }

        watch.Stop();
    }

    private static Recording Recording(PlacementWorld world, Guid keyId, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        return new Recording
        {
            Id = id,
            PlacementId = world.Placement.Id,
            StudentId = world.Student.Id,
            SchoolLocationId = world.SchoolLocationId,
            OpleidingsschoolId = world.Placement.OpleidingsschoolId,
            TicketId = Guid.NewGuid(),
            RecordingAt = now,
            CreatedAt = now,
            FileName = "les.mp4",
            AssessmentDoneAt = now,
            AssessedByPersonId = world.Io.Id,
            Content = new RecordingContent
            {
                VersionNumber = 1,
                BlobName = $"recordings/{id:N}/v1",
                KeyId = keyId,
                Length = BlobBytes,
                ContentType = "video/mp4",
                Sha256 = new string('0', 64),
            },
        };
    }
}
