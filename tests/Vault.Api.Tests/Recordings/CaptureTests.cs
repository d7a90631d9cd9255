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
