using System.Net.Http.Headers;
using System.Net.Http.Json;
using Vault.Api.Agreements;
using Vault.Api.People;
using Vault.Api.Placements;
using Vault.Api.Privacy;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Audit;

/// <summary>The foundation's actions write their own audit events: each is caused here through HTTP and found by a privacy officer.</summary>
public sealed class FoundationActionsAuditTests(VaultApiFactory vault) : IClassFixture<VaultApiFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Creating_a_placement_replacing_a_coach_and_ending_it_are_audited_at_the_schoollocatie()
    {
        var fg = await vault.CreateSchoolPrivacyOfficerAsync(Arrange.Osr);
        var world = await vault.CreatePlacementAsync(Arrange.Osr);
        var newWpb = await vault.CreatePersonAsync("Nieuwe WPB", VaultRoles.Werkplekbegeleider, world.SchoolLocationId);
        using var admin = vault.SignInAs(vault.Admin);
        var replaced = await VaultApiFactory.ReadAsync<PlacementView>(await admin.PutAsJsonAsync(
            $"/api/placements/{world.Placement.Id}/coaches/{CoachRole.Werkplekbegeleider}", new ReplaceCoachRequest(newWpb.Id, world.Placement.Version), VaultApiFactory.JsonOptions, Cancel));
        var ended = await admin.PostAsJsonAsync($"/api/placements/{world.Placement.Id}/end",
            new EndPlacementRequest(world.Placement.StartDate.AddDays(10), PlacementEndReason.InOverleg, null, replaced.Version), VaultApiFactory.JsonOptions, Cancel);
        ended.EnsureSuccessStatusCode();
        using var client = vault.SignInAs(fg);

        var events = await client.GetFromJsonAsync<AuditPage>("/api/privacy/events?limit=500", VaultApiFactory.JsonOptions, Cancel);

        var placementEvents = events!.Items.Where(e => e.SubjectId == world.Placement.Id.ToString()).ToList();
        Assert.Equal([AuditActions.PlacementEnded, AuditActions.CoachChanged, AuditActions.PlacementCreated], placementEvents.Select(e => e.Action));
        Assert.All(placementEvents, e =>
        {
            Assert.Equal(vault.Admin.Id, e.ActorPersonId);
            Assert.Equal(world.SchoolLocationId, e.SchoolLocationId);
            Assert.Contains(VaultRoles.InstituteAdministrator, e.ActorRoles);
        });
        Assert.Equal(newWpb.Id.ToString(), placementEvents[1].Details!.Value.GetProperty("to").GetString());
    }

    [Fact]
    public async Task Creating_a_person_and_a_student_accepting_the_agreement_are_audited_on_the_Instituut_side()
    {
        var fg = await vault.CreateInstituutPrivacyOfficerAsync();
        var student = await vault.CreatePersonAsync("Student akkoord", VaultRoles.Student);
        await vault.AcceptAgreementAsync(student, AgreementKind.Raamovereenkomst);
        using var client = vault.SignInAs(fg);

        var created = await client.GetFromJsonAsync<AuditPage>($"/api/privacy/events?action={AuditActions.PersonCreated}&limit=500", VaultApiFactory.JsonOptions, Cancel);
        var accepted = await client.GetFromJsonAsync<AuditPage>($"/api/privacy/events?action={AuditActions.AgreementAccepted}&personId={student.Id}", VaultApiFactory.JsonOptions, Cancel);

        var creation = Assert.Single(created!.Items, e => e.SubjectId == student.Id.ToString());
        Assert.Equal(vault.Admin.Id, creation.ActorPersonId);
        var akkoord = Assert.Single(accepted!.Items);
        Assert.Equal("Raamovereenkomst", akkoord.Details!.Value.GetProperty("kind").GetString());
        Assert.Equal("127.0.0.1", akkoord.IpAddress);
    }

    [Fact]
    public async Task The_first_sign_in_links_the_account_and_is_audited_with_the_person_as_actor()
    {
        var fg = await vault.CreateInstituutPrivacyOfficerAsync();
        using var admin = vault.SignInAs(vault.Admin);
        var email = $"{Guid.NewGuid():N}@school.invalid";
        var person = await VaultApiFactory.ReadAsync<PersonView>(await admin.PostAsJsonAsync("/api/people",
            new CreatePersonRequest("WPB eerste keer", email, null, null, [new RoleAssignmentView(VaultRoles.Werkplekbegeleider, Arrange.Osr, null)]), VaultApiFactory.JsonOptions, Cancel));
        using var newcomer = vault.CreateClient();
        newcomer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            TestTokens.Create(Guid.NewGuid().ToString(), TestTokens.Tenant, "WPB eerste keer", [VaultRoles.Werkplekbegeleider], email: email));

        var me = await newcomer.GetFromJsonAsync<MeEndpoints.MeResponse>("/api/me", VaultApiFactory.JsonOptions, Cancel);
        using var client = vault.SignInAs(fg);
        var signIns = await client.GetFromJsonAsync<AuditPage>($"/api/privacy/events?action={AuditActions.SignIn}", VaultApiFactory.JsonOptions, Cancel);

        Assert.True(me!.Known);
        var signIn = Assert.Single(signIns!.Items, e => e.SubjectId == person.Id.ToString());
        Assert.Equal(person.Id, signIn.ActorPersonId);
        Assert.Equal("WPB eerste keer", signIn.ActorName);
        Assert.Equal([VaultRoles.Werkplekbegeleider], signIn.ActorRoles);
        Assert.True(signIn.Details!.Value.GetProperty("linked").GetBoolean());
    }

    [Fact]
    public async Task A_policy_change_is_audited_with_before_and_after()
    {
        var fg = await vault.CreateSchoolPrivacyOfficerAsync(Arrange.Osh);
        await vault.ChangePolicyAsync(Arrange.Osh);
        using var client = vault.SignInAs(fg);

        var page = await client.GetFromJsonAsync<AuditPage>($"/api/privacy/events?action={AuditActions.PolicyChanged}", VaultApiFactory.JsonOptions, Cancel);

        var change = Assert.Single(page!.Items);
        Assert.Equal(Arrange.Osh, change.OpleidingsschoolId);
        Assert.NotEqual(
            change.Details!.Value.GetProperty("before").GetProperty("offerSoundOnlyFallback").GetBoolean(),
            change.Details.Value.GetProperty("after").GetProperty("offerSoundOnlyFallback").GetBoolean());
    }
}
