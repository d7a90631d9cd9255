using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Recordings;
using Vault.Api.Storage;
using Vault.Api.Tests.Recordings;
using Vault.Api.Viewing;
using Vault.Retention.Planning;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Testing;
using Xunit;
using static Vault.Api.Tests.Retention.RetentionVault;

namespace Vault.Api.Tests.Viewing;

/// <summary>The student deletes their own recording before assessment: destroyed at once, over HTTP, unless a legal hold (R17) keeps it.</summary>
public sealed class StudentDeletionTests(RecordingsVault vault) : IClassFixture<RecordingsVault>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_students_delete_before_assessment_destroys_the_recording_at_once_with_key_blobs_comments_and_clips()
    {
        var (world, recording) = await vault.RecordedPlacementAsync();
        using var student = vault.SignInAs(world.Student);
        using var io = vault.SignInAs(world.Io);
        await vault.CommentAsync(world.Io, recording.Id, 0.5, "Noemt een leerling bij naam");
        Assert.Equal(HttpStatusCode.Created, (await student.PostAsJsonAsync($"/api/recordings/{recording.Id}/clips", new ClipRequest("Begin", 0, 1), VaultApiFactory.JsonOptions, Ct)).StatusCode);
        var iosGrant = await io.StartPlaybackAsync(recording.Id);
        var keyId = await vault.WithDbAsync(db => db.Set<Recording>().Where(r => r.Id == recording.Id).Select(r => r.Content.KeyId).SingleAsync(Ct));
        Assert.NotEmpty(await BlobsOfAsync(vault, recording.Id));

        var deleted = await VaultApiFactory.ReadAsync<DeletionView>(await student.PostAsync($"/api/recordings/{recording.Id}/deletion-request", null, Ct));

        Assert.True(deleted.Destroyed);
        Assert.Null(deleted.Note);
        Assert.False(await ExistsAsync(vault, recording.Id));
        Assert.Empty(await BlobsOfAsync(vault, recording.Id));
        Assert.True(await vault.WithDbAsync(db => db.Set<RecordingKey>().Where(k => k.Id == keyId).Select(k => k.DestroyedAt != null).SingleAsync(Ct)));
        Assert.Equal(0, await vault.WithDbAsync(db => db.Set<RecordingComment>().CountAsync(c => c.RecordingId == recording.Id, Ct)));
        Assert.Equal(0, await vault.WithDbAsync(db => db.Set<RecordingClip>().CountAsync(c => c.RecordingId == recording.Id, Ct)));
        Assert.Equal(RetentionReasons.StudentDeletion, (await TombstoneAsync(vault, recording.Id))!.Reason);
        Assert.Equal(HttpStatusCode.NotFound, (await student.GetAsync($"/api/recordings/{recording.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await io.GetAsync(iosGrant.StreamUrl, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await student.PostAsync($"/api/recordings/{recording.Id}/deletion-request", null, Ct)).StatusCode);
        var actions = await vault.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.RecordingId == recording.Id || e.SubjectId == recording.Id.ToString()).Select(e => e.Action).ToListAsync(Ct));
        Assert.Contains(AuditActions.DeletionRequested, actions);
        Assert.Contains(AuditActions.RecordingDestroyed, actions);
    }

    [Fact]
    public async Task A_held_recording_is_kept_with_its_deletion_request_saved_and_the_student_is_told_why()
    {
        var (world, recording) = await vault.RecordedPlacementAsync();
        await PlaceHoldAsync(vault, recording.Id);
        using var student = vault.SignInAs(world.Student);

        var response = await student.PostAsync($"/api/recordings/{recording.Id}/deletion-request", null, Ct);
        var deletion = await VaultApiFactory.ReadAsync<DeletionView>(response);
        var mine = await VaultApiFactory.ReadAsync<List<RecordingListItem>>(await student.GetAsync("/api/recordings/mine", Ct));

        Assert.False(deletion.Destroyed);
        Assert.Contains("R17", deletion.Note, StringComparison.Ordinal);
        Assert.Equal(vault.Time.GetUtcNow(), deletion.RequestedAt);
        Assert.True(await ExistsAsync(vault, recording.Id));
        Assert.Equal(RecordingStatus.LegalHold, mine.Single(r => r.Id == recording.Id).Status); // held wins over marked
        Assert.NotNull((await RowAsync(vault, recording.Id)).DeletionRequestedAt);
    }

    [Fact]
    public async Task Only_the_student_may_delete_and_coaches_are_refused_without_anything_destroyed()
    {
        var (world, recording) = await vault.RecordedPlacementAsync();
        var stranger = await vault.CreatePersonAsync("Andere student", VaultRoles.Student);

        using var io = vault.SignInAs(world.Io);
        using var other = vault.SignInAs(stranger);
        var byCoach = await io.PostAsync($"/api/recordings/{recording.Id}/deletion-request", null, Ct);
        var byStranger = await other.PostAsync($"/api/recordings/{recording.Id}/deletion-request", null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, byCoach.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byStranger.StatusCode);
        Assert.True(await ExistsAsync(vault, recording.Id));
        Assert.Null((await RowAsync(vault, recording.Id)).DeletionRequestedAt);
    }
}
