using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Recordings;
using Vault.Api.Tests.Recordings;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Viewing;

/// <summary>
/// The stream answers only the signed-in viewer with an unexpired playback grant of their own for that recording;
/// access itself is decided again at each request. Playback only: nothing in any answer offers a download.
/// </summary>
public sealed class PlaybackGrantTests(RecordingsVault vault) : IClassFixture<RecordingsVault>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_grant_plays_until_it_expires_and_is_refused_afterwards_with_a_problem()
    {
        var (world, recording) = await vault.RecordedPlacementAsync();
        using var io = vault.SignInAs(world.Io);
        var started = vault.Time.GetUtcNow();
        var grant = await io.StartPlaybackAsync(recording.Id);

        using var early = await RangeAsync(io, grant.StreamUrl);
        vault.Time.Advance(TimeSpan.FromMinutes(9));
        using var late = await RangeAsync(io, grant.StreamUrl);
        vault.Time.Advance(TimeSpan.FromMinutes(1));
        using var expired = await RangeAsync(io, grant.StreamUrl);
        using var renewed = await RangeAsync(io, (await io.StartPlaybackAsync(recording.Id)).StreamUrl);

        Assert.Equal(started + TimeSpan.FromMinutes(10), grant.ExpiresAt); // the default lifetime
        Assert.Equal(HttpStatusCode.PartialContent, early.StatusCode);
        Assert.Equal(HttpStatusCode.PartialContent, late.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Equal(RecordingEndpoints.GrantRequired.Type, await ProblemTypeAsync(expired));
        Assert.Equal(HttpStatusCode.PartialContent, renewed.StatusCode);
    }

    [Fact]
    public async Task Another_viewers_grant_a_grant_for_another_recording_a_forged_one_or_none_are_refused()
    {
        var (world, recording) = await vault.RecordedPlacementAsync();
        var (_, other) = await vault.RecordedPlacementAsync();
        using var io = vault.SignInAs(world.Io);
        using var wpb = vault.SignInAs(world.WpbOrWerkbegeleider);
        using var otherStudent = vault.SignInAs((await vault.CreatePlacementAsync()).Student);
        var iosGrant = await io.StartPlaybackAsync(recording.Id);
        using var student = vault.SignInAs(world.Student);
        var studentsGrant = await student.StartPlaybackAsync(recording.Id);
        var token = iosGrant.StreamUrl[(iosGrant.StreamUrl.IndexOf("?grant=", StringComparison.Ordinal) + "?grant=".Length)..];

        using var byColleague = await RangeAsync(wpb, iosGrant.StreamUrl);                               // a viewer, but not the grant's
        using var wrongRecording = await RangeAsync(io, $"/api/recordings/{other.Id}/stream?grant={token}"); // not a viewer of that one: 404
        using var forged = await RangeAsync(io, $"/api/recordings/{recording.Id}/stream?grant=" + token[..^4] + "AAAA");
        using var garbled = await RangeAsync(io, $"/api/recordings/{recording.Id}/stream?grant=" + Uri.EscapeDataString("not base64 *!"));
        using var none = await RangeAsync(io, $"/api/recordings/{recording.Id}/stream");
        using var stranger = await RangeAsync(otherStudent, iosGrant.StreamUrl);                       // not a viewer: 404, never 403
        using var students = await RangeAsync(io, studentsGrant.StreamUrl);

        Assert.Equal(HttpStatusCode.Forbidden, byColleague.StatusCode);
        Assert.Equal(RecordingEndpoints.GrantRequired.Type, await ProblemTypeAsync(byColleague));
        Assert.Equal(HttpStatusCode.NotFound, wrongRecording.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, garbled.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, students.StatusCode);
    }

    [Fact]
    public async Task A_grant_for_one_recording_does_not_open_another_the_viewer_may_see()
    {
        var (world, first) = await vault.RecordedPlacementAsync();
        var second = await vault.UploadRecordingAsync(world, await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(vault.Folder, 1, name: Guid.NewGuid().ToString("N") + ".mp4"), Ct));
        using var student = vault.SignInAs(world.Student);
        var grant = await student.StartPlaybackAsync(first.Id);
        var token = grant.StreamUrl[(grant.StreamUrl.IndexOf("?grant=", StringComparison.Ordinal) + "?grant=".Length)..];

        using var response = await RangeAsync(student, $"/api/recordings/{second.Id}/stream?grant={token}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_grant_from_before_a_redaction_plays_the_new_version()
    {
        var world = await vault.CreatePlacementAsync();
        var recording = await vault.UploadRecordingAsync(world, await File.ReadAllBytesAsync(await TestMedia.CreateVideoAsync(vault.Folder, seconds: 4, name: Guid.NewGuid().ToString("N") + ".mp4"), Ct));
        using var io = vault.SignInAs(world.Io);
        var before = await io.StartPlaybackAsync(recording.Id);
        using var student = vault.SignInAs(world.Student);
        var redacted = await VaultApiFactory.ReadAsync<RecordingView>(await student.PostAsJsonAsync(
            $"/api/recordings/{recording.Id}/redactions", new RedactionRequest([new TimeRange(1, 2)], null), VaultApiFactory.JsonOptions, Ct));
        var middle = redacted.Length / 2;

        // The old grant names the first version's content, whose blob is gone by now.
        using var old = await RangeAsync(io, before.StreamUrl, middle, middle + 999);
        using var fresh = await RangeAsync(io, (await io.StartPlaybackAsync(recording.Id)).StreamUrl, middle, middle + 999);

        Assert.Equal(2, redacted.VersionNumber);
        Assert.Equal(HttpStatusCode.PartialContent, old.StatusCode);
        Assert.Equal(HttpStatusCode.PartialContent, fresh.StatusCode);
        Assert.Equal(redacted.Length, old.Content.Headers.ContentRange!.Length);
        Assert.Equal(fresh.Headers.ETag, old.Headers.ETag);
        Assert.Equal(await fresh.Content.ReadAsByteArrayAsync(Ct), await old.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task A_grant_made_before_grants_named_their_content_still_plays_until_it_expires()
    {
        var (world, recording) = await vault.RecordedPlacementAsync();
        using var io = vault.SignInAs(world.Io);
        var protector = vault.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(PlaybackSessions.Purpose);
        var expires = vault.Time.GetUtcNow().AddMinutes(5).ToUnixTimeMilliseconds();
        var token = protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{world.Io.Id:N}|{recording.Id:N}|{Guid.CreateVersion7():N}|{expires}"));
        var url = $"/api/recordings/{recording.Id}/stream?grant={Uri.EscapeDataString(token)}";

        using var played = await RangeAsync(io, url, 100, 199);
        using var fresh = await RangeAsync(io, (await io.StartPlaybackAsync(recording.Id)).StreamUrl, 100, 199);
        vault.Time.Advance(TimeSpan.FromMinutes(5));
        using var expired = await RangeAsync(io, url, 100, 199);

        Assert.Equal(HttpStatusCode.PartialContent, played.StatusCode);
        Assert.Equal(await fresh.Content.ReadAsByteArrayAsync(Ct), await played.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
    }

    [Fact]
    public async Task A_valid_grant_without_a_signed_in_viewer_gets_401_and_no_bytes()
    {
        var (world, recording) = await vault.RecordedPlacementAsync();
        using var io = vault.SignInAs(world.Io);
        var grant = await io.StartPlaybackAsync(recording.Id);
        using var anonymous = vault.CreateClient();

        using var response = await RangeAsync(anonymous, grant.StreamUrl);
        using var afterwards = await RangeAsync(io, grant.StreamUrl);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentRange);
        Assert.NotEqual("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.PartialContent, afterwards.StatusCode);
    }

    [Fact]
    public async Task No_answer_about_a_recording_offers_a_download()
    {
        var (world, recording) = await vault.RecordedPlacementAsync();
        using var student = vault.SignInAs(world.Student);
        var grant = await student.StartPlaybackAsync(recording.Id);
        using var whole = await student.GetAsync(grant.StreamUrl, Ct);
        using var range = await RangeAsync(student, grant.StreamUrl);
        using var metadata = await student.GetAsync($"/api/recordings/{recording.Id}", Ct);
        using var playback = await student.PostAsync($"/api/recordings/{recording.Id}/playback", null, Ct);

        // (The player page itself is checked in the browser: Vault.Web.Tests' coach journey.)
        foreach (var response in new[] { whole, range, metadata, playback })
        {
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage!.RequestUri}: {(int)response.StatusCode}");
            Assert.Null(response.Content.Headers.ContentDisposition);
            Assert.False(response.Content.Headers.Contains("Content-Disposition"));
        }

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
        Assert.True(whole.Headers.CacheControl is { NoStore: true, Private: true });
    }

    [Fact]
    public async Task The_privacy_officer_sees_who_played_the_recording_and_which_parts()
    {
        var (world, recording) = await vault.RecordedPlacementAsync(seconds: 4);
        var officer = await vault.CreatePersonAsync("FG OSR", Vault.Shared.Identity.VaultRoles.PrivacyOfficer, opleidingsschoolId: Arrange.Osr);
        using var io = vault.SignInAs(world.Io);
        var grant = await io.StartPlaybackAsync(recording.Id);
        using (var start = await RangeAsync(io, grant.StreamUrl))
        {
            Assert.Equal(HttpStatusCode.PartialContent, start.StatusCode);
        }

        using (var seek = new HttpRequestMessage(HttpMethod.Get, grant.StreamUrl))
        {
            seek.Headers.Range = new RangeHeaderValue(recording.Length / 2, null);
            using var response = await io.SendAsync(seek, Ct);
            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        }

        using var privacy = vault.SignInAs(officer);
        var report = JsonDocument.Parse(await (await privacy.GetAsync($"/api/privacy/recordings/{recording.Id}", Ct)).Content.ReadAsStringAsync(Ct)).RootElement;
        var viewing = report.GetProperty("viewings").EnumerateArray().Single(v => v.GetProperty("actorPersonId").GetGuid() == world.Io.Id);
        var ranges = viewing.GetProperty("details").GetProperty("ranges").EnumerateArray().Select(r => r.GetString()).ToList();

        Assert.Equal(2, ranges.Count);
        Assert.StartsWith("0:00–", ranges[0], StringComparison.Ordinal);
        Assert.StartsWith("0:02–", ranges[1], StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> RangeAsync(HttpClient client, string url, long from = 0, long to = 99)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(from, to);
        var response = await client.SendAsync(request, Ct);
        await response.Content.LoadIntoBufferAsync(Ct);
        return response;
    }

    private static async Task<string?> ProblemTypeAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("type").GetString();
}
