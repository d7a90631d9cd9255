using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Recordings;
using Vault.Api.Tests.Recordings;
using Vault.Api.Viewing;
using Vault.Consent.Gate;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Viewing;

/// <summary>
/// R9: under the Haagse module (a placement at an OSH, NOD, 4OLS or HOS schoollocatie) the IO can add as an extra
/// assessor only an employee of that schoollocatie or of the Instituut; a general placement allows a coach of any school.
/// </summary>
public sealed class HaagseAssessorTests(RecordingsVault vault) : IClassFixture<RecordingsVault>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Under_the_Haagse_module_a_coach_of_another_school_is_refused_with_R9_and_a_general_placement_allows_them()
    {
        var (haags, haagsRecording) = await HaagsRecordingAsync();
        var (general, generalRecording) = await vault.RecordedPlacementAsync();
        var elsewhere = await vault.CreatePersonAsync("WPB van een andere Haagse school", VaultRoles.Werkplekbegeleider, await vault.CreateSchoolLocationAsync(Arrange.Osh));
        var officer = await vault.CreatePersonAsync("Privacy officer", VaultRoles.PrivacyOfficer, opleidingsschoolId: Arrange.Osh);
        using var haagsIo = vault.SignInAs(haags.Io);
        using var generalIo = vault.SignInAs(general.Io);

        using var refused = await AddAsync(haagsIo, haagsRecording.Id, elsewhere.Id);
        using var refusedOfficer = await AddAsync(haagsIo, haagsRecording.Id, officer.Id);
        using var allowedElsewhere = await AddAsync(generalIo, generalRecording.Id, elsewhere.Id);
        using var refusedOfficerInGeneral = await AddAsync(generalIo, generalRecording.Id, officer.Id);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(AssessmentEndpoints.AssessorNotAllowed.Type, problem.GetProperty("type").GetString());
        Assert.Equal("R9", problem.GetProperty("rule").GetString());
        Assert.Contains("R9", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refusedOfficer.StatusCode);
        Assert.Equal(HttpStatusCode.Created, allowedElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refusedOfficerInGeneral.StatusCode); // not a coach at all: refused everywhere
        Assert.Equal(0, await vault.WithDbAsync(db => db.Set<ExtraAssessor>().CountAsync(a => a.RecordingId == haagsRecording.Id, Ct)));
        using var stranger = vault.SignInAs(elsewhere);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/recordings/{haagsRecording.Id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Under_the_Haagse_module_an_employee_of_the_schoollocatie_views_until_the_end_date_and_the_addition_is_audited()
    {
        var (haags, recording) = await HaagsRecordingAsync();
        var colleague = await vault.CreatePersonAsync("WPB van dezelfde schoollocatie", VaultRoles.Werkplekbegeleider, haags.SchoolLocationId);
        var examiner = await vault.CreatePersonAsync("Tweede examinator van het Instituut", VaultRoles.Instituutsopleider);
        using var io = vault.SignInAs(haags.Io);
        using var viewer = vault.SignInAs(colleague);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/api/recordings/{recording.Id}", Ct)).StatusCode);

        using var added = await AddAsync(io, recording.Id, colleague.Id, days: 3);
        using var addedExaminer = await AddAsync(io, recording.Id, examiner.Id, days: 3);
        var metadata = await viewer.GetAsync($"/api/recordings/{recording.Id}", Ct);
        var grant = await viewer.StartPlaybackAsync(recording.Id);
        using var lastDay = await RangeAsync(viewer, grant.StreamUrl);
        vault.Time.Advance(TimeSpan.FromDays(4));
        var afterwards = await viewer.GetAsync($"/api/recordings/{recording.Id}", Ct);
        var streamAfterwards = await viewer.GetAsync(grant.StreamUrl, Ct);
        var playbackAfterwards = await viewer.PostAsync($"/api/recordings/{recording.Id}/playback", null, Ct);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Created, addedExaminer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
        Assert.Equal(HttpStatusCode.PartialContent, lastDay.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterwards.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, streamAfterwards.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, playbackAfterwards.StatusCode);
        var audited = await vault.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditActions.AssessorAdded && e.RecordingId == recording.Id && e.ActorPersonId == haags.Io.Id && e.SchoolLocationId == haags.SchoolLocationId)
            .Select(e => e.DetailsJson!).ToListAsync(Ct));
        Assert.Equal(2, audited.Count);
        var details = JsonDocument.Parse(audited.Single(d => d.Contains(colleague.Id.ToString(), StringComparison.Ordinal))).RootElement;
        Assert.Equal("R9", details.GetProperty("rule").GetString());
        Assert.Equal("Tweede beoordeling", details.GetProperty("reason").GetString());
    }

    private async Task<(PlacementWorld World, RecordingView Recording)> HaagsRecordingAsync()
    {
        // R8: at a Haagse school only a closed-environment capture is accepted; its conditions carry R9.
        var world = await vault.CreatePlacementAsync(Arrange.Osh);
        Directory.CreateDirectory(vault.Folder);
        var webm = Path.Combine(vault.Folder, Guid.NewGuid().ToString("N") + ".webm");
        await TestMedia.RunAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=1", "-f", "lavfi", "-i", "sine=duration=1",
            "-c:v", "libvpx", "-deadline", "realtime", "-b:v", "300k", "-c:a", "libopus", "-shortest", webm]);
        var bytes = await File.ReadAllBytesAsync(webm, Ct);
        var ticket = await vault.GetUploadTicketAsync(world, capture: CaptureMode.ClosedEnvironment);
        using var client = vault.SignInAs(world.Student);
        var upload = await VaultApiFactory.ReadAsync<UploadView>(await client.PostAsJsonAsync("/api/recordings/uploads",
            new StartUploadRequest(ticket, "opname.webm", null, CaptureMode.ClosedEnvironment), VaultApiFactory.JsonOptions, Ct));
        Assert.Equal(HttpStatusCode.NoContent, (await RecordingsVault.AppendAsync(client, upload.Id, 0, RecordingsVault.Octets(bytes))).StatusCode);
        var recording = await VaultApiFactory.ReadAsync<RecordingView>(await RecordingsVault.CompleteAsync(client, upload.Id));
        IReadOnlyList<string> conditions = [];
        await vault.WithScopeAsync(async sp => conditions = await sp.GetRequiredService<IUploadGate>().ConditionsForRecordingAsync(recording.Id, Ct));
        Assert.Contains(GateConditions.ViewersDirectlyInvolved, conditions);
        return (world, recording);
    }

    private async Task<HttpResponseMessage> AddAsync(HttpClient io, Guid recordingId, Guid personId, int days = 10) =>
        await io.PostAsJsonAsync($"/api/recordings/{recordingId}/assessors", new AssessorRequest(personId, "Tweede beoordeling", vault.Today().AddDays(days)), VaultApiFactory.JsonOptions, Ct);

    private static async Task<HttpResponseMessage> RangeAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 99);
        var response = await client.SendAsync(request, Ct);
        await response.Content.LoadIntoBufferAsync(Ct);
        return response;
    }
}
