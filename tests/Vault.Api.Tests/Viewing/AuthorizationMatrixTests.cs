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
    // Columns: metadata, stream (range), redaction (empty request: 400 = admitted), list comments, add comment,
    // edit the student's comment, assessment done, deletion request, list assessors, add assessor (empty: 400 =
    // admitted), list clips, add clip, and whether the recording shows in /mine (student) or /coached (others).
    private const string Expected = """
        role            relation  get  stream redact comments comment edit assess delete assessors addassessor clips addclip listed
        Student         on        200  206    400    200      201     200  403    200    200       403         200   201     Y
        Student         other     404  404    404    404      404     404  404    404    404       404         404   404     N
        Student         ended     200  206    400    200      201     200  403    200    200       403         200   201     Y
        Student         school    404  404    404    404      404     404  404    404    404       404         404   404     N
        IO              on        200  206    403    200      201     403  200    403    200       400         200   403     Y
        IO              other     404  404    404    404      404     404  404    404    404       404         404   404     N
        IO              ended     200  206    403    200      201     403  200    403    200       400         200   403     Y
        IO              school    404  404    404    404      404     404  404    404    404       404         404   404     N
        WPB             on        200  206    403    200      201     403  403    403    200       403         200   403     Y
        WPB             other     404  404    404    404      404     404  404    404    404       404         404   404     N
        WPB             ended     200  206    403    200      201     403  403    403    200       403         200   403     Y
        WPB             school    404  404    404    404      404     404  404    404    404       404         404   404     N
        SO              on        200  206    403    200      201     403  403    403    200       403         200   403     Y
        SO              other     404  404    404    404      404     404  404    404    404       404         404   404     N
        SO              ended     200  206    403    200      201     403  403    403    200       403         200   403     Y
        SO              school    404  404    404    404      404     404  404    404    404       404         404   404     N
        ExtraAssessor   on        200  206    403    200      201     403  403    403    200       403         200   403     Y
        ExtraAssessor   other     404  404    404    404      404     404  404    404    404       404         404   404     N
        ExtraAssessor   ended     404  404    404    404      404     404  404    404    404       404         404   404     N
        ExtraAssessor   school    404  404    404    404      404     404  404    404    404       404         404   404     N
        ConsentAdmin    on        200  206    403    200      201     403  403    403    200       403         200   403     Y
        ConsentAdmin    other     404  404    404    404      404     404  404    404    404       404         404   404     N
        ConsentAdmin    ended     200  206    403    200      201     403  403    403    200       403         200   403     Y
        ConsentAdmin    school    404  404    404    404      404     404  404    404    404       404         404   404     N
        PrivacyOfficer  on        200  206    403    200      201     403  403    403    200       403         200   403     Y
        PrivacyOfficer  other     404  404    404    404      404     404  404    404    404       404         404   404     N
        PrivacyOfficer  ended     200  206    403    200      201     403  403    403    200       403         200   403     Y
        PrivacyOfficer  school    404  404    404    404      404     404  404    404    404       404         404   404     N
        Admin           on        200  206    403    200      201     403  403    403    200       403         200   403     Y
        Admin           other     404  404    404    404      404     404  404    404    404       404         404   404     N
        Admin           ended     200  206    403    200      201     403  403    403    200       403         200   403     Y
        Admin           school    404  404    404    404      404     404  404    404    404       404         404   404     N
        """;

    [Fact]
    public async Task Every_endpoint_answers_every_role_and_relation_as_the_table_says()
    {
        var cases = await ArrangeAsync();
        var expected = Expected.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var mismatches = new List<string>();

        foreach (var row in expected)
        {
            var (actor, target) = cases[(row[0], row[1])];
            var actual = await ProbeAsync(actor, target);
            var want = row[2..];
            for (var i = 0; i < want.Length; i++)
            {
                if (want[i] != actual[i])
                {
                    mismatches.Add($"{row[0]} {row[1]} {Columns[i]}: expected {want[i]}, got {actual[i]}");
                }
            }
        }

        Assert.Equal(32, expected.Count);
        Assert.Empty(mismatches);
    }

    private static readonly string[] Columns = ["get", "stream", "redact", "comments", "comment", "edit", "assess", "delete", "assessors", "addassessor", "clips", "addclip", "listed"];

    private sealed record Target(RecordingView Recording, Guid StudentCommentId);

    private async Task<string[]> ProbeAsync(TestUser actor, Target target)
    {
        using var client = vault.SignInAs(actor);
        var id = target.Recording.Id;
        var root = $"/api/recordings/{id}";
        var results = new List<string>
        {
            Code(await client.GetAsync(root, Ct)),
            Code(await RangeAsync(client, target.Recording.StreamUrl)),
            Code(await client.PostAsJsonAsync($"{root}/redactions", new RedactionRequest([], []), VaultApiFactory.JsonOptions, Ct)),
            Code(await client.GetAsync($"{root}/comments", Ct)),
            Code(await client.PostAsJsonAsync($"{root}/comments", new CommentRequest(0.5, null, CommentCategory.Vraag, "Matrix"), VaultApiFactory.JsonOptions, Ct)),
            Code(await client.PutAsJsonAsync($"{root}/comments/{target.StudentCommentId}", new CommentEdit(CommentCategory.Tip, "Aangepast"), VaultApiFactory.JsonOptions, Ct)),
            Code(await client.PostAsync($"{root}/assessment", null, Ct)),
            Code(await client.PostAsync($"{root}/deletion-request", null, Ct)),
            Code(await client.GetAsync($"{root}/assessors", Ct)),
            Code(await client.PostAsJsonAsync($"{root}/assessors", new AssessorRequest(Guid.Empty, "", vault.Today().AddDays(-1)), VaultApiFactory.JsonOptions, Ct)),
            Code(await client.GetAsync($"{root}/clips", Ct)),
            Code(await client.PostAsJsonAsync($"{root}/clips", new ClipRequest("Fragment", 0, 1), VaultApiFactory.JsonOptions, Ct)),
        };
        var mine = await VaultApiFactory.ReadAsync<List<RecordingListItem>>(await client.GetAsync("/api/recordings/mine", Ct));
        var coached = await VaultApiFactory.ReadAsync<List<RecordingListItem>>(await client.GetAsync("/api/recordings/coached", Ct));
        results.Add(mine.Concat(coached).Any(r => r.Id == id) ? "Y" : "N");
        return [.. results];
    }

    private static async Task<HttpResponseMessage> RangeAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(0, 99);
        return await client.SendAsync(request, Ct);
    }

    private static string Code(HttpResponseMessage response)
    {
        using (response)
        {
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private async Task<Dictionary<(string Role, string Relation), (TestUser Actor, Target Target)>> ArrangeAsync()
    {
        var (a, onRecording) = await vault.RecordedPlacementAsync();      // the recording under test
        var (other, _) = await vault.RecordedPlacementAsync();             // another placement (Rotterdam too)
        var (c, endedRecording) = await vault.RecordedPlacementAsync();   // its placement ends below
        var haags = await vault.CreatePlacementAsync(Arrange.Osh);          // another school (no recording needed)
        var osr = Arrange.Osr;

        var on = new Target(onRecording, (await vault.CommentAsync(a.Student, onRecording.Id, 0.2, "Eigen opmerking")).Id);
        var ended = new Target(endedRecording, (await vault.CommentAsync(c.Student, endedRecording.Id, 0.2, "Eigen opmerking")).Id);
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
}
