using Vault.Api.Recordings;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Recordings;

public sealed class RenditionTests(RecordingsVault vault) : IClassFixture<RecordingsVault>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_hevc_phone_video_gets_a_web_playable_h264_rendition_from_the_queue()
    {
        var world = await vault.CreatePlacementAsync();
        Directory.CreateDirectory(vault.Folder);
        var hevc = Path.Combine(vault.Folder, "iphone.mov");
        await TestMedia.RunAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2", "-f", "lavfi", "-i", "sine=duration=2",
            "-c:v", "libx265", "-preset", "ultrafast", "-tag:v", "hvc1", "-c:a", "aac", "-shortest", hevc]);

        var recording = await vault.UploadRecordingAsync(world, await File.ReadAllBytesAsync(hevc, Ct));
        using var client = vault.SignInAs(world.Student);
        var ready = await WaitAsync(client, recording.Id);
        var played = await client.PlayAllAsync(ready);
        var codecs = (await RecordingsVault.ProbeAsync(played)).GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("codec_name").GetString()).ToList();

        Assert.Equal(RenditionStatus.Queued, recording.Rendition);
        Assert.Equal("hevc", recording.VideoCodec);
        Assert.Equal(RenditionStatus.Ready, ready.Rendition);
        Assert.Equal("video/mp4", ready.PlayableContentType);
        Assert.Equal(["h264", "aac"], codecs);
    }

    private async Task<RecordingView> WaitAsync(HttpClient client, Guid id)
    {
        for (var i = 0; ; i++)
        {
            var view = await VaultApiFactory.ReadAsync<RecordingView>(await client.GetAsync($"/api/recordings/{id}", Ct));
            if (view.Rendition is RenditionStatus.Ready or RenditionStatus.Failed || i > 240)
            {
                return view;
            }

            await Task.Delay(250, Ct);
        }
    }
}
