using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Recordings;
using Vault.Api.Tests.Viewing;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Recordings;

/// <summary>
/// A player's range is on its way from storage before the vault has looked the recording up: the grant names the
/// content, so the download does not wait for the database (or for the caller's sign-in).
/// </summary>
public sealed class PlaybackPrefetchTests(ObservedVault vault) : IClassFixture<ObservedVault>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_ranges_download_is_asked_for_before_the_recording_is_looked_up()
    {
        var (world, recording) = await vault.RecordedPlacementAsync();
        var blobName = await vault.WithDbAsync(db => db.Set<Recording>().Where(r => r.Id == recording.Id).Select(r => r.Content.BlobName).SingleAsync(Ct));
        using var io = vault.SignInAs(world.Io);
        var grant = await io.StartPlaybackAsync(recording.Id);
        var full = await io.GetByteArrayAsync(grant.StreamUrl, Ct);

        // The recording's lookup is held until storage has been asked for its blob (at most ten seconds): with the
        // download started only after the lookup, it would wait in vain.
        var lookup = vault.Lookups.Hold(recording.Id, vault.Storage.NextGet(blobName), TimeSpan.FromSeconds(10));
        using var request = new HttpRequestMessage(HttpMethod.Get, grant.StreamUrl);
        request.Headers.Range = new RangeHeaderValue(1000, 1999);
        using var response = await io.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(full.AsSpan(1000, 1000).ToArray(), await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.True(lookup.IsCompleted, "the recording was not looked up during the request");
        Assert.True(await lookup, "the recording was looked up before its range was asked of storage");
    }
}
