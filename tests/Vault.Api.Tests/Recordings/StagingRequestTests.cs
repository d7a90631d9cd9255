using System.Net;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Recordings;

/// <summary>
/// How an upload's segments reach storage: each is one Put Blob. Staged blocks and a commit per segment cost four
/// requests, and a checksum of every block computed by the service (in Azurite, a byte-by-byte JavaScript CRC64 that
/// held uploads to a third of what Put Blob allows).
/// </summary>
public sealed class StagingRequestTests(ObservedVault vault) : IClassFixture<ObservedVault>
{
    [Fact]
    public async Task Each_staging_segment_is_stored_with_one_Put_Blob()
    {
        var world = await vault.CreatePlacementAsync();
        var bytes = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(vault.Folder, seconds: 3, name: Guid.NewGuid().ToString("N") + ".mp4"), TestContext.Current.CancellationToken);

        using var response = await vault.UploadAsync(world, bytes);
        var segmentPuts = vault.Storage.To("/uploads/").Where(r => r.Method == "PUT").ToList();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var segments = (int)Math.Ceiling(bytes.Length / (double)RecordingsVault.SegmentBytes);
        Assert.True(segments > 2, $"the test media should span several segments, not {segments}");
        Assert.Equal(segments, segmentPuts.Count);
        Assert.All(segmentPuts, put => Assert.DoesNotContain("comp=", put.Query, StringComparison.Ordinal));
    }
}
