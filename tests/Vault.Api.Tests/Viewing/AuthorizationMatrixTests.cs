using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Vault.Api.Placements;
using Vault.Api.Recordings;
using Vault.Api.Tests.Recordings;
using Vault.Api.Viewing;
using Vault.Shared.Identity;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Viewing;

/// <summary>
/// Every recording endpoint × every role × (on the placement, on another placement, ended placement, other
/// school), through HTTP with real tokens. The expected answers are written out below; zero leaks means every
/// "404" row really is a 404 on every endpoint (not a 403 that would confirm the id exists).
/// </summary>
public sealed class AuthorizationMatrixTests(RecordingsVault vault) : IClassFixture<RecordingsVault>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Relations:
    //   on     — on the recording's placement (officers/admins: holding their role AND a WPB row on the placement)
    //   other  — the same role on another placement (officers/admins: their role scoped to the recording's own school)
    //   ended  — on the recording's placement after it ended (R15) — access stays until destruction, assessment follows
    //            (extra assessor: their end date has passed)
    //   school — the same role at another school (a Haagse opleidingsschool)
    // Columns, one per recording endpoint:
    //   get         GET    /{id}                          metadata
    //   playback    POST   /{id}/playback                 start a playback session (the short-lived grant)
    //   stream      GET    /{id}/stream?grant=…           a range, with one's own grant — or, for whoever gets no grant, the student's
    //   nogrant     GET    /{id}/stream                   a range without a grant (403 for viewers, still 404 for everyone else)
    //   redact      POST   /{id}/redactions               empty request: 400 = admitted
    //   comments    GET    /{id}/comments
    //   comment     POST   /{id}/comments
    //   edit        PUT    /{id}/comments/{c}             the student's comment
    //   delcomment  DELETE /{id}/comments/{c}             a fresh comment of the student
    //   assess      POST   /{id}/assessment               R16
    //   assessors   GET    /{id}/assessors
    //   addassessor POST   /{id}/assessors                empty request: 400 = admitted
    //   rmassessor  DELETE /{id}/assessors/{a}            a fresh (expired) assessor row
    //   clips       GET    /{id}/clips
    //   addclip     POST   /{id}/clips
    //   delclip     DELETE /{id}/clips/{c}                a fresh clip of the student
    //   listed      the recording shows in /mine (student) or /coached (others)
    //   delete      POST   /{id}/deletion-request         on a second recording of the same placement: the student's delete destroys it
    // Renditions have no endpoint of their own: the web rendition is played through playback/stream.
    private const string Expected = """
        role            relation  get playback stream nogrant redact comments comment edit delcomment assess assessors addassessor rmassessor clips addclip delclip listed delete
        Student         on        200 200      206    403     400    200      201     200  204        403    200       403         403        200   201     204     Y      200
        Student         other     404 404      404    404     404    404      404     404  404        404    404       404         404        404   404     404     N      404
        Student         ended     200 200      206    403     400    200      201     200  204        403    200       403         403        200   201     204     Y      200
        Student         school    404 404      404    404     404    404      404     404  404        404    404       404         404        404   404     404     N      404
        IO              on        200 200      206    403     403    200      201     403  403        200    200       400         204        200   403     403     Y      403
        IO              other     404 404      404    404     404    404      404     404  404        404    404       404         404        404   404     404     N      404
        IO              ended     200 200      206    403     403    200      201     403  403        200    200       400         204        200   403     403     Y      403
        IO              school    404 404      404    404     404    404      404     404  404        404    404       404         404        404   404     404     N      404
        WPB             on        200 200      206    403     403    200      201     403  403        403    200       403         403        200   403     403     Y      403
        WPB             other     404 404      404    404     404    404      404     404  404        404    404       404         404        404   404     404     N      404
        WPB             ended     200 200      206    403     403    200      201     403  403        403    200       403         403        200   403     403     Y      403
        WPB             school    404 404      404    404     404    404      404     404  404        404    404       404         404        404   404     404     N      404
        SO              on        200 200      206    403     403    200      201     403  403        403    200       403         403        200   403     403     Y      403
        SO              other     404 404      404    404     404    404      404     404  404        404    404       404         404        404   404     404     N      404
        SO              ended     200 200      206    403     403    200      201     403  403        403    200       403         403        200   403     403     Y      403
        SO              school    404 404      404    404     404    404      404     404  404        404    404       404         404        404   404     404     N      404
        ExtraAssessor   on        200 200      206    403     403    200      201     403  403        403    200       403         403        200   403     403     Y      403
        ExtraAssessor   other     404 404      404    404     404    404      404     404  404        404    404       404         404        404   404     404     N      404
        ExtraAssessor   ended     404 404      404    404     404    404      404     404  404        404    404       404         404        404   404     404     N      404
        ExtraAssessor   school    404 404      404    404     404    404      404     404  404        404    404       404         404        404   404     404     N      404
        ConsentAdmin    on        200 200      206    403     403    200      201     403  403        403    200       403         403        200   403     403     Y      403
        ConsentAdmin    other     404 404      404    404     404    404      404     404  404        404    404       404         404        404   404     404     N      404
        ConsentAdmin    ended     200 200      206    403     403    200      201     403  403        403    200       403         403        200   403     403     Y      403
        ConsentAdmin    school    404 404      404    404     404    404      404     404  404        404    404       404         404        404   404     404     N      404
        PrivacyOfficer  on        200 200      206    403     403    200      201     403  403        403    200       403         403        200   403     403     Y      403
        PrivacyOfficer  other     404 404      404    404     404    404      404     404  404        404    404       404         404        404   404     404     N      404
        PrivacyOfficer  ended     200 200      206    403     403    200      201     403  403        403    200       403         403        200   403     403     Y      403
        PrivacyOfficer  school    404 404      404    404     404    404      404     404  404        404    404       404         404        404   404     404     N      404
        Admin           on        200 200      206    403     403    200      201     403  403        403    200       403         403        200   403     403     Y      403
        Admin           other     404 404      404    404     404    404      404     404  404        404    404       404         404        404   404     404     N      404
        Admin           ended     200 200      206    403     403    200      201     403  403        403    200       403         403        200   403     403     Y      403
        Admin           school    404 404      404    404     404    404      404     404  404        404    404       404         404        404   404     404     N      404
        """;

    [Fact]
    public async Task Every_endpoint_answers_every_role_and_relation_as_the_table_says()
    {
        var cases = await ArrangeAsync();
        var lines = Expected.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var columns = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[2..];
        var expected = lines.Skip(1).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var mismatches = new List<string>();

        // The student's rows last: their delete destroys the second recording, which every other row probes first.
        foreach (var row in expected.OrderBy(r => r[0] == "Student"))
        {
            var (actor, target) = cases[(row[0], row[1])];
            var actual = await ProbeAsync(actor, target);
            var want = row[2..];
            Assert.Equal(columns.Length, want.Length);
            for (var i = 0; i < want.Length; i++)
            {
                if (want[i] != actual[i])
                {
                    mismatches.Add($"{row[0]} {row[1]} {columns[i]}: expected {want[i]}, got {actual[i]}");
                }
            }
        }

        Assert.Equal(Columns, columns);
        Assert.Equal(32, expected.Count);
        Assert.Empty(mismatches);
    }

    private static readonly string[] Columns =
    [
        "get", "playback", "stream", "nogrant", "redact", "comments", "comment", "edit", "delcomment", "assess", "assessors", "addassessor", "rmassessor",
        "clips", "addclip", "delclip", "listed", "delete",
    ];

    /// <summary>The recording under test, its student, the student's comment, and a second recording of the same placement for the delete column.</summary>
    private sealed record Target(RecordingView Recording, TestUser Student, Guid StudentCommentId, RecordingView Doomed, Guid ExpiredAssessorPersonId);

    private async Task<string[]> ProbeAsync(TestUser actor, Target target)
    {
        var id = target.Recording.Id;
        var root = $"/api/recordings/{id}";

        // Fresh things to delete, made by their owners, so that one row's delete does not change another row's answer.
        using var owner = vault.SignInAs(target.Student);
        var studentsGrant = await owner.StartPlaybackAsync(id);
        var freshComment = (await vault.CommentAsync(target.Student, id, 0.3, "Om te verwijderen")).Id;
        var freshClip = (await VaultApiFactory.ReadAsync<ClipView>(await owner.PostAsJsonAsync($"{root}/clips", new ClipRequest("Om te verwijderen", 0, 1), VaultApiFactory.JsonOptions, Ct))).Id;
        var freshAssessor = await vault.AddAssessorRowAsync(id, target.ExpiredAssessorPersonId, vault.Today().AddDays(-1));

        using var client = vault.SignInAs(actor);
        using var playback = await client.PostAsync($"{root}/playback", null, Ct);
        var streamUrl = playback.IsSuccessStatusCode ? (await VaultApiFactory.ReadAsync<PlaybackGrantView>(playback)).StreamUrl : studentsGrant.StreamUrl;
        var results = new List<string>
        {
            Code(await client.GetAsync(root, Ct)),
            Code(playback, dispose: false),
            Code(await RangeAsync(client, streamUrl)),
            Code(await RangeAsync(client, $"{root}/stream")),
            Code(await client.PostAsJsonAsync($"{root}/redactions", new RedactionRequest([], []), VaultApiFactory.JsonOptions, Ct)),
            Code(await client.GetAsync($"{root}/comments", Ct)),
            Code(await client.PostAsJsonAsync($"{root}/comments", new CommentRequest(0.5, null, CommentCategory.Vraag, "Matrix"), VaultApiFactory.JsonOptions, Ct)),
            Code(await client.PutAsJsonAsync($"{root}/comments/{target.StudentCommentId}", new CommentEdit(CommentCategory.Tip, "Aangepast"), VaultApiFactory.JsonOptions, Ct)),
            Code(await client.DeleteAsync($"{root}/comments/{freshComment}", Ct)),
            Code(await client.PostAsync($"{root}/assessment", null, Ct)),
            Code(await client.GetAsync($"{root}/assessors", Ct)),
            Code(await client.PostAsJsonAsync($"{root}/assessors", new AssessorRequest(Guid.Empty, "", vault.Today().AddDays(-1)), VaultApiFactory.JsonOptions, Ct)),
            Code(await client.DeleteAsync($"{root}/assessors/{freshAssessor}", Ct)),
            Code(await client.GetAsync($"{root}/clips", Ct)),
            Code(await client.PostAsJsonAsync($"{root}/clips", new ClipRequest("Fragment", 0, 1), VaultApiFactory.JsonOptions, Ct)),
            Code(await client.DeleteAsync($"{root}/clips/{freshClip}", Ct)),
        };
        var mine = await VaultApiFactory.ReadAsync<List<RecordingListItem>>(await client.GetAsync("/api/recordings/mine", Ct));
        var coached = await VaultApiFactory.ReadAsync<List<RecordingListItem>>(await client.GetAsync("/api/recordings/coached", Ct));
        results.Add(mine.Concat(coached).Any(r => r.Id == id) ? "Y" : "N");
        results.Add(Code(await client.PostAsync($"/api/recordings/{target.Doomed.Id}/deletion-request", null, Ct)));
        playback.Dispose();
        return [.. results];
    }

    private static async Task<HttpResponseMessage> RangeAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(0, 99);
        return await client.SendAsync(request, Ct);
    }

    private static string Code(HttpResponseMessage response, bool dispose = true)
    {
        var code = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (dispose)
        {
            response.Dispose();
        }

        return code;
    }

    private async Task<Dictionary<(string Role, string Relation), (TestUser Actor, Target Target)>> ArrangeAsync()
    {
        var (a, onRecording) = await vault.RecordedPlacementAsync();      // the recording under test
        var (other, _) = await vault.RecordedPlacementAsync();             // another placement (Rotterdam too)
        var (c, endedRecording) = await vault.RecordedPlacementAsync();   // its placement ends below
        var onDoomed = await vault.UploadRecordingAsync(a, await MediaAsync());
        var endedDoomed = await vault.UploadRecordingAsync(c, await MediaAsync());
        var haags = await vault.CreatePlacementAsync(Arrange.Osh);          // another school (no recording needed)
        var osr = Arrange.Osr;

        var expired = await vault.CreatePersonAsync("Examinator van vorig jaar", VaultRoles.Instituutsopleider);
        var on = new Target(onRecording, a.Student, (await vault.CommentAsync(a.Student, onRecording.Id, 0.2, "Eigen opmerking")).Id, onDoomed, expired.Id);
        var ended = new Target(endedRecording, c.Student, (await vault.CommentAsync(c.Student, endedRecording.Id, 0.2, "Eigen opmerking")).Id, endedDoomed, expired.Id);
        using (var admin = vault.SignInAs(vault.Admin))
        {
            var end = await admin.PostAsJsonAsync($"/api/placements/{c.Placement.Id}/end",
                new EndPlacementRequest(vault.Today(), PlacementEndReason.InOverleg, null, c.Placement.Version), VaultApiFactory.JsonOptions, Ct);
            Assert.True(end.IsSuccessStatusCode, await end.Content.ReadAsStringAsync(Ct));
        }

        var assessorOn = await vault.CreatePersonAsync("Tweede examinator", VaultRoles.Instituutsopleider);
        var assessorOther = await vault.CreatePersonAsync("Examinator elders", VaultRoles.Instituutsopleider);
        var assessorEnded = await vault.CreatePersonAsync("Examinator verlopen", VaultRoles.Instituutsopleider);
        await vault.AddAssessorRowAsync(onRecording.Id, assessorOn.Id, vault.Today().AddDays(30));
        await vault.AddAssessorRowAsync(endedRecording.Id, assessorOther.Id, vault.Today().AddDays(30));
        await vault.AddAssessorRowAsync(onRecording.Id, assessorEnded.Id, vault.Today().AddDays(-1));
        await vault.AddAssessorRowAsync(onDoomed.Id, assessorOn.Id, vault.Today().AddDays(30));
        await vault.AddAssessorRowAsync(onDoomed.Id, assessorEnded.Id, vault.Today().AddDays(-1));

        var cases = new Dictionary<(string, string), (TestUser, Target)>
        {
            [("Student", "on")] = (a.Student, on), [("Student", "other")] = (other.Student, on), [("Student", "ended")] = (c.Student, ended), [("Student", "school")] = (haags.Student, on),
            [("IO", "on")] = (a.Io, on), [("IO", "other")] = (other.Io, on), [("IO", "ended")] = (c.Io, ended), [("IO", "school")] = (haags.Io, on),
            [("WPB", "on")] = (a.WpbOrWerkbegeleider, on), [("WPB", "other")] = (other.WpbOrWerkbegeleider, on), [("WPB", "ended")] = (c.WpbOrWerkbegeleider, ended), [("WPB", "school")] = (haags.WpbOrWerkbegeleider, on),
            [("SO", "on")] = (a.So!, on), [("SO", "other")] = (other.So!, on), [("SO", "ended")] = (c.So!, ended), [("SO", "school")] = (haags.So!, on),
            [("ExtraAssessor", "on")] = (assessorOn, on), [("ExtraAssessor", "other")] = (assessorOther, on), [("ExtraAssessor", "ended")] = (assessorEnded, on), [("ExtraAssessor", "school")] = (haags.Io, on),
        };

        foreach (var (name, role) in new[] { ("ConsentAdmin", VaultRoles.ConsentAdministrator), ("PrivacyOfficer", VaultRoles.PrivacyOfficer), ("Admin", VaultRoles.InstituteAdministrator) })
        {
            Task<TestUser> Scoped(Guid school, string label) => role switch
            {
                VaultRoles.ConsentAdministrator => vault.CreatePersonAsync($"{name} {label}", role, schoolLocationId: school),
                VaultRoles.PrivacyOfficer => vault.CreatePersonAsync($"{name} {label}", role, opleidingsschoolId: school == haags.SchoolLocationId ? Arrange.Osh : osr),
                _ => vault.CreatePersonAsync($"{name} {label}", role),
            };

            var onPlacement = await Scoped(a.SchoolLocationId, "op de plaatsing");
            await vault.AddCoachRowAsync(a.Placement.Id, onPlacement.Id, CoachRole.Werkplekbegeleider);
            var endedPlacement = await Scoped(c.SchoolLocationId, "beëindigd");
            await vault.AddCoachRowAsync(c.Placement.Id, endedPlacement.Id, CoachRole.Werkplekbegeleider);
            cases[(name, "on")] = (onPlacement, on);
            cases[(name, "other")] = (await Scoped(a.SchoolLocationId, "zelfde school"), on);
            cases[(name, "ended")] = (endedPlacement, ended);
            cases[(name, "school")] = (await Scoped(haags.SchoolLocationId, "andere school"), on);
        }

        return cases;
    }

    private async Task<byte[]> MediaAsync() =>
        await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(vault.Folder, 1, name: Guid.NewGuid().ToString("N") + ".mp4"), Ct);
}
