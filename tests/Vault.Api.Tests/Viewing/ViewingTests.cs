using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Placements;
using Vault.Api.Recordings;
using Vault.Api.Tests.Recordings;
using Vault.Api.Viewing;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Viewing;

public sealed class ViewingTests(RecordingsVault vault) : IClassFixture<RecordingsVault>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_replaced_coach_gets_404_at_once_and_the_new_coach_gets_access()
    {
        var (world, recording) = await vault.RecordedPlacementAsync();
        var successor = await vault.CreatePersonAsync("Nieuwe WPB", VaultRoles.Werkplekbegeleider, world.SchoolLocationId);
        using var old = vault.SignInAs(world.WpbOrWerkbegeleider);
        Assert.Equal(HttpStatusCode.OK, (await old.GetAsync($"/api/recordings/{recording.Id}", Ct)).StatusCode);
        var grantBefore = await old.StreamUrlAsync(recording); // still unexpired after the replacement

        using (var admin = vault.SignInAs(vault.Admin))
        {
            var placement = await VaultApiFactory.ReadAsync<PlacementView>(await admin.GetAsync($"/api/placements/{world.Placement.Id}", Ct));
            var replaced = await admin.PutAsJsonAsync($"/api/placements/{world.Placement.Id}/coaches/{CoachRole.Werkplekbegeleider}",
                new ReplaceCoachRequest(successor.Id, placement.Version), VaultApiFactory.JsonOptions, Ct);
            Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        }

        using var fresh = vault.SignInAs(successor);
        Assert.Equal(HttpStatusCode.NotFound, (await old.GetAsync($"/api/recordings/{recording.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await old.GetAsync(grantBefore, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await old.PostAsync($"/api/recordings/{recording.Id}/playback", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await old.GetAsync($"/api/recordings/{recording.Id}/comments", Ct)).StatusCode);
        Assert.DoesNotContain(await ListAsync(old, "coached"), r => r.Id == recording.Id);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync($"/api/recordings/{recording.Id}", Ct)).StatusCode);
        Assert.Contains(await ListAsync(fresh, "coached"), r => r.Id == recording.Id);
    }

    [Fact]
    public async Task Every_playback_session_and_seek_is_audited_with_the_ranges_recording_and_school()
    {
        var (world, recording) = await vault.RecordedPlacementAsync(seconds: 4);
        using var client = vault.SignInAs(world.Io);
        var grant = await client.StartPlaybackAsync(recording.Id);
        foreach (var (from, to) in new[] { (0L, 999L), (0L, 999L), (5_000L, 9_999L) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, grant.StreamUrl);
            request.Headers.Range = new RangeHeaderValue(from, to);
            using var response = await client.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        }

        await vault.Services.GetRequiredService<Vault.Api.Audit.DeferredAudit>().FlushAsync(Ct); // the ranges are written in batches
        var entries = await vault.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.RecordingId == recording.Id && e.ActorPersonId == world.Io.Id && (e.Action == AuditActions.PlaybackSession || e.Action == AuditActions.PlaybackRange))
            .OrderBy(e => e.Sequence).ToListAsync(Ct));

        Assert.Equal([AuditActions.PlaybackSession, AuditActions.PlaybackRange, AuditActions.PlaybackRange], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(world.SchoolLocationId, e.SchoolLocationId));
        var details = entries.Select(e => JsonDocument.Parse(e.DetailsJson!).RootElement).ToList();
        Assert.All(details, d => Assert.Equal(grant.SessionId, d.GetProperty("session").GetGuid()));
        Assert.Equal("0-999", details[1].GetProperty("range").GetString());
        Assert.Equal("5000-9999", details[2].GetProperty("range").GetString());
    }

    [Fact]
    public async Task Comments_round_trip_with_their_timestamps_ranges_categories_and_replies()
    {
        var (world, recording) = await vault.RecordedPlacementAsync(seconds: 3);
        var question = await vault.CommentAsync(world.Wpb(), recording.Id, 1.25, "Waarom hier de klas stil?", category: CommentCategory.Vraag);
        var range = await vault.CommentAsync(world.Io, recording.Id, 0.5, "Mooie instructie", to: 2.75, category: CommentCategory.SterkPunt);
        var reply = await vault.CommentAsync(world.Student, recording.Id, 1.25, "Ik wachtte op stilte.", parent: question.Id);

        using var student = vault.SignInAs(world.Student);
        var list = await VaultApiFactory.ReadAsync<List<CommentView>>(await student.GetAsync($"/api/recordings/{recording.Id}/comments", Ct));

        Assert.Equal([range.Id, question.Id, reply.Id], list.Select(c => c.Id));
        Assert.Equal((0.5, (double?)2.75, "Sterk punt"), (list[0].AtSeconds, list[0].ToSeconds, list[0].CategoryName));
        Assert.Equal((1.25, (double?)null, "Vraag"), (list[1].AtSeconds, list[1].ToSeconds, list[1].CategoryName));
        Assert.Equal(question.Id, list[2].ParentId);
        Assert.True(list[2].Mine);
        Assert.False(list[1].Mine);
        var audited = await vault.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.CommentAdded && e.RecordingId == recording.Id && e.SchoolLocationId == world.SchoolLocationId, Ct));
        Assert.Equal(3, audited);
    }

    [Fact]
    public async Task Only_the_author_edits_or_deletes_a_comment_and_deleting_takes_the_replies_along()
    {
        var (world, recording) = await vault.RecordedPlacementAsync();
        var tip = await vault.CommentAsync(world.Io, recording.Id, 1, "Loop meer rond");
        await vault.CommentAsync(world.Student, recording.Id, 1, "Doe ik", parent: tip.Id);
        using var student = vault.SignInAs(world.Student);
        using var io = vault.SignInAs(world.Io);

        var foreign = await student.PutAsJsonAsync($"/api/recordings/{recording.Id}/comments/{tip.Id}", new CommentEdit(CommentCategory.Tip, "Nee"), VaultApiFactory.JsonOptions, Ct);
        var edited = await VaultApiFactory.ReadAsync<CommentView>(await io.PutAsJsonAsync($"/api/recordings/{recording.Id}/comments/{tip.Id}",
            new CommentEdit(CommentCategory.Aandachtspunt, "Loop meer rond tijdens het zelfstandig werken"), VaultApiFactory.JsonOptions, Ct));
        var foreignDelete = await student.DeleteAsync($"/api/recordings/{recording.Id}/comments/{tip.Id}", Ct);
        var deleted = await io.DeleteAsync($"/api/recordings/{recording.Id}/comments/{tip.Id}", Ct);
        var left = await VaultApiFactory.ReadAsync<List<CommentView>>(await student.GetAsync($"/api/recordings/{recording.Id}/comments", Ct));

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(("Aandachtspunt", 1.0), (edited.CategoryName, edited.AtSeconds));
        Assert.NotNull(edited.EditedAt);
        Assert.Equal(HttpStatusCode.Forbidden, foreignDelete.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(left);
    }

    [Fact]
    public async Task A_comment_outside_the_recording_or_with_an_end_before_its_start_is_a_validation_problem()
    {
        var (world, recording) = await vault.RecordedPlacementAsync();
        using var client = vault.SignInAs(world.Io);

        var beyond = await client.PostAsJsonAsync($"/api/recordings/{recording.Id}/comments", new CommentRequest(600, null, CommentCategory.Tip, "Te laat"), VaultApiFactory.JsonOptions, Ct);
        var backwards = await client.PostAsJsonAsync($"/api/recordings/{recording.Id}/comments", new CommentRequest(1.5, 0.5, CommentCategory.Tip, "Achteruit"), VaultApiFactory.JsonOptions, Ct);
        var empty = await client.PostAsJsonAsync($"/api/recordings/{recording.Id}/comments", new CommentRequest(0.5, null, CommentCategory.Tip, "  "), VaultApiFactory.JsonOptions, Ct);

        Assert.All([beyond, backwards, empty], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
    }

    [Fact]
    public async Task The_IOs_assessment_done_is_stored_on_the_recording_for_retention_and_audited()
    {
        var (world, recording) = await vault.RecordedPlacementAsync();
        using var wpb = vault.SignInAs(world.Wpb());
        using var io = vault.SignInAs(world.Io);
        using var student = vault.SignInAs(world.Student);

        var byWpb = await wpb.PostAsync($"/api/recordings/{recording.Id}/assessment", null, Ct);
        var done = await VaultApiFactory.ReadAsync<AssessmentView>(await io.PostAsync($"/api/recordings/{recording.Id}/assessment", null, Ct));
        var stored = await vault.WithDbAsync(db => db.Set<Recording>().AsNoTracking().SingleAsync(r => r.Id == recording.Id, Ct));
        var deletion = await student.PostAsync($"/api/recordings/{recording.Id}/deletion-request", null, Ct);
        var mine = await ListAsync(student, "mine");

        Assert.Equal(HttpStatusCode.Forbidden, byWpb.StatusCode); // R16: WPB advises, the IO assesses
        Assert.Equal(vault.Time.GetUtcNow(), stored.AssessmentDoneAt);
        Assert.Equal(world.Io.Id, stored.AssessedByPersonId);
        Assert.Equal(done.AssessmentDoneAt, stored.AssessmentDoneAt);
        Assert.Equal(HttpStatusCode.Conflict, deletion.StatusCode);
        Assert.Null(stored.DeletionRequestedAt);
        Assert.Equal(RecordingStatus.Assessed, mine.Single(r => r.Id == recording.Id).Status);
        Assert.Equal(1, await vault.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.AssessmentDone && e.RecordingId == recording.Id && e.SchoolLocationId == world.SchoolLocationId, Ct)));
    }

    [Fact]
    public async Task An_extra_assessor_added_by_the_IO_views_until_removed_and_a_student_cannot_be_one()
    {
        var (world, recording) = await vault.RecordedPlacementAsync();
        var examiner = await vault.CreatePersonAsync("Tweede examinator", VaultRoles.Instituutsopleider);
        using var io = vault.SignInAs(world.Io);
        using var examinerClient = vault.SignInAs(examiner);
        Assert.Equal(HttpStatusCode.NotFound, (await examinerClient.GetAsync($"/api/recordings/{recording.Id}", Ct)).StatusCode);

        var refused = await io.PostAsJsonAsync($"/api/recordings/{recording.Id}/assessors", new AssessorRequest(world.Student.Id, "Eigen student", vault.Today().AddDays(10)), VaultApiFactory.JsonOptions, Ct);
        var added = await VaultApiFactory.ReadAsync<AssessorView>(await io.PostAsJsonAsync($"/api/recordings/{recording.Id}/assessors",
            new AssessorRequest(examiner.Id, "Tweede beoordeling bij twijfel", vault.Today().AddDays(10)), VaultApiFactory.JsonOptions, Ct));
        var whileAdded = await examinerClient.GetAsync($"/api/recordings/{recording.Id}", Ct);
        var removed = await io.DeleteAsync($"/api/recordings/{recording.Id}/assessors/{added.Id}", Ct);
        var afterwards = await examinerClient.GetAsync($"/api/recordings/{recording.Id}", Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, whileAdded.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterwards.StatusCode);
        var actions = await vault.WithDbAsync(db => db.AuditEntries.Where(e => e.RecordingId == recording.Id && e.SchoolLocationId == world.SchoolLocationId).Select(e => e.Action).ToListAsync(Ct));
        Assert.Contains(AuditActions.AssessorAdded, actions);
        Assert.Contains(AuditActions.AssessorRemoved, actions);
    }

    [Fact]
    public async Task Clips_are_references_the_assessors_see_and_destruction_removes_comments_clips_and_assessors()
    {
        var (world, recording) = await vault.RecordedPlacementAsync(seconds: 3);
        using var student = vault.SignInAs(world.Student);
        using var io = vault.SignInAs(world.Io);
        var created = await student.PostAsJsonAsync($"/api/recordings/{recording.Id}/clips", new ClipRequest("Instructie", 0.5, 2), VaultApiFactory.JsonOptions, Ct);
        var byCoach = await io.PostAsJsonAsync($"/api/recordings/{recording.Id}/clips", new ClipRequest("Niet van mij", 0.5, 2), VaultApiFactory.JsonOptions, Ct);
        var seen = await VaultApiFactory.ReadAsync<List<ClipView>>(await io.GetAsync($"/api/recordings/{recording.Id}/clips", Ct));
        await vault.CommentAsync(world.Io, recording.Id, 1, "Noemt Sara bij naam");
        await vault.AddAssessorRowAsync(recording.Id, (await vault.CreatePersonAsync("Examinator", VaultRoles.Instituutsopleider)).Id, vault.Today().AddDays(5));

        var deleted = 0;
        await vault.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<Vault.Api.Data.VaultDbContext>();
            foreach (var attachments in services.GetServices<IRecordingAttachments>())
            {
                deleted += await attachments.DeleteAllAsync(recording.Id, Ct);
            }

            await db.SaveChangesAsync(Ct);
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byCoach.StatusCode);
        Assert.Equal(("Instructie", 0.5, 2.0), (seen.Single().Name, seen.Single().FromSeconds, seen.Single().ToSeconds));
        Assert.Equal(3, deleted);
        Assert.Equal(0, await vault.WithDbAsync(db => db.Set<RecordingComment>().CountAsync(c => c.RecordingId == recording.Id, Ct)));
    }

    [Fact]
    public async Task The_student_records_a_copyright_refusal_once_per_placement()
    {
        var (world, _) = await vault.RecordedPlacementAsync();
        using var student = vault.SignInAs(world.Student);
        using var other = vault.SignInAs(world.Io);

        var first = await student.PostAsJsonAsync("/api/recordings/copyright-refusals", new CopyrightRefusalRequest(world.Placement.Id), VaultApiFactory.JsonOptions, Ct);
        var again = await student.PostAsJsonAsync("/api/recordings/copyright-refusals", new CopyrightRefusalRequest(world.Placement.Id), VaultApiFactory.JsonOptions, Ct);
        var notTheirs = await other.PostAsJsonAsync("/api/recordings/copyright-refusals", new CopyrightRefusalRequest(world.Placement.Id), VaultApiFactory.JsonOptions, Ct);
        var refusals = await VaultApiFactory.ReadAsync<List<CopyrightRefusalView>>(await student.GetAsync("/api/recordings/copyright-refusals", Ct));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Equal(world.Placement.Id, refusals.Single().PlacementId);
    }

    [Fact]
    public async Task The_coached_list_is_newest_first_and_filters_by_student_and_status()
    {
        var (world, first) = await vault.RecordedPlacementAsync();
        vault.Time.Advance(TimeSpan.FromMinutes(5));
        var source = await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(vault.Folder, 1, name: Guid.NewGuid().ToString("N") + ".mp4"), Ct);
        var second = await vault.UploadRecordingAsync(world, source);
        using var io = vault.SignInAs(world.Io);
        await io.PostAsync($"/api/recordings/{first.Id}/assessment", null, Ct);

        var all = await ListAsync(io, $"coached?studentId={world.Student.Id}");
        var assessed = await ListAsync(io, $"coached?studentId={world.Student.Id}&status={RecordingStatus.Assessed}");
        var nobody = await ListAsync(io, $"coached?studentId={Guid.NewGuid()}");

        Assert.Equal([second.Id, first.Id], all.Select(r => r.Id));
        Assert.Equal([first.Id], assessed.Select(r => r.Id));
        Assert.Empty(nobody);
    }

    private static async Task<List<RecordingListItem>> ListAsync(HttpClient client, string which) =>
        await VaultApiFactory.ReadAsync<List<RecordingListItem>>(await client.GetAsync($"/api/recordings/{which}", Ct));
}

internal static class WorldExtensions
{
    public static TestUser Wpb(this PlacementWorld world) => world.WpbOrWerkbegeleider;
}
