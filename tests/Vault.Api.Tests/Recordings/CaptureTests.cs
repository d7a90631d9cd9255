using System.Net;
using System.Net.Http.Json;
using Vault.Api.Recordings;
using Vault.Consent.Gate;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Recordings;

public sealed class CaptureTests(RecordingsVault vault) : IClassFixture<RecordingsVault>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_closed_environment_capture_is_assembled_from_chunks_sent_as_they_are_recorded()
    {
        // R8: the browser's MediaRecorder sends WebM chunks while recording; nothing is stored on the device.
        var world = await vault.CreatePlacementAsync(Arrange.Osh);
        Directory.CreateDirectory(vault.Folder);
        var webm = Path.Combine(vault.Folder, "capture.webm");
        await TestMedia.RunAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2", "-f", "lavfi", "-i", "sine=duration=2",
            "-c:v", "libvpx", "-deadline", "realtime", "-b:v", "300k", "-c:a", "libopus", "-shortest", webm]);
        var bytes = await File.ReadAllBytesAsync(webm, Ct);
        var ticket = await vault.GetUploadTicketAsync(world, capture: CaptureMode.ClosedEnvironment);
        using var client = vault.SignInAs(world.Student);

        var response = await client.PostAsJsonAsync("/api/recordings/uploads", new StartUploadRequest(ticket, "opname.webm", null, CaptureMode.ClosedEnvironment), VaultApiFactory.JsonOptions, Ct);
        var upload = await VaultApiFactory.ReadAsync<UploadView>(response);
        for (var offset = 0; offset < bytes.Length; offset += 20_000)
        {
            var chunk = await RecordingsVault.AppendAsync(client, upload.Id, offset, RecordingsVault.Octets(bytes, offset, Math.Min(20_000, bytes.Length - offset)));
            Assert.Equal(HttpStatusCode.NoContent, chunk.StatusCode);
        }

        var recording = await VaultApiFactory.ReadAsync<RecordingView>(await RecordingsVault.CompleteAsync(client, upload.Id));

        Assert.Equal(CaptureMode.ClosedEnvironment, recording.Capture);
        Assert.Equal("video/webm", recording.ContentType);
        Assert.Equal("vp8", recording.VideoCodec);
        Assert.Equal(RenditionStatus.NotNeeded, recording.Rendition);
    }

    [Fact]
    public async Task A_live_capture_without_duration_or_cues_is_stored_seekable_with_its_duration()
    {
        // MediaRecorder's WebM is a live stream: Segment of unknown size, no Duration, no Cues. ffmpeg's live mode
        // writes the same shape; the bytes then arrive as arbitrary pieces, the first one only the header.
        var world = await vault.CreatePlacementAsync(Arrange.Osh);
        Directory.CreateDirectory(vault.Folder);
        var live = Path.Combine(vault.Folder, "live.webm");
        await TestMedia.RunAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=6", "-f", "lavfi", "-i", "sine=duration=6",
            "-c:v", "libvpx", "-deadline", "realtime", "-b:v", "300k", "-g", "25", "-c:a", "libopus", "-shortest", "-f", "webm", "-live", "1", live]);
        var bytes = await File.ReadAllBytesAsync(live, Ct);
        var original = await RecordingsVault.ProbeAsync(bytes);
        var firstCluster = IndexOf(bytes, [0x1F, 0x43, 0xB6, 0x75]);
        var ticket = await vault.GetUploadTicketAsync(world, capture: CaptureMode.ClosedEnvironment);
        using var client = vault.SignInAs(world.Student);
        var response = await client.PostAsJsonAsync("/api/recordings/uploads", new StartUploadRequest(ticket, "opname.webm", null, CaptureMode.ClosedEnvironment), VaultApiFactory.JsonOptions, Ct);
        var upload = await VaultApiFactory.ReadAsync<UploadView>(response);
        var offset = 0;
        foreach (var size in new[] { firstCluster }.Concat(Enumerable.Repeat(13_337, bytes.Length / 13_337 + 1)))
        {
            var count = Math.Min(size, bytes.Length - offset);
            if (count > 0)
            {
                Assert.Equal(HttpStatusCode.NoContent, (await RecordingsVault.AppendAsync(client, upload.Id, offset, RecordingsVault.Octets(bytes, offset, count))).StatusCode);
                offset += count;
            }
        }

        var recording = await VaultApiFactory.ReadAsync<RecordingView>(await RecordingsVault.CompleteAsync(client, upload.Id));
        var streamUrl = await client.StreamUrlAsync(recording);
        var stored = await client.GetByteArrayAsync(streamUrl, Ct);
        var probe = await RecordingsVault.ProbeAsync(stored);
        using var range = new HttpRequestMessage(HttpMethod.Get, streamUrl);
        range.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(stored.Length / 2, (stored.Length / 2) + 4095);
        using var partial = await client.SendAsync(range, Ct);

        Assert.False(original.GetProperty("format").TryGetProperty("duration", out _), "the capture itself has no duration");
        Assert.Equal(6, double.Parse(probe.GetProperty("format").GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture), 0.2);
        Assert.Equal(6, recording.DurationSeconds, 0.2);
        var cues = IndexOf(stored, [0x1C, 0x53, 0xBB, 0x6B]);
        Assert.InRange(cues, 0, IndexOf(stored, [0x1F, 0x43, 0xB6, 0x75]));
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(stored.AsSpan(stored.Length / 2, 4096).ToArray(), await partial.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(stored.Length, recording.Length);
    }

    [Fact]
    public async Task A_seekable_capture_can_be_decoded_from_the_middle()
    {
        // The player's seek: to 4.5 s through the Cues, decoding from the key frame before it (one per second).
        var world = await vault.CreatePlacementAsync(Arrange.Osh);
        Directory.CreateDirectory(vault.Folder);
        var live = Path.Combine(vault.Folder, "seek.webm");
        await TestMedia.RunAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=6", "-f", "lavfi", "-i", "sine=duration=6",
            "-c:v", "libvpx", "-deadline", "realtime", "-b:v", "300k", "-g", "25", "-c:a", "libopus", "-shortest", "-f", "webm", "-live", "1", live]);
        var bytes = await File.ReadAllBytesAsync(live, Ct);
        var ticket = await vault.GetUploadTicketAsync(world, capture: CaptureMode.ClosedEnvironment);
        using var client = vault.SignInAs(world.Student);
        var response = await client.PostAsJsonAsync("/api/recordings/uploads", new StartUploadRequest(ticket, "opname.webm", null, CaptureMode.ClosedEnvironment), VaultApiFactory.JsonOptions, Ct);
        var upload = await VaultApiFactory.ReadAsync<UploadView>(response);
        Assert.Equal(HttpStatusCode.NoContent, (await RecordingsVault.AppendAsync(client, upload.Id, 0, RecordingsVault.Octets(bytes))).StatusCode);
        var recording = await VaultApiFactory.ReadAsync<RecordingView>(await RecordingsVault.CompleteAsync(client, upload.Id));
        var stored = Path.Combine(vault.Folder, "stored.webm");
        await File.WriteAllBytesAsync(stored, await client.PlayAllAsync(recording), Ct);

        var frames = await TestMedia.RunAsync("ffprobe", ["-v", "error", "-read_intervals", "4.5%+#1", "-select_streams", "v", "-show_entries", "frame=pts_time,key_frame", "-of", "csv=p=0", stored]);

        var first = frames.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Split(',');
        Assert.Equal("1", first[0]);
        Assert.InRange(double.Parse(first[1], System.Globalization.CultureInfo.InvariantCulture), 3.95, 4.5);
    }

    [Fact]
    public async Task A_sound_only_live_capture_is_stored_without_video_with_its_duration_and_cues()
    {
        // R5 with a live capture: the image is dropped, and the audio-only WebM is indexed on its audio track.
        var world = await vault.CreatePlacementAsync(Arrange.Osh);
        Directory.CreateDirectory(vault.Folder);
        var live = Path.Combine(vault.Folder, "sound.webm");
        await TestMedia.RunAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=5", "-f", "lavfi", "-i", "sine=duration=5",
            "-c:v", "libvpx", "-deadline", "realtime", "-b:v", "300k", "-c:a", "libopus", "-shortest", "-f", "webm", "-live", "1", live]);
        var bytes = await File.ReadAllBytesAsync(live, Ct);
        var ticket = await vault.GetUploadTicketAsync(world, RecordingMedia.AlleenGeluid, CaptureMode.ClosedEnvironment);
        using var client = vault.SignInAs(world.Student);
        var response = await client.PostAsJsonAsync("/api/recordings/uploads", new StartUploadRequest(ticket, "geluid.webm", null, CaptureMode.ClosedEnvironment), VaultApiFactory.JsonOptions, Ct);
        var upload = await VaultApiFactory.ReadAsync<UploadView>(response);
        Assert.Equal(HttpStatusCode.NoContent, (await RecordingsVault.AppendAsync(client, upload.Id, 0, RecordingsVault.Octets(bytes))).StatusCode);

        var recording = await VaultApiFactory.ReadAsync<RecordingView>(await RecordingsVault.CompleteAsync(client, upload.Id));
        var stored = await client.PlayAllAsync(recording);
        var probe = await RecordingsVault.ProbeAsync(stored);

        Assert.False(recording.HasVideo);
        Assert.DoesNotContain(probe.GetProperty("streams").EnumerateArray(), s => s.GetProperty("codec_type").GetString() == "video");
        Assert.Equal(5, double.Parse(probe.GetProperty("format").GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture), 0.2);
        Assert.InRange(IndexOf(stored, [0x1C, 0x53, 0xBB, 0x6B]), 0, IndexOf(stored, [0x1F, 0x43, 0xB6, 0x75]));
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);

    [Fact]
    public async Task A_device_file_cannot_be_uploaded_on_a_closed_environment_ticket()
    {
        var world = await vault.CreatePlacementAsync(Arrange.Osh);
        var ticket = await vault.GetUploadTicketAsync(world, capture: CaptureMode.ClosedEnvironment);
        using var client = vault.SignInAs(world.Student);

        var response = await client.PostAsJsonAsync("/api/recordings/uploads", new StartUploadRequest(ticket, "telefoon.mp4", 1000), VaultApiFactory.JsonOptions, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("WrongCaptureMode", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_embedded_date_that_contradicts_the_declared_recording_date_is_flagged()
    {
        var world = await vault.CreatePlacementAsync();
        var plain = await TestMedia.CreateVideoAsync(vault.Folder, seconds: 1, name: "dated.mp4");
        var dated = Path.Combine(vault.Folder, "dated-2025.mp4");
        await TestMedia.RunAsync("ffmpeg", ["-v", "error", "-y", "-i", plain, "-c", "copy", "-metadata", "creation_time=2025-03-14T09:30:00Z", dated]);

        var recording = await vault.UploadRecordingAsync(world, await File.ReadAllBytesAsync(dated, Ct));

        Assert.True(recording.RecordingDateMismatch);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero), recording.EmbeddedRecordedAt);
    }
}
