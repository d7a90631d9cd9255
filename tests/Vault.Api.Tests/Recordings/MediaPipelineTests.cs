using System.Net.Http.Json;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Recordings;
using Vault.Consent.Gate;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Recordings;

public sealed class MediaPipelineTests(RecordingsVault vault) : IClassFixture<RecordingsVault>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> BadFiles => ["executable", "truncated", "zero-length", "undecodable", "text", "image"];

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_refused_with_a_clear_problem_and_nothing_is_kept(string kind)
    {
        var world = await vault.CreatePlacementAsync();
        var bytes = await BadFileAsync(kind);

        var response = await vault.UploadAsync(world, bytes, name: "les.mp4");
        var body = await response.Content.ReadAsStringAsync(Ct);
        var problem = JsonDocument.Parse(body).RootElement;
        var uploadId = Guid.Parse(response.Headers.GetValues("X-Test-Upload").Single());
        var status = await vault.WithDbAsync(db => db.Set<UploadSession>().Where(u => u.Id == uploadId).Select(u => u.Status).SingleAsync(Ct));
        var recordings = await vault.WithDbAsync(db => db.Set<Recording>().CountAsync(r => r.PlacementId == world.Placement.Id, Ct));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches("/(not-media|media-undecodable|upload-empty)$", problem.GetProperty("type").GetString()!);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.Equal(UploadStatus.Refused, status);
        Assert.Equal(0, recordings);
        Assert.Empty(await UploadTests.StagingBlobsAsync(vault, uploadId));
        Assert.True(await UploadTests.StagingKeyDestroyedAsync(vault, uploadId));
    }

    [Fact]
    public async Task Location_device_and_software_metadata_are_removed_from_the_stored_recording()
    {
        var world = await vault.CreatePlacementAsync();
        var source = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(vault.Folder, seconds: 2, withIdentifyingMetadata: true, name: "tagged.mp4"), Ct);
        var sourceTags = AllTags(await RecordingsVault.ProbeAsync(source));

        var recording = await vault.UploadRecordingAsync(world, source);
        using var client = vault.SignInAs(world.Student);
        var stored = await client.PlayAllAsync(recording);
        var probe = await RecordingsVault.ProbeAsync(stored);
        var storedTags = AllTags(probe);

        Assert.Contains(sourceTags, t => t.Key == "location");
        Assert.Contains(sourceTags, t => t.Value == "iPhone 15");
        Assert.DoesNotContain(storedTags, t => t.Key.Contains("location", StringComparison.OrdinalIgnoreCase)
            || t.Key.Contains("make", StringComparison.OrdinalIgnoreCase) || t.Key.Contains("model", StringComparison.OrdinalIgnoreCase)
            || t.Key.Contains("encoder", StringComparison.OrdinalIgnoreCase) || t.Key.Contains("software", StringComparison.OrdinalIgnoreCase)
            || t.Key.Contains("creation_time", StringComparison.OrdinalIgnoreCase));
        // (The test's own AAC audio carries ffmpeg's encoder id "Lavc" inside the audio bitstream; a remux cannot
        // remove that, and it identifies no device. x264's settings in the video bitstream are removed.)
        foreach (var trace in new[] { "iPhone", "Apple", "PhoneCam", "+51.9225", "004.4792", "Lavf", "x264" })
        {
            Assert.Equal(-1, stored.AsSpan().IndexOf(Encoding.ASCII.GetBytes(trace)));
        }

        Assert.Contains(probe.GetProperty("streams").EnumerateArray(), s => s.GetProperty("codec_type").GetString() == "video");
        Assert.Equal("h264", recording.VideoCodec);
        Assert.Equal(RenditionStatus.NotNeeded, recording.Rendition);
    }

    [Fact]
    public async Task A_sound_only_recording_is_stored_without_a_video_stream()
    {
        var world = await vault.CreatePlacementAsync();
        var source = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(vault.Folder, seconds: 2, name: "sound.mp4"), Ct);

        var recording = await vault.UploadRecordingAsync(world, source, RecordingMedia.AlleenGeluid);
        using var client = vault.SignInAs(world.Student);
        var stored = await client.PlayAllAsync(recording);
        var streams = (await RecordingsVault.ProbeAsync(stored)).GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("codec_type").GetString()).ToList();

        Assert.Equal(["audio"], streams);
        Assert.False(recording.HasVideo);
        Assert.Null(recording.VideoCodec);
        Assert.Equal("audio/mp4", recording.ContentType);
    }

    [Fact]
    public async Task A_consent_withdrawn_before_completion_refuses_the_recording_and_keeps_nothing()
    {
        var world = await vault.CreatePlacementAsync();
        var source = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(vault.Folder, seconds: 1, name: "withdrawn.mp4"), Ct);
        using var client = vault.SignInAs(world.Student);
        var ticket = await vault.GetUploadTicketAsync(world);
        var upload = await RecordingsVault.StartUploadAsync(client, ticket, source.Length);
        await RecordingsVault.AppendAsync(client, upload.Id, 0, RecordingsVault.Octets(source));
        var klas = vault.Classes[ticket];
        using (var school = vault.SignInAs(klas.ConsentAdmin))
        {
            (await school.PostAsJsonAsync($"/api/consent/pupils/{klas.Pupils[0].Id}/withdrawals",
                new Vault.Consent.Registry.WithdrawConsentRequest(Vault.Consent.Registry.WithdrawMedia.Beeld, Vault.Consent.Registry.ConsentGiver.Ouder), VaultApiFactory.JsonOptions, Ct)).EnsureSuccessStatusCode();
        }

        var response = await RecordingsVault.CompleteAsync(client, upload.Id);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("upload-gate-refused", body, StringComparison.Ordinal);
        Assert.Contains("R4", body, StringComparison.Ordinal);
        Assert.Equal(0, await vault.WithDbAsync(db => db.Set<Recording>().CountAsync(r => r.TicketId == ticket, Ct)));
        Assert.Empty(await UploadTests.StagingBlobsAsync(vault, upload.Id));
    }

    private static List<KeyValuePair<string, string>> AllTags(JsonElement probe)
    {
        var tags = new List<KeyValuePair<string, string>>();
        void Add(JsonElement element)
        {
            if (element.TryGetProperty("tags", out var t))
            {
                tags.AddRange(t.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.ToString())));
            }
        }

        Add(probe.GetProperty("format"));
        foreach (var stream in probe.GetProperty("streams").EnumerateArray())
        {
            Add(stream);
        }

        return tags;
    }

    private async Task<byte[]> BadFileAsync(string kind)
    {
        switch (kind)
        {
            case "executable":
                return await File.ReadAllBytesAsync("/bin/ls", Ct);
            case "zero-length":
                return [];
            case "text":
                return Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Dit is geen film. ", 2000)));
            case "image":
                var png = Path.Combine(vault.Folder, Guid.NewGuid().ToString("N") + ".png");
                Directory.CreateDirectory(vault.Folder);
                await TestMedia.RunAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240", "-frames:v", "1", png]);
                return await File.ReadAllBytesAsync(png, Ct);
        }

        // A file whose index is at the start (fast start), so that ffprobe accepts it and only decoding finds the damage.
        var plain = await TestMedia.CreateVideoAsync(vault.Folder, seconds: 2, name: Guid.NewGuid().ToString("N") + ".mp4");
        var faststart = Path.Combine(vault.Folder, Guid.NewGuid().ToString("N") + ".mp4");
        await TestMedia.RunAsync("ffmpeg", ["-v", "error", "-y", "-i", plain, "-c", "copy", "-movflags", "+faststart", faststart]);
        var bytes = await File.ReadAllBytesAsync(faststart, Ct);
        if (kind == "truncated")
        {
            return bytes[..(bytes.Length / 2)];
        }

        var random = new Random(1);
        for (var i = (int)(bytes.Length * 0.3); i < (int)(bytes.Length * 0.95); i++)
        {
            bytes[i] = (byte)random.Next(256);
        }

        return bytes;
    }
}
