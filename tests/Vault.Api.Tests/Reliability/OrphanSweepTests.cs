using Vault.Api.Recordings;
using Vault.Api.Tests.Recordings;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Reliability;

/// <summary>
/// The orphan sweep checks the storage listing as it streams, a batch of owners at a time: orphans on both sides of a
/// batch boundary go, in both prefixes, and a stored recording's blobs stay wherever it falls in the listing.
/// </summary>
public sealed class OrphanSweepTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Orphans_across_several_batches_of_owners_are_deleted_and_a_recordings_blobs_kept()
    {
        await using var world = await CrashWorld.StartAsync();
        var placement = await world.Vault.CreatePlacementAsync();
        var media = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(world.Vault.Folder, seconds: 2, name: "kept.mp4"), Ct);
        var recording = await world.Vault.UploadRecordingAsync(placement, media);
        var kept = await world.BlobsAsync(StorageLayout.RecordingsPrefix);
        Assert.NotEmpty(kept);

        // 1,100 owners that no recording or open upload knows (more than two batches of 500), two blobs each under the
        // recordings prefix and one under the uploads prefix: what crashes between a blob and its row leave behind.
        var orphans = Enumerable.Range(0, 1_100).Select(_ => Guid.NewGuid().ToString("N"))
            .SelectMany(owner => new[] { $"{StorageLayout.RecordingsPrefix}{owner}/original", $"{StorageLayout.RecordingsPrefix}{owner}/rendition" })
            .Concat(Enumerable.Range(0, 600).Select(_ => $"{StorageLayout.UploadsPrefix}{Guid.NewGuid():N}/segment-0"))
            .ToList();
        await Parallel.ForEachAsync(orphans, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct },
            async (name, ct) => await world.Recordings.GetBlobClient(name).UploadAsync(BinaryData.FromString("ciphertext"), ct));
        var before = await world.BlobsAsync();

        await world.SweepAsync();

        Assert.Equal(kept.Count + orphans.Count, before.Count);
        Assert.Equal(kept, await world.BlobsAsync());
        Assert.All(kept, name => Assert.StartsWith($"{StorageLayout.RecordingsPrefix}{recording.Id:N}/", name, StringComparison.Ordinal));
    }
}
