using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Placements;

/// <summary>Changes to placements (create, replace a coach, end — R15), shared by the API and the administrator's pages.</summary>
public sealed class PlacementCommands(VaultDbContext db, ICurrentActor actor, IAuditTrail audit, TimeProvider time)
{
    public async Task<CommandResult<PlacementView>> CreateAsync(CreatePlacementRequest request, CancellationToken cancellationToken)
    {
        var errors = await PlacementValidation.ValidateAsync(request, db, cancellationToken);
        if (!errors.IsValid)
        {
            return CommandResult<PlacementView>.Invalid(errors);
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
        return await ViewAsync(placement.Id, cancellationToken);
    }

    public async Task<CommandResult<PlacementView>> ReplaceCoachAsync(Guid id, CoachRole role, ReplaceCoachRequest request, CancellationToken cancellationToken)
    {
        var placement = await db.Placements.Include(p => p.Coaches).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (placement is null)
        {
            return CommandResult<PlacementView>.Fail(VaultProblems.NotFound);
        }

        if (placement.Version != request.Version)
        {
            return CommandResult<PlacementView>.Fail(VaultProblems.Concurrency);
        }

        var errors = new ValidationErrors();
        await PlacementValidation.ValidateCoachAsync(new CoachAssignment(role, request.PersonId), placement.Kind, placement.StudentId, db, errors, "personId", cancellationToken);
        if (!errors.IsValid)
        {
            return CommandResult<PlacementView>.Invalid(errors);
        }

        var now = time.GetUtcNow();
        var current = placement.Coaches.Where(c => c.Role == role && c.RemovedAt is null).ToList();
        if (current.Any(c => c.PersonId == request.PersonId))
        {
            return CommandResult<PlacementView>.Fail(VaultProblems.Conflict, Text.T("Deze persoon is al de begeleider in deze rol.", "This person already holds this role on the placement."));
        }

        foreach (var old in current)
        {
            old.RemovedAt = now;
            old.RemovedByPersonId = actor.PersonId;
        }

        // Added through the set, not the navigation: a new row with a client-set key must be inserted, not updated.
        db.PlacementCoaches.Add(new PlacementCoach { Id = Guid.NewGuid(), PlacementId = placement.Id, Role = role, PersonId = request.PersonId, AssignedAt = now, AssignedByPersonId = actor.PersonId });
        db.Entry(placement).State = EntityState.Modified;
        audit.Record(new AuditEvent(AuditActions.CoachChanged, "placement", placement.Id.ToString())
        {
            SchoolLocationId = placement.SchoolLocationId,
            Details = new { role, from = current.Select(c => c.PersonId), to = request.PersonId },
        });
        await db.SaveChangesAsync(cancellationToken);
        return await ViewAsync(id, cancellationToken);
    }

    public async Task<CommandResult<PlacementView>> EndAsync(Guid id, EndPlacementRequest request, CancellationToken cancellationToken)
    {
        var placement = await db.Placements.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (placement is null)
        {
            return CommandResult<PlacementView>.Fail(VaultProblems.NotFound);
        }

        if (placement.Version != request.Version)
        {
            return CommandResult<PlacementView>.Fail(VaultProblems.Concurrency);
        }

        var errors = new ValidationErrors()
            .Require(placement.EndedOn is null, "endedOn", Text.T("Deze plaatsing is al beëindigd.", "This placement has ended already."))
            .Require(request.EndedOn >= placement.StartDate && request.EndedOn <= placement.EndDate, "endedOn", Text.T("De einddatum moet binnen de plaatsingsperiode liggen.", "The end date must fall within the placement period."))
            .Require(request.Note is null || request.Note.Length <= 1000, "note", Text.T("De toelichting is te lang (max. 1000 tekens).", "The note is too long (max. 1000 characters)."))
            .Require(Enum.IsDefined(request.Reason), "reason", Text.T("Onbekende reden.", "Unknown reason."));
        if (!errors.IsValid)
        {
            return CommandResult<PlacementView>.Invalid(errors);
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
        return await ViewAsync(id, cancellationToken);
    }

    private async Task<CommandResult<PlacementView>> ViewAsync(Guid id, CancellationToken cancellationToken) =>
        (await PlacementQueries.ViewsAsync(db, db.Placements.Where(p => p.Id == id), true, cancellationToken)).Single();
}
