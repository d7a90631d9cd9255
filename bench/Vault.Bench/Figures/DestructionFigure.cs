using System.Diagnostics;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Data;
using Vault.Api.Storage;

namespace Vault.Bench.Figures;

/// <summary>
/// Destruction throughput. The host's retention catalog (which lists due recordings for the retention runner) is
/// not wired yet, so this measures the storage part of destroying a recording with the host's own services: delete
/// its encrypted blob (EncryptedBlobStore) and crypto-shred its key (KeyRing.DestroyAsync, saved per recording),
/// against raw SDK deletes of as many blobs of the same size. Both sequential, same Azurite.
/// </summary>
public sealed class DestructionFigure : IBenchFigure
{
    private const int BlobBytes = 16 * 1024;

    public string Name => "destruction";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var count = options.Quick ? 500 : 10_000;
        await using var vault = new BenchVault();
        await vault.InitializeAsync();
        var container = new BlobContainerClient(vault.Azurite.ConnectionString, vault.Container);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var plaintext = new byte[BlobBytes];
        Random.Shared.NextBytes(plaintext);

        // Arrange: encrypted recordings with their own keys, and raw blobs for the baseline.
        var recordings = new List<(string Blob, Guid Key)>(count);
        for (var batch = 0; batch < count; batch += 500)
        {
            await using var scope = vault.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
            var keys = scope.ServiceProvider.GetRequiredService<KeyRing>();
            var store = scope.ServiceProvider.GetRequiredService<EncryptedBlobStore>();
            var made = new List<(string, Guid, byte[])>();
            for (var i = batch; i < Math.Min(count, batch + 500); i++)
            {
                var (entity, key) = await keys.CreateKeyAsync(db, cancellationToken);
                made.Add(($"recordings/bench-{i:D6}/original", entity.Id, key));
            }

            await db.SaveChangesAsync(cancellationToken);
            await Parallel.ForEachAsync(made, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (r, ct) =>
            {
                using var source = new MemoryStream(plaintext);
                await store.UploadAsync(r.Item1, r.Item2, r.Item3, source, ct);
                await container.GetBlobClient("raw/" + r.Item1).UploadAsync(new BinaryData(plaintext), ct);
            });
            recordings.AddRange(made.Select(m => (m.Item1, m.Item2)));
        }

        var vaultWatch = Stopwatch.StartNew();
        foreach (var (blob, keyId) in recordings)
        {
            await using var scope = vault.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
            await scope.ServiceProvider.GetRequiredService<EncryptedBlobStore>().DeleteAsync(blob, cancellationToken);
            await scope.ServiceProvider.GetRequiredService<KeyRing>().DestroyAsync(db, keyId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        vaultWatch.Stop();
        var rawWatch = Stopwatch.StartNew();
        foreach (var (blob, _) in recordings)
        {
            await container.GetBlobClient("raw/" + blob).DeleteAsync(cancellationToken: cancellationToken);
        }

        rawWatch.Stop();
        var rate = count / vaultWatch.Elapsed.TotalSeconds;
        var raw = count / rawWatch.Elapsed.TotalSeconds;
        return
        [
            new BenchRow($"destruction of {count:N0} recordings (blob delete + key shred)", Math.Round(rate), "rec/s", Math.Round(raw), "deletes/s SDK", Math.Round(rate / raw, 2), "≥ 0.5", rate / raw >= 0.5,
                "PARTIAL: host IRetentionCatalog not wired on this branch; measures EncryptedBlobStore.DeleteAsync + KeyRing.DestroyAsync + SaveChanges per recording, " +
                "sequential, vs sequential BlobClient.DeleteAsync of same-size blobs; excludes the retention runner's plan/lease/audit work"),
        ];
    }
}
