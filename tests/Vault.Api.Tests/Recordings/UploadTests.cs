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

public sealed class UploadTests(RecordingsVault vault) : IClassFixture<RecordingsVault>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_upload_resumes_where_a_dropped_connection_stopped()
    {
        var world = await vault.CreatePlacementAsync();
        var media = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(vault.Folder, seconds: 4, name: "resume.mp4"), Ct);
        using var client = vault.SignInAs(world.Student);
        var upload = await RecordingsVault.StartUploadAsync(client, await vault.GetUploadTicketAsync(world), media.Length);
        var cut = media.Length / 2;

        // The connection drops once the vault has stored at least one segment of what was sent. A raw client:
        // the factory's client buffers request content (for redirects) and would never send a partial body.
        using var raw = vault.CreateRawClient();
        raw.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        await Assert.ThrowsAnyAsync<Exception>(() => RecordingsVault.AppendAsync(raw, upload.Id, 0,
            new DroppingContent(media, cut, () => WaitForProgressAsync(client, upload.Id, RecordingsVault.SegmentBytes))));
        var progress = await SettledProgressAsync(client, upload.Id);
        var wrongOffset = await RecordingsVault.AppendAsync(client, upload.Id, progress.Received + 1, RecordingsVault.Octets(media, (int)progress.Received + 1));
        var rest = await RecordingsVault.AppendAsync(client, upload.Id, progress.Received, RecordingsVault.Octets(media, (int)progress.Received));
        var completed = await RecordingsVault.CompleteAsync(client, upload.Id);
        var recording = await VaultApiFactory.ReadAsync<RecordingView>(completed);
        var stored = await client.PlayAllAsync(recording);
        var probe = await RecordingsVault.ProbeAsync(stored);

        // Bytes in flight when the connection dropped may be lost; everything the vault reports is kept.
        Assert.InRange(progress.Received, RecordingsVault.SegmentBytes, cut);
        Assert.True(progress.Received > RecordingsVault.SegmentBytes, "more than one segment arrived before the drop");
        Assert.Equal(HttpStatusCode.Conflict, wrongOffset.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, rest.StatusCode);
        Assert.Equal(media.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), rest.Headers.GetValues("Upload-Offset").Single());
        Assert.Equal(HttpStatusCode.Created, completed.StatusCode);
        Assert.Equal(4, double.Parse(probe.GetProperty("format").GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture), 0.2);
        Assert.Equal(stored.Length, recording.Length);
        var staged = await StagingBlobsAsync(upload.Id);
        Assert.Empty(staged);
    }

    [Fact]
    public async Task Bytes_beyond_the_size_limit_are_refused_as_they_arrive_and_nothing_is_kept()
    {
        var world = await vault.CreatePlacementAsync();
        using var client = vault.SignInAs(world.Student);
        var upload = await RecordingsVault.StartUploadAsync(client, await vault.GetUploadTicketAsync(world), null);
        var tooMuch = new byte[(4 * 1024 * 1024) + 1];

        var response = await RecordingsVault.AppendAsync(client, upload.Id, 0, RecordingsVault.Octets(tooMuch));
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(Ct);
        var after = await VaultApiFactory.ReadAsync<UploadView>(await client.GetAsync($"/api/recordings/uploads/{upload.Id}", Ct));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.EndsWith("/upload-too-large", problem!.Type, StringComparison.Ordinal);
        Assert.Equal(UploadStatus.Refused, after.Status);
        Assert.Empty(await StagingBlobsAsync(upload.Id));
        Assert.True(await StagingKeyDestroyedAsync(upload.Id));
    }

    [Fact]
    public async Task A_declared_size_larger_than_the_limit_is_refused_before_any_byte()
    {
        var world = await vault.CreatePlacementAsync();
        using var client = vault.SignInAs(world.Student);
        var response = await client.PostAsJsonAsync("/api/recordings/uploads",
            new StartUploadRequest(await vault.GetUploadTicketAsync(world), "groot.mp4", 5L * 1024 * 1024), VaultApiFactory.JsonOptions, Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task An_upload_without_a_valid_ticket_does_not_start()
    {
        var world = await vault.CreatePlacementAsync();
        var other = await vault.CreatePlacementAsync();
        using var client = vault.SignInAs(world.Student);
        var someoneElses = await client.PostAsJsonAsync("/api/recordings/uploads",
            new StartUploadRequest(await vault.GetUploadTicketAsync(other), "les.mp4", 10), VaultApiFactory.JsonOptions, Ct);
        var unknown = await client.PostAsJsonAsync("/api/recordings/uploads", new StartUploadRequest(Guid.NewGuid(), "les.mp4", 10), VaultApiFactory.JsonOptions, Ct);
        Assert.Equal(HttpStatusCode.Conflict, someoneElses.StatusCode);
        Assert.Contains("NotYours", await someoneElses.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, unknown.StatusCode);
    }

    [Fact]
    public async Task An_abandoned_upload_expires_and_its_bytes_are_removed()
    {
        var world = await vault.CreatePlacementAsync();
        using var client = vault.SignInAs(world.Student);
        var upload = await RecordingsVault.StartUploadAsync(client, await vault.GetUploadTicketAsync(world), 1_000_000);
        var partial = await RecordingsVault.AppendAsync(client, upload.Id, 0, RecordingsVault.Octets(new byte[200_000]));
        Assert.Equal(HttpStatusCode.NoContent, partial.StatusCode);
        Assert.NotEmpty(await StagingBlobsAsync(upload.Id));

        vault.Time.Advance(TimeSpan.FromHours(23));
        await Task.Delay(300, Ct);
        var stillOpen = await VaultApiFactory.ReadAsync<UploadView>(await client.GetAsync($"/api/recordings/uploads/{upload.Id}", Ct));
        vault.Time.Advance(TimeSpan.FromHours(2));
        var expired = await WaitForStatusAsync(client, upload.Id, UploadStatus.Expired);

        // The sweeper destroys the staging key and saves first (crypto-shred), then deletes the blobs.
        var remaining = await StagingBlobsAsync(upload.Id);
        for (var i = 0; i < 100 && remaining.Count > 0; i++)
        {
            await Task.Delay(100, Ct);
            remaining = await StagingBlobsAsync(upload.Id);
        }

        Assert.Equal(UploadStatus.Open, stillOpen.Status);
        Assert.Equal(UploadStatus.Expired, expired.Status);
        Assert.Empty(remaining);
        Assert.True(await StagingKeyDestroyedAsync(upload.Id));
    }

    [Fact]
    public async Task Someone_else_cannot_see_or_add_to_a_students_upload()
    {
        var world = await vault.CreatePlacementAsync();
        using var student = vault.SignInAs(world.Student);
        using var coach = vault.SignInAs(world.Io);
        var upload = await RecordingsVault.StartUploadAsync(student, await vault.GetUploadTicketAsync(world), 10);
        Assert.Equal(HttpStatusCode.NotFound, (await coach.GetAsync($"/api/recordings/uploads/{upload.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RecordingsVault.AppendAsync(coach, upload.Id, 0, RecordingsVault.Octets(new byte[10]))).StatusCode);
    }

    private async Task<UploadView> WaitForProgressAsync(HttpClient client, Guid id, long atLeast)
    {
        for (var i = 0; ; i++)
        {
            var view = await VaultApiFactory.ReadAsync<UploadView>(await client.GetAsync($"/api/recordings/uploads/{id}", Ct));
            if (view.Received >= atLeast || i > 100)
            {
                return view;
            }

            await Task.Delay(100, Ct);
        }
    }

    /// <summary>The offset once the vault has finished storing what arrived before the drop.</summary>
    private async Task<UploadView> SettledProgressAsync(HttpClient client, Guid id)
    {
        var last = -1L;
        for (var i = 0; ; i++)
        {
            await Task.Delay(750, Ct);
            var view = await VaultApiFactory.ReadAsync<UploadView>(await client.GetAsync($"/api/recordings/uploads/{id}", Ct));
            if (view.Received == last || i > 40)
            {
                return view;
            }

            last = view.Received;
        }
    }

    private async Task<UploadView> WaitForStatusAsync(HttpClient client, Guid id, UploadStatus status)
    {
        for (var i = 0; ; i++)
        {
            var view = await VaultApiFactory.ReadAsync<UploadView>(await client.GetAsync($"/api/recordings/uploads/{id}", Ct));
            if (view.Status == status || i > 300)
            {
                return view;
            }

            await Task.Delay(100, Ct);
        }
    }

    internal static async Task<List<string>> StagingBlobsAsync(RecordingsVault vault, Guid uploadId)
    {
        var container = vault.Services.GetRequiredService<EncryptedBlobStore>().Container;
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.All, $"uploads/{uploadId:N}/", Ct))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    internal static Task<bool> StagingKeyDestroyedAsync(RecordingsVault vault, Guid uploadId) =>
        vault.WithDbAsync(async db =>
        {
            var keyId = await db.Set<UploadSession>().Where(u => u.Id == uploadId).Select(u => u.KeyId).SingleAsync(Ct);
            var key = await db.Set<RecordingKey>().SingleAsync(k => k.Id == keyId, Ct);
            return key.DestroyedAt is not null && key.WrappedKey.Length == 0;
        });

    private Task<List<string>> StagingBlobsAsync(Guid uploadId) => StagingBlobsAsync(vault, uploadId);

    private Task<bool> StagingKeyDestroyedAsync(Guid uploadId) => StagingKeyDestroyedAsync(vault, uploadId);

    /// <summary>Sends the first <c>cut</c> bytes, then fails like a Wi-Fi connection that drops.</summary>
    private sealed class DroppingContent : HttpContent
    {
        private readonly byte[] bytes;
        private readonly int cut;
        private readonly Func<Task> beforeDrop;

        public DroppingContent(byte[] bytes, int cut, Func<Task> beforeDrop)
        {
            (this.bytes, this.cut, this.beforeDrop) = (bytes, cut, beforeDrop);
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/offset+octet-stream");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(bytes.AsMemory(0, cut));
            await stream.FlushAsync();
            await beforeDrop();
            throw new IOException("Wi-Fi gone");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
