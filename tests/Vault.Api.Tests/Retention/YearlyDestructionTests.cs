using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Storage;
using Vault.Api.Tests.Viewing;
using Vault.Api.Viewing;
using Vault.Retention.Planning;
using Vault.Retention.Runs;
using Vault.Testing;
using Xunit;
using static Vault.Api.Tests.Retention.RetentionVault;

namespace Vault.Api.Tests.Retention;

/// <summary>
/// Issue 7 end to end: real recordings uploaded through the gate, the clock moved through August, September and
/// October, and what is left afterwards in the database and in Azurite.
/// </summary>
public sealed class YearlyDestructionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_September_run_destroys_assessed_recordings_and_keeps_held_and_unassessed_ones_through_August_and_October()
    {
        await using var vault = await StartAsync();
        var world = await vault.CreatePlacementAsync();
        var assessed = await UploadAsync(vault, world);
        var held = await UploadAsync(vault, world);
        var pending = await UploadAsync(vault, world);
        await MarkAssessedAsync(vault, assessed.Id, world);
        await MarkAssessedAsync(vault, held.Id, world);
        await PlaceHoldAsync(vault, held.Id);

        // August: the preview is out, nothing is destroyed yet.
        var august = await RunDayAsync(vault, new DateTime(2027, 8, 25, 3, 0, 0));
        Assert.True(august.PreviewPublished);
        Assert.DoesNotContain(august.Runs, r => r.Kind == DestructionKind.Yearly);
        Assert.True(await ExistsAsync(vault, assessed.Id));

        // September, the run day: the assessed recording goes, the held and the pending one stay, with reasons.
        var september = await RunDayAsync(vault, new DateTime(2027, 9, 15, 3, 0, 0));
        var yearly = Assert.Single(september.Runs, r => r.Kind == DestructionKind.Yearly);
        Assert.Equal(RunOutcome.Completed, yearly.Outcome);
        Assert.Equal(1, yearly.Destroyed);
        Assert.False(await ExistsAsync(vault, assessed.Id));
        Assert.True(await ExistsAsync(vault, held.Id));
        Assert.True(await ExistsAsync(vault, pending.Id));
        Assert.Empty(await BlobsOfAsync(vault, assessed.Id));
        Assert.NotEmpty(await BlobsOfAsync(vault, held.Id));
        var tombstone = await TombstoneAsync(vault, assessed.Id);
        Assert.NotNull(tombstone);
        Assert.Equal(world.Placement.Id, tombstone.PlacementId);
        // The placement (till April 2027) has ended by September, so the reason is R13 rather than plain R7.
        Assert.Equal(RetentionReasons.PlacementEndedAssessed, tombstone.Reason);
        var items = await vault.WithDbAsync(db => ((Vault.Retention.Data.IRetentionDb)db).DestructionRunItems.AsNoTracking().Where(i => i.RunId == yearly.RunId).ToListAsync(Ct));
        Assert.Equal(RetentionReasons.LegalHold, items.Single(i => i.RecordingId == held.Id).Reason);
        Assert.Equal(RetentionReasons.AssessmentPending, items.Single(i => i.RecordingId == pending.Id).Reason);
        Assert.True(items.Single(i => i.RecordingId == assessed.Id).KeyDestroyed);

        using var student = vault.SignInAs(world.Student);
        Assert.Equal(HttpStatusCode.NotFound, (await student.GetAsync($"/api/recordings/{assessed.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await student.GetAsync($"/api/recordings/{held.Id}", Ct)).StatusCode);

        // October: the run is not repeated and destroys nothing more.
        var october = await RunDayAsync(vault, new DateTime(2027, 10, 10, 3, 0, 0));
        var again = Assert.Single(october.Runs, r => r.Kind == DestructionKind.Yearly);
        Assert.Equal(RunOutcome.AlreadyCompleted, again.Outcome);
        Assert.Equal(yearly.ListSha256, again.ListSha256);
        Assert.True(await ExistsAsync(vault, held.Id));
        Assert.True(await ExistsAsync(vault, pending.Id));
    }

    [Fact]
    public async Task After_the_yearly_run_a_kept_snapshot_cannot_be_decrypted_the_comments_and_clips_are_gone_and_the_tombstone_remains()
    {
        await using var vault = await StartAsync();
        var world = await vault.CreatePlacementAsync();
        var recording = await UploadAsync(vault, world);
        await vault.CommentAsync(world.Io, recording.Id, 0.5, "Noemt een leerling bij naam");
        using (var student = vault.SignInAs(world.Student))
        {
            var clip = await student.PostAsJsonAsync($"/api/recordings/{recording.Id}/clips", new ClipRequest("Begin", 0, 1), VaultApiFactory.JsonOptions, Ct);
            Assert.Equal(HttpStatusCode.Created, clip.StatusCode);
        }

        Assert.Equal(1, await vault.WithDbAsync(db => db.Set<RecordingComment>().CountAsync(c => c.RecordingId == recording.Id, Ct)));
        await MarkAssessedAsync(vault, recording.Id, world);
        var row = await RowAsync(vault, recording.Id);
        var keyId = row.Content.KeyId;

        // A snapshot, and a copy of it outside the vault's reach (as versioning, soft delete or a backup would keep).
        var blob = RetentionVault.Recordings(vault).GetBlobClient(row.Content.BlobName);
        var snapshot = (await blob.CreateSnapshotAsync(cancellationToken: Ct)).Value.Snapshot;
        var kept = await blob.WithSnapshot(snapshot).DownloadContentAsync(Ct);
        var backups = new BlobServiceClient(vault.Azurite.ConnectionString).GetBlobContainerClient("backup" + Guid.NewGuid().ToString("N")[..20]);
        await backups.CreateIfNotExistsAsync(cancellationToken: Ct);
        var copy = backups.GetBlobClient(row.Content.BlobName);
        await copy.UploadAsync(kept.Value.Content, new BlobUploadOptions { Metadata = kept.Value.Details.Metadata }, Ct);

        // Before: the vault's key opens the copy (so the check below can fail).
        var key = await vault.WithDbAsync(db => vault.Services.GetRequiredService<KeyRing>().UnwrapAsync(db, keyId, Ct));
        Assert.NotNull(key);
        var plaintext = (await copy.WithClientSideEncryptionOptions(VaultEncryption.For(keyId, key)).DownloadContentAsync(Ct)).Value.Content.ToArray();
        Assert.Equal(row.Content.Length, plaintext.Length);

        await RunDayAsync(vault, new DateTime(2027, 9, 15, 3, 0, 0));

        // The blob and its snapshot are gone from the vault; the key is overwritten; the tombstone remains.
        Assert.Empty(await BlobsOfAsync(vault, recording.Id));
        Assert.Null(await vault.WithDbAsync(db => vault.Services.GetRequiredService<KeyRing>().UnwrapAsync(db, keyId, Ct)));
        var shredded = await vault.WithDbAsync(db => db.Set<RecordingKey>().AsNoTracking().SingleAsync(k => k.Id == keyId, Ct));
        Assert.Empty(shredded.WrappedKey);
        Assert.NotNull(shredded.DestroyedAt);
        Assert.NotNull(await TombstoneAsync(vault, recording.Id));
        Assert.Equal(0, await vault.WithDbAsync(db => db.Set<RecordingComment>().CountAsync(c => c.RecordingId == recording.Id, Ct)));
        Assert.Equal(0, await vault.WithDbAsync(db => db.Set<RecordingClip>().CountAsync(c => c.RecordingId == recording.Id, Ct)));

        // The kept copy is still there, ciphertext only: no key the vault can produce opens it.
        Assert.True((await copy.ExistsAsync(Ct)).Value);
        var guess = RandomNumberGenerator.GetBytes(KeyRing.RecordingKeyLength);
        await Assert.ThrowsAnyAsync<Exception>(() => copy.WithClientSideEncryptionOptions(VaultEncryption.For(keyId, guess)).DownloadContentAsync(Ct));
        var ciphertext = (await copy.DownloadContentAsync(Ct)).Value.Content.ToArray();
        Assert.True(ciphertext.AsSpan().IndexOf(plaintext.AsSpan(0, Math.Min(4096, plaintext.Length))) < 0, "the kept copy holds plaintext");
    }
}
