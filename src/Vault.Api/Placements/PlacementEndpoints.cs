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

    private static async Task<Results<Created<PlacementView>, ValidationProblem>> Create(
        CreatePlacementRequest request, VaultDbContext db, ICurrentActor actor, IAuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = await PlacementValidation.ValidateAsync(request, db, cancellationToken);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var now = time.GetUtcNow();
        var placement = new Placement
        {
            Id = Guid.CreateVersion7(now),
            StudentId = request.StudentId,
            SchoolLocationId = request.SchoolLocationId,
            Kind = request.Kind,
            StartDate = request.StartDate,
            EndDate = request.EndDate,
            Employer = request.Employer?.Trim(),
            CreatedAt = now,
            Coaches = [.. request.Coaches.Select(c => new PlacementCoach { Id = Guid.NewGuid(), Role = c.Role, PersonId = c.PersonId, AssignedAt = now, AssignedByPersonId = actor.PersonId })],
        };
        db.Placements.Add(placement);
        var school = await db.SchoolLocations.Where(l => l.Id == request.SchoolLocationId).Select(l => l.OpleidingsschoolId).FirstAsync(cancellationToken);
        audit.Record(new AuditEvent(AuditActions.PlacementCreated, "placement", placement.Id.ToString())
        {
            SchoolLocationId = placement.SchoolLocationId,
            OpleidingsschoolId = school,
            Details = new { placement.StudentId, placement.Kind, placement.StartDate, placement.EndDate, coaches = request.Coaches },
        });
        await db.SaveChangesAsync(cancellationToken);
        var view = (await PlacementQueries.ViewsAsync(db, db.Placements.Where(p => p.Id == placement.Id), true, cancellationToken)).Single();
        return TypedResults.Created($"/api/placements/{placement.Id}", view);
    }

    private static async Task<Results<Ok<PlacementView>, ValidationProblem, ProblemHttpResult>> ReplaceCoach(
        Guid id, CoachRole role, ReplaceCoachRequest request, VaultDbContext db, ICurrentActor actor, IAuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var placement = await db.Placements.Include(p => p.Coaches).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (placement is null)
        {
            return VaultProblems.NotFoundProblem();
        }

        if (placement.Version != request.Version)
        {
            return VaultProblems.Problem(VaultProblems.Concurrency);
        }

        var errors = new ValidationErrors();
        await PlacementValidation.ValidateCoachAsync(new CoachAssignment(role, request.PersonId), placement.Kind, placement.StudentId, db, errors, "personId", cancellationToken);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var now = time.GetUtcNow();
        var current = placement.Coaches.Where(c => c.Role == role && c.RemovedAt is null).ToList();
        if (current.Any(c => c.PersonId == request.PersonId))
        {
            return VaultProblems.Problem(VaultProblems.Conflict, Text.T("Deze persoon is al de begeleider in deze rol.", "This person already holds this role on the placement."));
        }

        foreach (var old in current)
        {
            old.RemovedAt = now;
            old.RemovedByPersonId = actor.PersonId;
        }

        // Added through the DbSet: a new row with a client-set key added to a tracked collection would be taken for an existing one (UPDATE of 0 rows).
        db.PlacementCoaches.Add(new PlacementCoach { Id = Guid.NewGuid(), PlacementId = placement.Id, Role = role, PersonId = request.PersonId, AssignedAt = now, AssignedByPersonId = actor.PersonId });
        db.Entry(placement).State = EntityState.Modified;
        audit.Record(new AuditEvent(AuditActions.CoachChanged, "placement", placement.Id.ToString())
        {
            SchoolLocationId = placement.SchoolLocationId,
            Details = new { role, from = current.Select(c => c.PersonId), to = request.PersonId },
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await PlacementQueries.ViewsAsync(db, db.Placements.Where(p => p.Id == id), true, cancellationToken)).Single());
    }

    private static async Task<Results<Ok<PlacementView>, ValidationProblem, ProblemHttpResult>> End(
        Guid id, EndPlacementRequest request, VaultDbContext db, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var placement = await db.Placements.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (placement is null)
        {
            return VaultProblems.NotFoundProblem();
        }

        if (placement.Version != request.Version)
        {
            return VaultProblems.Problem(VaultProblems.Concurrency);
        }

        var errors = new ValidationErrors()
            .Require(placement.EndedOn is null, "endedOn", Text.T("Deze plaatsing is al beëindigd.", "This placement has ended already."))
            .Require(request.EndedOn >= placement.StartDate && request.EndedOn <= placement.EndDate, "endedOn", Text.T("De einddatum moet binnen de plaatsingsperiode liggen.", "The end date must fall within the placement period."))
            .Require(request.Note is null || request.Note.Length <= 1000, "note", Text.T("De toelichting is te lang (max. 1000 tekens).", "The note is too long (max. 1000 characters)."))
            .Require(Enum.IsDefined(request.Reason), "reason", Text.T("Onbekende reden.", "Unknown reason."));
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        placement.EndedOn = request.EndedOn;
        placement.EndReason = request.Reason;
        placement.EndNote = request.Note;
        audit.Record(new AuditEvent(AuditActions.PlacementEnded, "placement", placement.Id.ToString())
        {
            SchoolLocationId = placement.SchoolLocationId,
            Details = new { request.EndedOn, request.Reason },
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await PlacementQueries.ViewsAsync(db, db.Placements.Where(p => p.Id == id), true, cancellationToken)).Single());
    }
}
