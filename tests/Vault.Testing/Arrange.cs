using System.Net.Http.Json;
using Vault.Api.Agreements;
using Vault.Api.Organisations;
using Vault.Api.People;
using Vault.Api.Placements;
using Vault.Shared.Identity;

namespace Vault.Testing;

/// <summary>Intent methods that arrange the world through the vault's own API, as an administrator would.</summary>
public static class Arrange
{
    public static Guid Osr => OpleidingsschoolSeed.ByCode("OSR").Id;

    public static Guid Osh => OpleidingsschoolSeed.ByCode("OSH").Id;

    public static async Task<Guid> CreateSchoolLocationAsync(this VaultApiFactory vault, Guid opleidingsschoolId, string? name = null)
    {
        using var admin = vault.SignInAs(vault.Admin);
        var response = await admin.PostAsJsonAsync($"/api/opleidingsscholen/{opleidingsschoolId}/locations",
            new CreateSchoolLocationRequest(name ?? $"School {Guid.NewGuid():N}"[..20], null, "Rotterdam"), VaultApiFactory.JsonOptions);
        return (await VaultApiFactory.ReadAsync<SchoolLocationView>(response)).Id;
    }

    public static async Task<TestUser> CreatePersonAsync(this VaultApiFactory vault, string name, string role, Guid? schoolLocationId = null, Guid? opleidingsschoolId = null, string tenant = TestTokens.Tenant)
    {
        using var admin = vault.SignInAs(vault.Admin);
        var objectId = Guid.NewGuid().ToString();
        var response = await admin.PostAsJsonAsync("/api/people",
            new CreatePersonRequest(name, $"{Guid.NewGuid():N}@test.invalid", objectId, tenant, [new RoleAssignmentView(role, opleidingsschoolId, schoolLocationId)]),
            VaultApiFactory.JsonOptions);
        var person = await VaultApiFactory.ReadAsync<PersonView>(response);
        return new TestUser(person.Id, name, objectId, tenant, [role]);
    }

    /// <summary>A school, a student, an IO, a WPB (and an SO) and a placement covering the vault's today.</summary>
    public static async Task<PlacementWorld> CreatePlacementAsync(this VaultApiFactory vault, Guid? opleidingsschoolId = null, PlacementKind kind = PlacementKind.Werkplekleren, bool acceptAgreement = true)
    {
        var school = await vault.CreateSchoolLocationAsync(opleidingsschoolId ?? Osr);
        var student = await vault.CreatePersonAsync("Student " + Suffix(), VaultRoles.Student);
        var io = await vault.CreatePersonAsync("IO " + Suffix(), VaultRoles.Instituutsopleider);
        var second = kind == PlacementKind.Werkplekleren
            ? await vault.CreatePersonAsync("WPB " + Suffix(), VaultRoles.Werkplekbegeleider, school)
            : await vault.CreatePersonAsync("Werkbegeleider " + Suffix(), VaultRoles.Werkbegeleider);
        var so = kind == PlacementKind.Werkplekleren ? await vault.CreatePersonAsync("SO " + Suffix(), VaultRoles.Schoolopleider, school) : null;
        var today = DateOnly.FromDateTime(vault.Time.GetUtcNow().UtcDateTime);
        List<CoachAssignment> coaches = kind == PlacementKind.Werkplekleren
            ? [new(CoachRole.Instituutsopleider, io.Id), new(CoachRole.Werkplekbegeleider, second.Id), new(CoachRole.Schoolopleider, so!.Id)]
            : [new(CoachRole.Instituutsopleider, io.Id), new(CoachRole.Werkbegeleider, second.Id)];
        using var admin = vault.SignInAs(vault.Admin);
        var response = await admin.PostAsJsonAsync("/api/placements",
            new CreatePlacementRequest(student.Id, school, kind, today.AddMonths(-2), today.AddMonths(5), coaches, kind == PlacementKind.WerkendLeren ? "Werkgever BV" : null),
            VaultApiFactory.JsonOptions);
        var placement = await VaultApiFactory.ReadAsync<PlacementView>(response);
        if (acceptAgreement && kind == PlacementKind.Werkplekleren)
        {
            await vault.AcceptAgreementAsync(student, AgreementKind.Raamovereenkomst);
        }

        return new PlacementWorld(placement, school, student, io, second, so);
    }

    public static async Task AcceptAgreementAsync(this VaultApiFactory vault, TestUser student, AgreementKind kind, Guid? placementId = null)
    {
        using var client = vault.SignInAs(student);
        var versions = await client.GetFromJsonAsync<List<AgreementVersionView>>("/api/agreements", VaultApiFactory.JsonOptions);
        var version = versions!.Where(v => v.Kind == kind).OrderByDescending(v => v.EffectiveFrom).First();
        var response = await client.PostAsJsonAsync($"/api/agreements/{version.Id}/accept", new AcceptAgreementRequest(version.TextSha256, placementId), VaultApiFactory.JsonOptions);
        response.EnsureSuccessStatusCode();
    }

    private static string Suffix() => Guid.NewGuid().ToString("N")[..6];
}

public sealed record PlacementWorld(PlacementView Placement, Guid SchoolLocationId, TestUser Student, TestUser Io, TestUser WpbOrWerkbegeleider, TestUser? So);
