using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Azure.Storage.Blobs.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Recordings;
using Vault.Api.Storage;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Recordings;

public sealed class RedactionTests(RecordingsVault vault) : IClassFixture<RecordingsVault>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_redaction_makes_a_new_version_and_leaves_no_trace_of_the_old_one()
    {
        var world = await vault.CreatePlacementAsync();
        var source = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(vault.Folder, seconds: 6, name: "cut.mp4"), Ct);
        var recording = await vault.UploadRecordingAsync(world, source);
        var old = await vault.WithDbAsync(db => db.Set<Recording>().Where(r => r.Id == recording.Id).Select(r => new { r.Content.BlobName, r.Content.KeyId }).SingleAsync(Ct));
        var container = vault.Services.GetRequiredService<EncryptedBlobStore>().Container;
        await container.GetBlobClient(old.BlobName).CreateSnapshotAsync(cancellationToken: Ct);
        using var client = vault.SignInAs(world.Student);

        var response = await client.PostAsJsonAsync($"/api/recordings/{recording.Id}/redactions",
            new RedactionRequest([new TimeRange(1, 3)], [new BlurArea(10, 10, 100, 100, 0, 2)]), VaultApiFactory.JsonOptions, Ct);
        var redacted = await VaultApiFactory.ReadAsync<RecordingView>(response);
        var stored = await client.PlayAllAsync(redacted);
        var duration = double.Parse((await RecordingsVault.ProbeAsync(stored)).GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);
        var blobs = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.All, $"recordings/{recording.Id:N}/", Ct))
        {
            blobs.Add(blob.Name + (blob.Snapshot is null ? "" : "@snapshot"));
        }

        var oldKey = await vault.WithDbAsync(db => db.Set<RecordingKey>().SingleAsync(k => k.Id == old.KeyId, Ct));
        Assert.Equal(2, redacted.VersionNumber);
        Assert.Equal(4, duration, 0.3);
        Assert.Equal([$"recordings/{recording.Id:N}/v2"], blobs);
        Assert.NotNull(oldKey.DestroyedAt);
        Assert.Empty(oldKey.WrappedKey);
    }

    [Fact]
    public async Task Anonymising_the_image_keeps_the_sound_and_shows_nothing()
    {
        var world = await vault.CreatePlacementAsync();
        var source = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(vault.Folder, seconds: 2, name: "anon.mp4"), Ct);
        var recording = await vault.UploadRecordingAsync(world, source);
        using var client = vault.SignInAs(world.Student);

        var response = await client.PostAsJsonAsync($"/api/recordings/{recording.Id}/redactions", new RedactionRequest(null, null, AnonymiseImage: true), VaultApiFactory.JsonOptions, Ct);
        var redacted = await VaultApiFactory.ReadAsync<RecordingView>(response);
        var stored = await client.PlayAllAsync(redacted);
        var streams = (await RecordingsVault.ProbeAsync(stored)).GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("codec_type").GetString()).ToList();

        Assert.Contains("audio", streams);
        Assert.True(await MeanLumaAsync(source) > 40);
        Assert.True(await MeanLumaAsync(stored) < 20);
    }

    [Fact]
    public async Task Only_the_student_may_redact_and_a_bad_area_is_refused()
    {
        var world = await vault.CreatePlacementAsync();
        var source = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(vault.Folder, seconds: 1, name: "bad.mp4"), Ct);
        var recording = await vault.UploadRecordingAsync(world, source);
        using var coach = vault.SignInAs(world.Io);
        using var student = vault.SignInAs(world.Student);

        var byCoach = await coach.PostAsJsonAsync($"/api/recordings/{recording.Id}/redactions", new RedactionRequest(null, null, true), VaultApiFactory.JsonOptions, Ct);
        var outside = await student.PostAsJsonAsync($"/api/recordings/{recording.Id}/redactions",
            new RedactionRequest(null, [new BlurArea(300, 200, 100, 100, 0, 1)]), VaultApiFactory.JsonOptions, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, byCoach.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
    }

    private static async Task<int> MeanLumaAsync(byte[] media)
    {
        var file = Path.Combine(Path.GetTempPath(), "mediavault-tests", Guid.NewGuid().ToString("N") + ".mp4");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, media);
        var frame = Path.ChangeExtension(file, ".gray");
        await TestMedia.RunAsync("ffmpeg", ["-v", "error", "-y", "-ss", "1", "-i", file, "-frames:v", "1", "-vf", "scale=1:1", "-pix_fmt", "gray", "-f", "rawvideo", frame]);
        var value = (await File.ReadAllBytesAsync(frame))[0];
        File.Delete(file);
        File.Delete(frame);
        return value;
    }
}
