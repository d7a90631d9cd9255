using Vault.Api.Recordings;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Recordings;

/// <summary>How a player gets at a recording's bytes: a playback grant first, then the grant's stream URL.</summary>
internal static class Playback
{
    /// <summary>Starts a playback session as the client's user; fails the test when the vault refuses.</summary>
    public static async Task<PlaybackGrantView> StartPlaybackAsync(this HttpClient client, Guid recordingId) =>
        await VaultApiFactory.ReadAsync<PlaybackGrantView>(await client.PostAsync($"/api/recordings/{recordingId}/playback", null, TestContext.Current.CancellationToken));

    /// <summary>The stream URL of a fresh playback session of the client's user.</summary>
    public static async Task<string> StreamUrlAsync(this HttpClient client, RecordingView recording) =>
        (await client.StartPlaybackAsync(recording.Id)).StreamUrl;

    /// <summary>The whole recording as played back to the client's user.</summary>
    public static async Task<byte[]> PlayAllAsync(this HttpClient client, RecordingView recording) =>
        await client.GetByteArrayAsync(await client.StreamUrlAsync(recording), TestContext.Current.CancellationToken);
}
