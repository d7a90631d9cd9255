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
        Guid id, CreateSchoolLocationRequest request, VaultDbContext db, IAuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await db.Opleidingsscholen.AnyAsync(o => o.Id == id, cancellationToken))
        {
            return VaultProblems.NotFoundProblem();
        }

        var name = request.Name?.Trim() ?? "";
        var errors = new ValidationErrors()
            .Require(name.Length is > 0 and <= 200, "name", Text.T("Een naam van hoogstens 200 tekens is verplicht.", "A name of at most 200 characters is required."))
            .Require(request.BrinCode is null || request.BrinCode.Length <= 16, "brinCode", Text.T("De BRIN-code is te lang.", "The BRIN code is too long."))
            .Require(request.City is null || request.City.Length <= 100, "city", Text.T("De plaatsnaam is te lang.", "The city is too long."));
        if (errors.IsValid && await db.SchoolLocations.AnyAsync(l => l.OpleidingsschoolId == id && l.Name == name, cancellationToken))
        {
            errors.Add("name", Text.T("Deze opleidingsschool heeft al een schoollocatie met deze naam.", "This opleidingsschool already has a school of this name."));
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var location = new SchoolLocation { Id = Guid.CreateVersion7(time.GetUtcNow()), OpleidingsschoolId = id, Name = name, BrinCode = request.BrinCode?.Trim(), City = request.City?.Trim() };
        db.SchoolLocations.Add(location);
        audit.Record(new AuditEvent(AuditActions.OrganisationChanged, "schoollocatie", location.Id.ToString()) { OpleidingsschoolId = id, SchoolLocationId = location.Id, Details = new { location.Name } });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/opleidingsscholen/{id}", new SchoolLocationView(location.Id, location.Name, location.BrinCode, location.City));
    }

    private static async Task<Results<Ok<OpleidingsschoolView>, ValidationProblem, ProblemHttpResult>> UpdatePolicy(
        Guid id, UpdatePolicyRequest request, VaultDbContext db, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var school = await db.Opleidingsscholen.Include(o => o.Locations).FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (school is null)
        {
            return VaultProblems.NotFoundProblem();
        }

        if (school.Version != request.Version)
        {
            return VaultProblems.Problem(VaultProblems.Concurrency);
        }

        var errors = new ValidationErrors()
            .Require(request.RequiredRecordingsPerPlacement is >= 0 and <= 50, "requiredRecordingsPerPlacement", Text.T("Kies 0 tot en met 50.", "Choose 0 to 50."))
            .Require(request.WithdrawalReviewDays is >= 1 and <= 90, "withdrawalReviewDays", Text.T("Kies 1 tot en met 90 dagen.", "Choose 1 to 90 days."))
            .Require(!school.IsHaagse || request.ClosedEnvironmentRules, "closedEnvironmentRules", Text.T("Voor een Haagse opleidingsschool gelden de regels van de gesloten omgeving altijd (Art. 10.2).", "The closed-environment rules always apply to a Haagse opleidingsschool (Art. 10.2)."));
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var before = new { school.Policy.ClosedEnvironmentRules, school.Policy.RequiredRecordingsPerPlacement, school.Policy.OfferSoundOnlyFallback, school.Policy.WithdrawalReviewDays };
        school.Policy.ClosedEnvironmentRules = request.ClosedEnvironmentRules;
        school.Policy.RequiredRecordingsPerPlacement = request.RequiredRecordingsPerPlacement;
        school.Policy.OfferSoundOnlyFallback = request.OfferSoundOnlyFallback;
        school.Policy.WithdrawalReviewDays = request.WithdrawalReviewDays;
        db.Entry(school).State = EntityState.Modified;
        audit.Record(new AuditEvent(AuditActions.PolicyChanged, "opleidingsschool", school.Id.ToString()) { OpleidingsschoolId = school.Id, Details = new { before, after = request } });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToView(school));
    }

    private static OpleidingsschoolView ToView(Opleidingsschool o) =>
        new(o.Id, o.Code, o.Name, o.IsHaagse, o.Policy, [.. o.Locations.OrderBy(l => l.Name).Select(l => new SchoolLocationView(l.Id, l.Name, l.BrinCode, l.City))], o.Version);
}
