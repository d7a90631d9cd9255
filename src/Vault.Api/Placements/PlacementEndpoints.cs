using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;
using Vault.Shared.Time;

namespace Vault.Api.Placements;

public sealed record CoachAssignment(CoachRole Role, Guid PersonId);

public sealed record CreatePlacementRequest(
    Guid StudentId, Guid SchoolLocationId, PlacementKind Kind, DateOnly StartDate, DateOnly EndDate,
    IReadOnlyList<CoachAssignment> Coaches, string? Employer);

public sealed record ReplaceCoachRequest(Guid PersonId, Guid Version);

public sealed record EndPlacementRequest(DateOnly EndedOn, PlacementEndReason Reason, string? Note, Guid Version);

/// <summary>Placements: managed by institute administrators; seen by the people on them.</summary>
public static class PlacementEndpoints
{
    public static RouteGroupBuilder MapPlacementEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/placements").WithTags("Placements");
        group.MapGet("/mine", Mine).WithName("MyPlacements").WithSummary("Mijn plaatsingen / My placements");
        group.MapGet("/{id:guid}", Get).WithName("GetPlacement").WithSummary("Eén plaatsing / One placement");
        group.MapGet("/{id:guid}/eligibility", CheckEligibility).WithName("PlacementEligibility")
            .WithSummary("Mag deze student vandaag opnemen op deze plaatsing? (R1, R12, R15) / May this student record on this placement today?");
        group.MapGet("/", List).WithName("ListPlacements").WithSummary("Plaatsingen zoeken / Search placements").RequireAuthorization(VaultPolicies.InstituteAdministrator);
        group.MapPost("/", Create).WithName("CreatePlacement").WithSummary("Plaatsing aanmaken / Create a placement").RequireAuthorization(VaultPolicies.InstituteAdministrator);
        group.MapPut("/{id:guid}/coaches/{role}", ReplaceCoach).WithName("ReplaceCoach").WithSummary("Begeleider wisselen / Replace a coach").RequireAuthorization(VaultPolicies.InstituteAdministrator);
        group.MapPost("/{id:guid}/end", End).WithName("EndPlacement").WithSummary("Werkplekleren beëindigen (R15) / End the placement").RequireAuthorization(VaultPolicies.InstituteAdministrator);
        return group;
    }

    private static async Task<Results<Ok<List<PlacementView>>, ProblemHttpResult>> Mine(ICurrentActor actor, VaultDbContext db, CancellationToken cancellationToken) =>
        actor.PersonId is { } id
            ? TypedResults.Ok(await PlacementQueries.ForPersonAsync(db, id, cancellationToken))
            : VaultProblems.Problem(VaultProblems.UnknownPerson);

    private static async Task<Results<Ok<List<PlacementView>>, ValidationProblem>> List(
        VaultDbContext db, Guid? schoolLocationId, Guid? studentId, DateOnly? activeOn, CancellationToken cancellationToken)
    {
        var query = db.Placements.AsQueryable();
        if (schoolLocationId is { } location)
        {
            query = query.Where(p => p.SchoolLocationId == location);
        }

        if (studentId is { } student)
        {
            query = query.Where(p => p.StudentId == student);
        }

        if (activeOn is { } day)
        {
            query = query.Where(p => p.StartDate <= day && p.EndDate >= day && (p.EndedOn == null || p.EndedOn >= day));
        }

        return TypedResults.Ok(await PlacementQueries.ViewsAsync(db, query, includeHistory: true, cancellationToken));
    }

    private static async Task<Results<Ok<PlacementView>, ProblemHttpResult>> Get(Guid id, ICurrentActor actor, VaultDbContext db, CancellationToken cancellationToken)
    {
        var admin = actor.IsInRole(VaultRoles.InstituteAdministrator);
        var me = actor.PersonId;
        var query = db.Placements.Where(p => p.Id == id && (admin || p.StudentId == me || p.Coaches.Any(c => c.PersonId == me && c.RemovedAt == null)));
        var view = (await PlacementQueries.ViewsAsync(db, query, includeHistory: admin, cancellationToken)).SingleOrDefault();
        return view is null ? VaultProblems.NotFoundProblem() : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<Eligibility>, ProblemHttpResult>> CheckEligibility(
        Guid id, DateOnly? date, ICurrentActor actor, VaultDbContext db, PlacementEligibility eligibility, SchoolCalendar calendar, CancellationToken cancellationToken)
    {
        var me = actor.PersonId;
        var admin = actor.IsInRole(VaultRoles.InstituteAdministrator);
        var placement = await db.Placements.AsNoTracking()
            .Where(p => p.Id == id && (admin || p.StudentId == me || p.Coaches.Any(c => c.PersonId == me && c.RemovedAt == null)))
            .Select(p => new { p.StudentId })
            .FirstOrDefaultAsync(cancellationToken);
        if (placement is null)
        {
            return VaultProblems.NotFoundProblem();
        }

        var result = await eligibility.CheckAsync(id, placement.StudentId, date ?? calendar.Today, cancellationToken);
        return TypedResults.Ok(result!);
    }

    private static async Task<Results<Created<PlacementView>, ValidationProblem, ProblemHttpResult>> Create(
        CreatePlacementRequest request, PlacementCommands commands, CancellationToken cancellationToken) =>
        (await commands.CreateAsync(request, cancellationToken)).ToHttpResult(v => TypedResults.Created($"/api/placements/{v.Id}", v));

    private static async Task<Results<Ok<PlacementView>, ValidationProblem, ProblemHttpResult>> ReplaceCoach(
        Guid id, CoachRole role, ReplaceCoachRequest request, PlacementCommands commands, CancellationToken cancellationToken) =>
        (await commands.ReplaceCoachAsync(id, role, request, cancellationToken)).ToHttpResult(TypedResults.Ok);

    private static async Task<Results<Ok<PlacementView>, ValidationProblem, ProblemHttpResult>> End(
        Guid id, EndPlacementRequest request, PlacementCommands commands, CancellationToken cancellationToken) =>
        (await commands.EndAsync(id, request, cancellationToken)).ToHttpResult(TypedResults.Ok);
}
