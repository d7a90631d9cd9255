using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Organisations;

public sealed record SchoolLocationView(Guid Id, string Name, string? BrinCode, string? City);

public sealed record OpleidingsschoolView(Guid Id, string Code, string Name, bool IsHaagse, PolicySettings Policy, IReadOnlyList<SchoolLocationView> Locations, Guid Version);

public sealed record CreateSchoolLocationRequest(string Name, string? BrinCode, string? City);

public sealed record UpdatePolicyRequest(bool ClosedEnvironmentRules, int RequiredRecordingsPerPlacement, bool OfferSoundOnlyFallback, int WithdrawalReviewDays, Guid Version);

/// <summary>Opleidingsscholen, their schoollocaties and their policy settings (R6).</summary>
public static class OrganisationEndpoints
{
    public static RouteGroupBuilder MapOrganisationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/opleidingsscholen").WithTags("Organisations");
        group.MapGet("/", List).WithName("ListOpleidingsscholen").WithSummary("Opleidingsscholen en schoollocaties / Opleidingsscholen and their schools");
        group.MapGet("/{id:guid}", Get).WithName("GetOpleidingsschool").WithSummary("Eén opleidingsschool / One opleidingsschool");
        group.MapPost("/{id:guid}/locations", AddLocation).WithName("AddSchoolLocation").WithSummary("Schoollocatie toevoegen / Add a schoollocatie")
            .RequireAuthorization(VaultPolicies.InstituteAdministrator);
        group.MapPut("/{id:guid}/policy", UpdatePolicy).WithName("UpdatePolicy").WithSummary("Beleidsinstellingen wijzigen (R6) / Change policy settings")
            .RequireAuthorization(VaultPolicies.InstituteAdministrator);
        return group;
    }

    private static async Task<Ok<List<OpleidingsschoolView>>> List(VaultDbContext db, CancellationToken cancellationToken)
    {
        var schools = await db.Opleidingsscholen.AsNoTracking().Include(o => o.Locations).OrderBy(o => o.Code).ToListAsync(cancellationToken);
        return TypedResults.Ok(schools.Select(ToView).ToList());
    }

    private static async Task<Results<Ok<OpleidingsschoolView>, ProblemHttpResult>> Get(Guid id, VaultDbContext db, CancellationToken cancellationToken)
    {
        var school = await db.Opleidingsscholen.AsNoTracking().Include(o => o.Locations).FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        return school is null ? VaultProblems.NotFoundProblem() : TypedResults.Ok(ToView(school));
    }

    private static async Task<Results<Created<SchoolLocationView>, ValidationProblem, ProblemHttpResult>> AddLocation(
        Guid id, CreateSchoolLocationRequest request, OrganisationCommands commands, CancellationToken cancellationToken) =>
        (await commands.AddLocationAsync(id, request, cancellationToken)).ToHttpResult(l => TypedResults.Created($"/api/opleidingsscholen/{id}", l));

    private static async Task<Results<Ok<OpleidingsschoolView>, ValidationProblem, ProblemHttpResult>> UpdatePolicy(
        Guid id, UpdatePolicyRequest request, OrganisationCommands commands, CancellationToken cancellationToken) =>
        (await commands.UpdatePolicyAsync(id, request, cancellationToken)).ToHttpResult(TypedResults.Ok);

    internal static OpleidingsschoolView ToView(Opleidingsschool o) =>
        new(o.Id, o.Code, o.Name, o.IsHaagse, o.Policy, [.. o.Locations.OrderBy(l => l.Name).Select(l => new SchoolLocationView(l.Id, l.Name, l.BrinCode, l.City))], o.Version);
}
