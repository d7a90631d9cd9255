using System.Net.Http.Json;
using Azure.Storage.Blobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Data;
using Vault.Api.Recordings;
using Vault.Api.Tests.Recordings;
using Vault.Retention.Holds;
using Vault.Retention.Scheduling;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Retention;

/// <summary>
/// Helpers for retention against the real recordings store: real ffmpeg-made uploads through the real gate, the
/// day's retention work as the background service would do it, and what remains in Azurite and the database.
/// </summary>
internal static class RetentionVault
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// A recordings vault whose retention schedule is off, so only the test decides when retention works. Its periodic
    /// background work (abandoned-upload sweep, audit checkpoints) ticks daily: these tests move the clock by months,
    /// and <c>FakeTimeProvider.SetUtcNow</c> replays every elapsed period of every periodic timer one by one before it
    /// returns (a one-minute sweep over nine months is ~390,000 callbacks, about three minutes on this machine, which
    /// looked like a hang). A real clock never replays missed periods, so the product's timers are not at fault.
    /// </summary>
    public static Task<RecordingsVault> StartAsync(Action<RecordingsVault>? configure = null) => StartAsync(new RecordingsVault(), configure);

    /// <summary>The same for a vault of a derived kind (a test's own hooks).</summary>
    public static async Task<T> StartAsync<T>(T vault, Action<T>? configure = null)
        where T : RecordingsVault
    {
        vault.With("Vault:Retention:ScheduleEnabled", "false");
        vault.With("Vault:Recordings:SweepInterval", "1.00:00:00");
        vault.With("Vault:Audit:CheckpointInterval", "1.00:00:00");
        configure?.Invoke(vault);
        await vault.InitializeAsync();
        return vault;
    }

    public static async Task<RecordingView> UploadAsync(RecordingsVault vault, PlacementWorld world, double seconds = 1)
    {
        var source = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(vault.Folder, seconds, name: Guid.NewGuid().ToString("N") + ".mp4"), Ct);
        return await vault.UploadRecordingAsync(world, source);
    }

    /// <summary>R16: the IO marks the assessment done (the viewing feature's endpoint does this in the product).</summary>
    public static Task MarkAssessedAsync(RecordingsVault vault, Guid recordingId, PlacementWorld world) =>
        vault.WithDbAsync(async db =>
        {
            var recording = await db.Set<Recording>().SingleAsync(r => r.Id == recordingId, Ct);
            recording.AssessmentDoneAt = vault.Time.GetUtcNow();
            recording.AssessedByPersonId = world.Io.Id;
            return await db.SaveChangesAsync(Ct);
        });

    public static async Task PlaceHoldAsync(RecordingsVault vault, Guid recordingId)
    {
        using var officer = vault.SignInAs(vault.Admin);
        var response = await officer.PostAsJsonAsync("/api/retention/holds", new PlaceHoldRequest(HoldScope.Recording, recordingId, null, "Geschil over de beoordeling"), VaultApiFactory.JsonOptions, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>The day's retention work at <paramref name="amsterdamLocal"/> (Europe/Amsterdam wall clock).</summary>
    public static async Task<DutyReport> RunDayAsync(RecordingsVault vault, DateTime amsterdamLocal)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        vault.Time.SetUtcNow(new DateTimeOffset(amsterdamLocal, zone.GetUtcOffset(amsterdamLocal)));
        DutyReport? report = null;
        await vault.WithScopeAsync(async sp => report = await sp.GetRequiredService<RetentionDuty>().RunDueAsync("test", Ct));
        return report!;
    }

    public static Task<bool> ExistsAsync(RecordingsVault vault, Guid recordingId) =>
        vault.WithDbAsync(db => db.Set<Recording>().AnyAsync(r => r.Id == recordingId, Ct));

    public static Task<Recording> RowAsync(RecordingsVault vault, Guid recordingId) =>
        vault.WithDbAsync(db => db.Set<Recording>().AsNoTracking().SingleAsync(r => r.Id == recordingId, Ct));

    public static Task<Vault.Retention.Runs.Tombstone?> TombstoneAsync(RecordingsVault vault, Guid recordingId) =>
        vault.WithDbAsync(db => ((Vault.Retention.Data.IRetentionDb)db).Tombstones.AsNoTracking().SingleOrDefaultAsync(t => t.RecordingId == recordingId, Ct));

    public static BlobContainerClient Recordings(RecordingsVault vault) =>
        vault.Services.GetRequiredService<Vault.Api.Storage.EncryptedBlobStore>().Container;

    /// <summary>Every blob (and snapshot) left under the recording's prefix.</summary>
    public static async Task<List<string>> BlobsOfAsync(RecordingsVault vault, Guid recordingId)
    {
        var names = new List<string>();
        await foreach (var blob in Recordings(vault).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.Snapshots, $"recordings/{recordingId:N}/", Ct))
        {
            names.Add(blob.Snapshot is null ? blob.Name : $"{blob.Name}@{blob.Snapshot}");
        }

        return names;
    }
}
