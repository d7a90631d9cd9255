using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Organisations;
using Vault.Api.People;
using Vault.Shared.Identity;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Organisations;

public sealed class OrganisationTests(VaultApiFactory vault) : IClassFixture<VaultApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_fourteen_opleidingsscholen_of_the_agreement_are_there_with_the_four_Haagse_flagged()
    {
        using var client = vault.SignInAs(vault.Admin);
        var schools = await client.GetFromJsonAsync<List<OpleidingsschoolView>>("/api/opleidingsscholen", VaultApiFactory.JsonOptions, Ct);

        Assert.Equal(14, schools!.Count);
        Assert.Equal(["4OLS", "HOS", "NOD", "OSH"], schools.Where(s => s.IsHaagse).Select(s => s.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Policy_settings_are_changed_per_opleidingsschool_with_an_audit_entry_R6()
    {
        using var client = vault.SignInAs(vault.Admin);
        var osr = await client.GetFromJsonAsync<OpleidingsschoolView>($"/api/opleidingsscholen/{Arrange.Osr}", VaultApiFactory.JsonOptions, Ct);

        var response = await client.PutAsJsonAsync($"/api/opleidingsscholen/{Arrange.Osr}/policy",
            new UpdatePolicyRequest(false, 3, false, 21, osr!.Version), VaultApiFactory.JsonOptions, Ct);
        var updated = await VaultApiFactory.ReadAsync<OpleidingsschoolView>(response);
        var other = await client.GetFromJsonAsync<OpleidingsschoolView>($"/api/opleidingsscholen/{Arrange.Osh}", VaultApiFactory.JsonOptions, Ct);

        Assert.Equal(3, updated.Policy.RequiredRecordingsPerPlacement);
        Assert.Equal(21, updated.Policy.WithdrawalReviewDays);
        Assert.NotEqual(21, other!.Policy.WithdrawalReviewDays);
        Assert.True(await vault.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "organisations.policy-changed" && a.OpleidingsschoolId == Arrange.Osr, Ct)));
    }

    [Fact]
    public async Task The_closed_environment_rules_cannot_be_switched_off_for_a_Haagse_opleidingsschool()
    {
        using var client = vault.SignInAs(vault.Admin);
        var osh = await client.GetFromJsonAsync<OpleidingsschoolView>($"/api/opleidingsscholen/{Arrange.Osh}", VaultApiFactory.JsonOptions, Ct);

        var response = await client.PutAsJsonAsync($"/api/opleidingsscholen/{Arrange.Osh}/policy",
            new UpdatePolicyRequest(false, 2, true, 14, osh!.Version), VaultApiFactory.JsonOptions, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("closedEnvironmentRules", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_school_name_used_twice_in_one_opleidingsschool_is_refused()
    {
        var name = "Dubbel " + Guid.NewGuid().ToString("N")[..6];
        await vault.CreateSchoolLocationAsync(Arrange.Osr, name);
        using var client = vault.SignInAs(vault.Admin);

        var response = await client.PostAsJsonAsync($"/api/opleidingsscholen/{Arrange.Osr}/locations", new CreateSchoolLocationRequest(name, null, null), VaultApiFactory.JsonOptions, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_pre_provisioned_person_is_linked_to_their_Entra_account_by_e_mail_on_first_sign_in()
    {
        using var admin = vault.SignInAs(vault.Admin);
        var email = $"{Guid.NewGuid():N}@school.example";
        var created = await VaultApiFactory.ReadAsync<PersonView>(await admin.PostAsJsonAsync("/api/people",
            new CreatePersonRequest("Nieuwe WPB", email, null, null, [new RoleAssignmentView(VaultRoles.Werkplekbegeleider, Arrange.Osr, null)]), VaultApiFactory.JsonOptions, Ct));
        var objectId = Guid.NewGuid().ToString();
        using var withoutEmail = vault.WithToken(TestTokens.Create(objectId, TestTokens.SchoolTenant, "Nieuwe WPB", [VaultRoles.Werkplekbegeleider]));
        using var withEmail = vault.WithToken(TestTokens.Create(objectId, TestTokens.SchoolTenant, "Nieuwe WPB", [VaultRoles.Werkplekbegeleider], preferredUsername: email.ToUpperInvariant()));

        var unknown = await VaultApiFactory.ReadAsync<MeEndpoints.MeResponse>(await withoutEmail.GetAsync("/api/me", Ct));
        var linked = await VaultApiFactory.ReadAsync<MeEndpoints.MeResponse>(await withEmail.GetAsync("/api/me", Ct));
        var person = await vault.WithDbAsync(db => db.People.SingleAsync(p => p.Id == created.Id, Ct));

        Assert.False(created.Linked);
        Assert.False(unknown.Known);
        Assert.True(linked.Known);
        Assert.Equal(created.Id, linked.PersonId);
        Assert.Equal(objectId, person.EntraObjectId);
        Assert.Equal(TestTokens.SchoolTenant, person.EntraTenantId);
        Assert.True(await vault.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "identity.sign-in" && a.SubjectId == created.Id.ToString(), Ct)));
    }

    [Fact]
    public async Task Roles_are_replaced_with_a_version_check_and_audited()
    {
        var person = await vault.CreatePersonAsync("Rollen", VaultRoles.Werkplekbegeleider, await vault.CreateSchoolLocationAsync(Arrange.Osr));
        using var admin = vault.SignInAs(vault.Admin);
        var current = await admin.GetFromJsonAsync<PersonView>($"/api/people/{person.Id}", VaultApiFactory.JsonOptions, Ct);

        var changed = await admin.PutAsJsonAsync($"/api/people/{person.Id}/roles",
            new SetRolesRequest([new RoleAssignmentView(VaultRoles.Schoolopleider, Arrange.Osr, null)], current!.Version), VaultApiFactory.JsonOptions, Ct);
        var stale = await admin.PutAsJsonAsync($"/api/people/{person.Id}/roles",
            new SetRolesRequest([new RoleAssignmentView(VaultRoles.Werkplekbegeleider, Arrange.Osr, null)], current.Version), VaultApiFactory.JsonOptions, Ct);
        var after = await admin.GetFromJsonAsync<PersonView>($"/api/people/{person.Id}", VaultApiFactory.JsonOptions, Ct);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal([VaultRoles.Schoolopleider], after!.Roles.Select(r => r.Role));
        Assert.True(await vault.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "people.roles-changed" && a.SubjectId == person.Id.ToString(), Ct)));
    }
}
