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
/// Issue 11's faults during an upload: nothing lost (the upload resumes), nothing half-visible, nothing orphaned.
/// A master key that does not match its keys is proven in <see cref="KeyHierarchyTests"/> (the vault refuses to start);
/// a destruction run killed and resumed in Vault.Retention.Tests.
/// </summary>
public sealed class UploadFaultTests(FaultyVault vault) : IClassFixture<FaultyVault>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Storage_stopping_in_the_middle_of_an_upload_fails_it_cleanly_and_it_resumes_when_storage_is_back()
    {
        var world = await vault.CreatePlacementAsync();
        var media = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(vault.Folder, seconds: 4, name: "outage.mp4"), Ct);
        using var client = vault.SignInAs(world.Student);
        var upload = await RecordingsVault.StartUploadAsync(client, await vault.GetUploadTicketAsync(world), media.Length);
        var half = media.Length / 2;
        var first = await RecordingsVault.AppendAsync(client, upload.Id, 0, RecordingsVault.Octets(media, 0, half));

        // Storage stops after two more segments of the second half are stored.
        vault.Storage.StopAfter(2);
        var failed = await RecordingsVault.AppendAsync(client, upload.Id, half, RecordingsVault.Octets(media, half));
        var problem = JsonDocument.Parse(await failed.Content.ReadAsStringAsync(Ct)).RootElement;
        var during = await ProgressAsync(client, upload.Id);
        var visible = await RecordingsOfAsync(world);
        vault.Storage.Restore();

        var resumed = await RecordingsVault.AppendAsync(client, upload.Id, during.Received, RecordingsVault.Octets(media, (int)during.Received));
        var completed = await RecordingsVault.CompleteAsync(client, upload.Id);
        var recording = await VaultApiFactory.ReadAsync<RecordingView>(completed);
        var played = await client.PlayAllAsync(recording);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Shared.Problems.ProblemKind.TypeBase + "storage-unavailable", problem.GetProperty("type").GetString());
        Assert.NotNull(failed.Headers.RetryAfter);
        Assert.Equal(UploadStatus.Open, during.Status);
        // What was recorded before the outage is kept; segments that were in flight together when storage stopped
        // (the pipeline stores up to SegmentsInFlight at once) are not counted, and the client resends them.
        Assert.InRange(during.Received, half, media.Length - 1);
        Assert.Equal(0, (during.Received - half) % RecordingsVault.SegmentBytes);
        Assert.Equal(0, visible);
        Assert.Equal(HttpStatusCode.NoContent, resumed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, completed.StatusCode);
        Assert.Equal(recording.Length, played.Length);
        var duration = (await RecordingsVault.ProbeAsync(played)).GetProperty("format").GetProperty("duration").GetString()!;
        Assert.Equal(4, double.Parse(duration, System.Globalization.CultureInfo.InvariantCulture), 0.2);
        Assert.Empty(await UploadTests.StagingBlobsAsync(vault, upload.Id));
    }

    [Fact]
    public async Task Storage_down_at_completion_does_not_refuse_the_file_and_the_upload_completes_when_storage_is_back()
    {
        var world = await vault.CreatePlacementAsync();
        var media = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(vault.Folder, seconds: 2, name: "completion-outage.mp4"), Ct);
        using var client = vault.SignInAs(world.Student);
        var upload = await RecordingsVault.StartUploadAsync(client, await vault.GetUploadTicketAsync(world), media.Length);
        (await RecordingsVault.AppendAsync(client, upload.Id, 0, RecordingsVault.Octets(media))).EnsureSuccessStatusCode();

        vault.Storage.StopAfter(0);
        var failed = await RecordingsVault.CompleteAsync(client, upload.Id);
        var problem = JsonDocument.Parse(await failed.Content.ReadAsStringAsync(Ct)).RootElement;
        var during = await ProgressAsync(client, upload.Id);
        var visible = await RecordingsOfAsync(world);
        vault.Storage.Restore();
        var again = await RecordingsVault.CompleteAsync(client, upload.Id);
        var recording = await VaultApiFactory.ReadAsync<RecordingView>(again);

        // Before the fix ffprobe's failure to read the staged bytes was taken for "not media": the upload was refused,
        // its staging key destroyed, and the student got a 500.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(Shared.Problems.ProblemKind.TypeBase + "storage-unavailable", problem.GetProperty("type").GetString());
        Assert.Equal(UploadStatus.Open, during.Status);
        Assert.Equal(0, visible);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(recording.Length, (await client.PlayAllAsync(recording)).Length);
    }

    [Fact]
    public async Task The_database_failing_after_the_blob_is_written_leaves_no_recording_and_no_blob_and_the_upload_completes_later()
    {
        var world = await vault.CreatePlacementAsync();
        var media = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(vault.Folder, seconds: 2, name: "dbdown.mp4"), Ct);
        using var client = vault.SignInAs(world.Student);
        var upload = await RecordingsVault.StartUploadAsync(client, await vault.GetUploadTicketAsync(world), media.Length);
        (await RecordingsVault.AppendAsync(client, upload.Id, 0, RecordingsVault.Octets(media))).EnsureSuccessStatusCode();
        var blobsBefore = await RecordingBlobsAsync();

        vault.Database.FailNextRecordingSave();
        var failed = await RecordingsVault.CompleteAsync(client, upload.Id);
        var problem = JsonDocument.Parse(await failed.Content.ReadAsStringAsync(Ct)).RootElement;
        var afterFailure = await RecordingBlobsAsync();
        var visible = await RecordingsOfAsync(world);
        var session = await ProgressAsync(client, upload.Id);
        var staged = await UploadTests.StagingBlobsAsync(vault, upload.Id);

        var again = await RecordingsVault.CompleteAsync(client, upload.Id);
        var recording = await VaultApiFactory.ReadAsync<RecordingView>(again);
        var played = await client.PlayAllAsync(recording);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(Shared.Problems.ProblemKind.TypeBase + "database-unavailable", problem.GetProperty("type").GetString());
        Assert.Equal(blobsBefore, afterFailure); // the written recording blob went with the failed save
        Assert.Equal(0, visible);
        Assert.Equal(UploadStatus.Open, session.Status); // the student can complete again
        Assert.NotEmpty(staged);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(recording.Length, played.Length);
        Assert.Empty(await UploadTests.StagingBlobsAsync(vault, upload.Id));
    }

    [Fact]
    public async Task A_recording_blob_whose_record_was_never_saved_is_deleted_by_the_sweep_and_recorded_ones_are_kept()
    {
        var world = await vault.CreatePlacementAsync();
        var media = await TestMedia.CreateVideoAsync(vault.Folder, seconds: 1, name: "kept.mp4");
        var kept = await vault.CreateReadyRecordingAsync(world.Placement.Id, media, cancellationToken: Ct);

        // What a process killed between writing the blob and saving its row leaves behind (its key was never saved).
        var orphan = $"recordings/{Guid.CreateVersion7():N}/v1";
        await WriteStrayBlobAsync(orphan);
        var sweeper = vault.Services.GetRequiredService<AbandonedUploadSweeper>();

        var firstSweep = await sweeper.SweepOrphansAsync(Ct);
        var afterFirst = await RecordingBlobsAsync();
        vault.Time.Advance(TimeSpan.FromMinutes(2));
        await sweeper.SweepOrphansAsync(Ct);
        var afterSecond = await RecordingBlobsAsync();
        var recorded = await vault.WithDbAsync(db => db.Set<Recording>().Select(r => r.Id).ToListAsync(Ct));

        Assert.Equal(0, firstSweep); // seen once: it may still be waiting for its row
        Assert.Contains(orphan, afterFirst);
        Assert.DoesNotContain(orphan, afterSecond);
        Assert.Contains(afterSecond, name => name.StartsWith($"recordings/{kept:N}/", StringComparison.Ordinal));
        Assert.All(afterSecond, name => Assert.Contains(Guid.ParseExact(name.Split('/')[1], "N"), recorded));
    }

    [Fact]
    public async Task A_staging_segment_that_lands_after_its_upload_expired_is_deleted_by_the_sweep_and_open_uploads_keep_theirs()
    {
        var world = await vault.CreatePlacementAsync();
        var media = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(vault.Folder, seconds: 2, name: "late.mp4"), Ct);
        using var client = vault.SignInAs(world.Student);
        var open = await RecordingsVault.StartUploadAsync(client, await vault.GetUploadTicketAsync(world), media.Length);
        Assert.Equal(HttpStatusCode.NoContent, (await RecordingsVault.AppendAsync(client, open.Id, 0, RecordingsVault.Octets(media, 0, RecordingsVault.SegmentBytes))).StatusCode);
        var expired = await RecordingsVault.StartUploadAsync(client, await vault.GetUploadTicketAsync(world), media.Length);
        await vault.WithDbAsync(async db =>
        {
            var session = await db.Set<UploadSession>().SingleAsync(u => u.Id == expired.Id, Ct);
            session.Status = UploadStatus.Expired;
            return await db.SaveChangesAsync(Ct);
        });

        // What a killed vault's last segment write leaves when the storage finishes it after the upload expired.
        var late = $"{StorageLayout.UploadsPrefix}{expired.Id:N}/{0:D13}-{RecordingsVault.SegmentBytes}";
        await WriteStrayBlobAsync(late);
        var sweeper = vault.Services.GetRequiredService<AbandonedUploadSweeper>();

        var firstSweep = await sweeper.SweepOrphansAsync(Ct);
        var afterFirst = await UploadTests.StagingBlobsAsync(vault, expired.Id);
        vault.Time.Advance(TimeSpan.FromMinutes(2));
        await sweeper.SweepOrphansAsync(Ct);

        Assert.Equal(0, firstSweep);
        Assert.Equal([late], afterFirst);
        Assert.Empty(await UploadTests.StagingBlobsAsync(vault, expired.Id));
        Assert.Single(await UploadTests.StagingBlobsAsync(vault, open.Id));
    }

    /// <summary>Ciphertext under a key the vault never saved, as a killed process's last write leaves it.</summary>
    private Task WriteStrayBlobAsync(string name) => vault.WithScopeAsync(async services =>
    {
        var blobs = services.GetRequiredService<EncryptedBlobStore>();
        await blobs.UploadAsync(name, Guid.NewGuid(), System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), new MemoryStream(new byte[4096]), Ct);
    });

    private Task<int> RecordingsOfAsync(PlacementWorld world) =>
        vault.WithDbAsync(db => db.Set<Recording>().CountAsync(r => r.PlacementId == world.Placement.Id, Ct));

    private static async Task<UploadView> ProgressAsync(HttpClient client, Guid upload) =>
        await VaultApiFactory.ReadAsync<UploadView>(await client.GetAsync($"/api/recordings/uploads/{upload}", Ct));

    private async Task<List<string>> RecordingBlobsAsync()
    {
        var names = new List<string>();
        await foreach (var blob in vault.Services.GetRequiredService<EncryptedBlobStore>().Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, "recordings/", Ct))
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
