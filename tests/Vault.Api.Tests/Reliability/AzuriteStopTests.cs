using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Recordings;
using Vault.Api.Storage;
using Vault.Api.Tests.Recordings;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Reliability;

/// <summary>
/// Issue 11's first fault with the real thing: the vault's own Azurite (keeping its data in a folder) is stopped in the
/// middle of an upload and started again on the same ports. <see cref="UploadFaultTests"/> covers the same outage at
/// exact points (after N storage calls) inside the Azure SDK's pipeline.
/// </summary>
public sealed class AzuriteStopTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Azurite_stopped_mid_upload_fails_the_request_cleanly_and_the_upload_resumes_and_completes_once_it_is_back()
    {
        var location = Path.Combine(Path.GetTempPath(), "mediavault-tests", "azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(location);
        var storage = await Azurite.StartAsync(location: location);
        await using var vault = new RecordingsVault();
        vault.With("Vault:Storage:ConnectionString", storage.ConnectionString);
        try
        {
            await vault.InitializeAsync();
            var world = await vault.CreatePlacementAsync();
            var media = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(vault.Folder, seconds: 4, name: "stopped.mp4"), Ct);
            using var client = vault.SignInAs(world.Student);
            var upload = await RecordingsVault.StartUploadAsync(client, await vault.GetUploadTicketAsync(world), media.Length);
            var half = media.Length / 2;
            var first = await RecordingsVault.AppendAsync(client, upload.Id, 0, RecordingsVault.Octets(media, 0, half));

            await storage.StopAsync();
            var failed = await RecordingsVault.AppendAsync(client, upload.Id, half, RecordingsVault.Octets(media, half));
            var problem = JsonDocument.Parse(await failed.Content.ReadAsStringAsync(Ct)).RootElement;
            var during = await VaultApiFactory.ReadAsync<UploadView>(await client.GetAsync($"/api/recordings/uploads/{upload.Id}", Ct));
            var visible = await vault.WithDbAsync(db => db.Set<Recording>().CountAsync(r => r.PlacementId == world.Placement.Id, Ct));

            await storage.DisposeAsync();
            storage = await Azurite.StartAsync(storage.BlobPort, storage.QueuePort, location);
            var resumed = await RecordingsVault.AppendAsync(client, upload.Id, during.Received, RecordingsVault.Octets(media, (int)during.Received));
            var recording = await VaultApiFactory.ReadAsync<RecordingView>(await RecordingsVault.CompleteAsync(client, upload.Id));
            var played = await client.PlayAllAsync(recording);
            var duration = (await RecordingsVault.ProbeAsync(played)).GetProperty("format").GetProperty("duration").GetString()!;
            var blobs = new List<string>();
            await foreach (var blob in vault.Services.GetRequiredService<EncryptedBlobStore>().Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, Ct))
            {
                blobs.Add(blob.Name);
            }

            Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
            Assert.Equal(Shared.Problems.ProblemKind.TypeBase + "storage-unavailable", problem.GetProperty("type").GetString());
            Assert.Equal(UploadStatus.Open, during.Status);
            Assert.InRange(during.Received, half, media.Length - 1);
            Assert.Equal(0, visible);
            Assert.Equal(HttpStatusCode.NoContent, resumed.StatusCode);
            Assert.Equal(recording.Length, played.Length);
            Assert.InRange(double.Parse(duration, System.Globalization.CultureInfo.InvariantCulture), 3.5, 4.5);
            Assert.All(blobs, b => Assert.StartsWith($"recordings/{recording.Id:N}/", b, StringComparison.Ordinal));
        }
        finally
        {
            await storage.DisposeAsync();
            Directory.Delete(location, recursive: true);
        }
    }
}
