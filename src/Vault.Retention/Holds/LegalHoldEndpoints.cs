using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Vault.Retention.Data;
using Vault.Retention.Ports;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Retention.Holds;

public sealed record PlaceHoldRequest(HoldScope? Scope, Guid? RecordingId, Guid? PlacementId, string? Reason);

public sealed record LiftHoldRequest(string? Reason);

public sealed record HoldView(
    Guid Id, HoldScope Scope, Guid? RecordingId, Guid PlacementId, string Reason, string PlacedBy, DateTimeOffset PlacedAt,
    bool Active, string? LiftedBy, DateTimeOffset? LiftedAt, string? LiftReason)
{
    public static HoldView From(LegalHold h) =>
        new(h.Id, h.Scope, h.RecordingId, h.PlacementId, h.Reason, h.PlacedByName, h.PlacedAt, h.IsActive, h.LiftedByName, h.LiftedAt, h.LiftReason);
}

/// <summary>R17 legal holds: placed and lifted with a reason by a privacy officer or institute administrator; audited.</summary>
internal static class LegalHoldEndpoints
{
    public const int MaxReason = 2000;

    public static void Map(RouteGroupBuilder group)
    {
        var holds = group.MapGroup("/holds").RequireAuthorization(RetentionAccess.Policy);
        holds.MapGet("/", List).WithName("ListLegalHolds").WithSummary("Juridische bewaarplichten (R17) / Legal holds");
        holds.MapPost("/", Place).WithName("PlaceLegalHold").WithSummary("Bewaarplicht opleggen (R17) / Place a legal hold");
        holds.MapPost("/{id:guid}/lift", Lift).WithName("LiftLegalHold").WithSummary("Bewaarplicht opheffen (R17) / Lift a legal hold");
    }

    private static async Task<Ok<List<HoldView>>> List(bool? active, IRetentionDb db, ICurrentActor actor, CancellationToken cancellationToken)
    {
        var visible = await RetentionAccess.VisibleLocationsAsync(actor, cancellationToken);
        var query = db.LegalHolds.AsNoTracking();
        if (active is { } onlyActive)
        {
            query = onlyActive ? query.Where(h => h.LiftedAt == null) : query.Where(h => h.LiftedAt != null);
        }

        var holds = await query.OrderByDescending(h => h.PlacedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(holds.Where(h => RetentionAccess.Sees(visible, h.SchoolLocationId)).Select(HoldView.From).ToList());
    }

    private static async Task<Results<Created<HoldView>, ValidationProblem, ProblemHttpResult>> Place(
        PlaceHoldRequest request, IRetentionDb db, IRetentionCatalog catalog, ICurrentActor actor, IAuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (actor.PersonId is not { } me)
        {
            return VaultProblems.Problem(VaultProblems.UnknownPerson);
        }

        var errors = new ValidationErrors()
            .Require(request.Scope is not null, "scope", Text.T("Kies Recording of Placement.", "Choose Recording or Placement."))
            .Require(!string.IsNullOrWhiteSpace(request.Reason), "reason", Text.T("Geef een reden (R17).", "Give a reason (R17)."))
            .Require((request.Reason?.Length ?? 0) <= MaxReason, "reason", Text.T("De reden is te lang.", "The reason is too long."));
        if (request.Scope == HoldScope.Recording)
        {
            errors.Require(request.RecordingId is not null, "recordingId", Text.T("Welke opname?", "Which recording?"));
        }

        if (request.Scope == HoldScope.Placement)
        {
            errors.Require(request.PlacementId is not null, "placementId", Text.T("Welke plaatsing?", "Which placement?"));
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var subject = request.Scope == HoldScope.Recording
            ? await FindRecordingAsync(request.RecordingId!.Value, catalog, cancellationToken)
            : await db.FindPlacementAsync(request.PlacementId!.Value, cancellationToken) is { } p ? new Subject(null, p.PlacementId, p.SchoolLocationId, p.OpleidingsschoolId) : null;
        var visible = await RetentionAccess.VisibleLocationsAsync(actor, cancellationToken);
        if (subject is null || !RetentionAccess.Sees(visible, subject.SchoolLocationId))
        {
            if (request.RecordingId is { } gone && await db.Tombstones.AnyAsync(t => t.RecordingId == gone, cancellationToken) && visible is null)
            {
                return VaultProblems.Problem(VaultProblems.Conflict, Text.T("Deze opname is al vernietigd.", "This recording has already been destroyed."));
            }

            return VaultProblems.NotFoundProblem();
        }

        var duplicate = await db.LegalHolds.AnyAsync(
            h => h.LiftedAt == null && h.Scope == request.Scope && (request.Scope == HoldScope.Recording ? h.RecordingId == subject.RecordingId : h.PlacementId == subject.PlacementId),
            cancellationToken);
        if (duplicate)
        {
            return VaultProblems.Problem(VaultProblems.Conflict, Text.T("Hierop rust al een actieve bewaarplicht.", "An active legal hold already covers this."));
        }

        var now = time.GetUtcNow();
        var hold = new LegalHold
        {
            Id = Guid.CreateVersion7(now),
            Scope = request.Scope!.Value,
            RecordingId = subject.RecordingId,
            PlacementId = subject.PlacementId,
            SchoolLocationId = subject.SchoolLocationId,
            Reason = request.Reason!.Trim(),
            PlacedByPersonId = me,
            PlacedByName = actor.DisplayName,
            PlacedAt = now,
        };
        db.LegalHolds.Add(hold);
        audit.Record(new AuditEvent(AuditActions.LegalHoldPlaced, "legal-hold", hold.Id.ToString())
        {
            RecordingId = hold.RecordingId,
            SchoolLocationId = hold.SchoolLocationId,
            OpleidingsschoolId = subject.OpleidingsschoolId,
            Details = new { scope = hold.Scope.ToString(), hold.PlacementId, hold.Reason },
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/retention/holds/{hold.Id}", HoldView.From(hold));
    }

    private static async Task<Results<Ok<HoldView>, ValidationProblem, ProblemHttpResult>> Lift(
        Guid id, LiftHoldRequest request, IRetentionDb db, ICurrentActor actor, IAuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (actor.PersonId is not { } me)
        {
            return VaultProblems.Problem(VaultProblems.UnknownPerson);
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > MaxReason)
        {
            return VaultProblems.Invalid("reason", Text.T("Geef een reden om de bewaarplicht op te heffen (R17).", "Give a reason for lifting the hold (R17)."));
        }

        var hold = await db.LegalHolds.FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        var visible = await RetentionAccess.VisibleLocationsAsync(actor, cancellationToken);
        if (hold is null || !RetentionAccess.Sees(visible, hold.SchoolLocationId))
        {
            return VaultProblems.NotFoundProblem();
        }

        if (!hold.IsActive)
        {
            return VaultProblems.Problem(VaultProblems.Conflict, Text.T("Deze bewaarplicht is al opgeheven.", "This hold has already been lifted."));
        }

        hold.LiftedAt = time.GetUtcNow();
        hold.LiftedByPersonId = me;
        hold.LiftedByName = actor.DisplayName;
        hold.LiftReason = request.Reason.Trim();
        audit.Record(new AuditEvent(AuditActions.LegalHoldLifted, "legal-hold", hold.Id.ToString())
        {
            RecordingId = hold.RecordingId,
            SchoolLocationId = hold.SchoolLocationId,
            Details = new { scope = hold.Scope.ToString(), hold.PlacementId, reason = hold.LiftReason },
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(HoldView.From(hold));
    }

    private sealed record Subject(Guid? RecordingId, Guid PlacementId, Guid SchoolLocationId, Guid OpleidingsschoolId);

    private static async Task<Subject?> FindRecordingAsync(Guid recordingId, IRetentionCatalog catalog, CancellationToken cancellationToken)
    {
        // The port has no lookup by id; holds are rare, so a pass over the catalogue is acceptable here.
        await foreach (var c in catalog.CandidatesAsync(cancellationToken))
        {
            if (c.RecordingId == recordingId)
            {
                return new Subject(c.RecordingId, c.PlacementId, c.SchoolLocationId, c.OpleidingsschoolId);
            }
        }

        return null;
    }
}
