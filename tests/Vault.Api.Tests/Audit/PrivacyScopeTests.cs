using System.Net;
using System.Net.Http.Json;
using Vault.Api.Privacy;
using Vault.Shared.Auditing;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Audit;

public sealed class PrivacyScopeTests(VaultApiFactory vault) : IClassFixture<VaultApiFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_privacy_officer_of_OSR_sees_OSR_events_and_none_of_OSH()
    {
        var fgOsr = await vault.CreateSchoolPrivacyOfficerAsync(Arrange.Osr);
        var osh = await vault.CreatePlacementAsync(Arrange.Osh);
        var osr = await vault.CreatePlacementAsync(Arrange.Osr);
        await vault.ChangePolicyAsync(Arrange.Osh);
        await vault.ChangePolicyAsync(Arrange.Osr);
        var oshLocations = new[] { osh.SchoolLocationId };

        using var client = vault.SignInAs(fgOsr);
        var page = await client.GetFromJsonAsync<AuditPage>("/api/privacy/events?limit=500", VaultApiFactory.JsonOptions, Cancel);

        Assert.Contains(page!.Items, e => e.Action == AuditActions.PlacementCreated && e.SubjectId == osr.Placement.Id.ToString());
        Assert.Contains(page.Items, e => e.Action == AuditActions.PolicyChanged && e.OpleidingsschoolId == Arrange.Osr);
        Assert.DoesNotContain(page.Items, e => e.OpleidingsschoolId == Arrange.Osh || (e.SchoolLocationId is { } l && oshLocations.Contains(l)));
        Assert.DoesNotContain(page.Items, e => e.SubjectId == osh.Placement.Id.ToString());
        Assert.All(page.Items, e => Assert.True(e.OpleidingsschoolId == Arrange.Osr || e.SchoolLocationId is not null));
    }

    [Fact]
    public async Task A_recording_of_OSH_is_not_found_for_the_privacy_officer_of_OSR()
    {
        var fgOsr = await vault.CreateSchoolPrivacyOfficerAsync(Arrange.Osr);
        var fgOsh = await vault.CreateSchoolPrivacyOfficerAsync(Arrange.Osh);
        var oshSchool = await vault.CreateSchoolLocationAsync(Arrange.Osh);
        var recording = await vault.UploadAsync(Arrange.Osh, oshSchool, Guid.NewGuid());
        await vault.PlaybackAsync(recording, oshSchool, 0, 12.5);

        using var osr = vault.SignInAs(fgOsr);
        using var oshClient = vault.SignInAs(fgOsh);
        var hidden = await osr.GetAsync($"/api/privacy/recordings/{recording}", Cancel);
        var filtered = await osr.GetFromJsonAsync<AuditPage>($"/api/privacy/events?recordingId={recording}", VaultApiFactory.JsonOptions, Cancel);
        var seen = await oshClient.GetFromJsonAsync<RecordingAudit>($"/api/privacy/recordings/{recording}", VaultApiFactory.JsonOptions, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Empty(filtered!.Items);
        var viewing = Assert.Single(seen!.Viewings);
        Assert.Equal(12.5, viewing.Details!.Value.GetProperty("ranges")[0][1].GetDouble());
        Assert.Equal(2, seen.Events.Items.Count);
    }

    [Fact]
    public async Task The_Instituut_privacy_officer_sees_the_Instituut_side_but_not_a_schools_own_events()
    {
        var fgInstituut = await vault.CreateInstituutPrivacyOfficerAsync();
        var oshSchool = await vault.CreateSchoolLocationAsync(Arrange.Osh);
        var recording = await vault.UploadAsync(Arrange.Osh, oshSchool, Guid.NewGuid());
        var person = await vault.CreatePersonAsync("Nieuwe student", Vault.Shared.Identity.VaultRoles.Student);
        await vault.ChangePolicyAsync(Arrange.Osh);

        using var client = vault.SignInAs(fgInstituut);
        var page = await client.GetFromJsonAsync<AuditPage>("/api/privacy/events?limit=500", VaultApiFactory.JsonOptions, Cancel);

        // Without a school: people. Done by Instituut staff at a school: the administrator's policy change.
        Assert.Contains(page!.Items, e => e.Action == AuditActions.PersonCreated && e.SubjectId == person.Id.ToString());
        Assert.Contains(page.Items, e => e.Action == AuditActions.PolicyChanged && e.OpleidingsschoolId == Arrange.Osh);
        Assert.DoesNotContain(page.Items, e => e.RecordingId == recording);
    }

    [Fact]
    public async Task Someone_without_the_privacy_officer_role_is_refused()
    {
        var world = await vault.CreatePlacementAsync();
        using var client = vault.SignInAs(world.Io);
        var response = await client.GetAsync("/api/privacy/events", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
