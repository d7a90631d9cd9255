using System.Net;
using System.Net.Http.Json;
using Vault.Api.People;
using Vault.Shared.Identity;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Identity;

public sealed class SignInTests(VaultApiFactory vault) : IClassFixture<VaultApiFactory>
{
    [Fact]
    public async Task An_unauthenticated_request_is_refused_with_401()
    {
        using var client = vault.CreateClient();
        var response = await client.GetAsync("/api/placements/mine", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_unauthenticated_page_request_is_sent_to_Entra_ID_sign_in()
    {
        using var client = vault.CreateRawClient();
        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://login.mediavault.test/organizations/oauth2/v2.0/authorize", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_student_sees_who_they_are_and_their_placement()
    {
        var world = await vault.CreatePlacementAsync();
        using var client = vault.SignInAs(world.Student);

        var me = await client.GetFromJsonAsync<MeEndpoints.MeResponse>("/api/me", VaultApiFactory.JsonOptions, TestContext.Current.CancellationToken);

        Assert.True(me!.Known);
        Assert.Equal(world.Student.Id, me.PersonId);
        Assert.Contains(VaultRoles.Student, me.Roles);
        var placement = Assert.Single(me.Placements);
        Assert.Equal(world.Placement.Id, placement.Id);
    }

    [Fact]
    public async Task A_coach_sees_the_placements_they_coach()
    {
        var world = await vault.CreatePlacementAsync();
        using var client = vault.SignInAs(world.Io);
        var mine = await client.GetFromJsonAsync<List<Vault.Api.Placements.PlacementView>>("/api/placements/mine", VaultApiFactory.JsonOptions, TestContext.Current.CancellationToken);
        Assert.Contains(mine!, p => p.Id == world.Placement.Id);
    }

    [Fact]
    public async Task A_signed_in_account_unknown_to_the_vault_is_told_so_and_gets_403_elsewhere()
    {
        var stranger = new TestUser(Guid.NewGuid(), "Onbekend", Guid.NewGuid().ToString(), TestTokens.Tenant, [VaultRoles.Student]);
        using var client = vault.SignInAs(stranger);

        var me = await client.GetFromJsonAsync<MeEndpoints.MeResponse>("/api/me", VaultApiFactory.JsonOptions, TestContext.Current.CancellationToken);
        var agreements = await client.PostAsJsonAsync($"/api/agreements/{Guid.NewGuid()}/accept", new { textSha256 = "x" }, TestContext.Current.CancellationToken);

        Assert.False(me!.Known);
        Assert.Equal(HttpStatusCode.Forbidden, agreements.StatusCode);
    }

    [Fact]
    public async Task A_student_cannot_use_the_administrators_api()
    {
        var world = await vault.CreatePlacementAsync();
        using var client = vault.SignInAs(world.Student);
        var response = await client.GetAsync("/api/people", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    public static TheoryData<string> BadTokens => ["expired", "wrong-audience", "wrong-tenant", "unsigned", "other-key", "malformed", "not-yet-valid"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_refused_with_401(string kind)
    {
        var admin = vault.Admin;
        var now = TimeProvider.System.GetUtcNow();
        var token = kind switch
        {
            "expired" => TestTokens.Create(admin.ObjectId, admin.Tenant, admin.Name, admin.Roles, notBefore: now.AddHours(-3), lifetime: TimeSpan.FromHours(1)),
            "wrong-audience" => TestTokens.Create(admin.ObjectId, admin.Tenant, admin.Name, admin.Roles, audience: "api://someone-else"),
            "wrong-tenant" => TestTokens.Create(admin.ObjectId, TestTokens.ForeignTenant, admin.Name, admin.Roles),
            "unsigned" => TestTokens.Unsigned(admin.ObjectId, admin.Tenant, admin.Roles),
            "other-key" => TestTokens.Create(admin.ObjectId, admin.Tenant, admin.Name, admin.Roles, key: TestTokens.OtherKey),
            "not-yet-valid" => TestTokens.Create(admin.ObjectId, admin.Tenant, admin.Name, admin.Roles, notBefore: now.AddHours(1)),
            _ => "not.a.token",
        };
        using var client = vault.WithToken(token);

        var response = await client.GetAsync("/api/people", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_school_tenant_on_the_allow_list_may_sign_in()
    {
        var school = await vault.CreateSchoolLocationAsync(Arrange.Osr);
        var wpb = await vault.CreatePersonAsync("WPB schooltenant", VaultRoles.Werkplekbegeleider, school, tenant: TestTokens.SchoolTenant);
        using var client = vault.SignInAs(wpb);
        var me = await client.GetFromJsonAsync<MeEndpoints.MeResponse>("/api/me", VaultApiFactory.JsonOptions, TestContext.Current.CancellationToken);
        Assert.True(me!.Known);
    }
}
