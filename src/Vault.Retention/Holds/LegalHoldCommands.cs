using Microsoft.EntityFrameworkCore;
using Vault.Retention.Data;
using Vault.Retention.Ports;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Retention.Holds;

/// <summary>R17 legal holds (list, place, lift with a reason): one implementation for the API and the privacy officer's pages.</summary>
public sealed class LegalHoldCommands
{
    private readonly IRetentionDb db;
    private readonly IRetentionCatalog catalog;
    private readonly ICurrentActor actor;
    private readonly IAuditTrail audit;
    private readonly TimeProvider time;

    public LegalHoldCommands(IRetentionDb db, IRetentionCatalog catalog, ICurrentActor actor, IAuditTrail audit, TimeProvider time)
    {
        this.db = db;
        this.catalog = catalog;
        this.actor = actor;
        this.audit = audit;
        this.time = time;
    }

    public const int MaxReason = 2000;

    /// <summary>The holds this officer may see (their schoollocaties), newest first; <paramref name="active"/> filters.</summary>
    public async Task<IReadOnlyList<HoldView>> ListAsync(bool? active, CancellationToken cancellationToken)
    {
        var visible = await RetentionAccess.VisibleLocationsAsync(actor, cancellationToken);
        var query = db.LegalHolds.AsNoTracking();
        if (active is { } onlyActive)
        {
            query = onlyActive ? query.Where(h => h.LiftedAt == null) : query.Where(h => h.LiftedAt != null);
        }

        var holds = await query.OrderByDescending(h => h.PlacedAt).ToListAsync(cancellationToken);
        return [.. holds.Where(h => RetentionAccess.Sees(visible, h.SchoolLocationId)).Select(HoldView.From)];
    }

    public async Task<CommandResult<HoldView>> PlaceAsync(PlaceHoldRequest request, CancellationToken cancellationToken)
    {
        if (actor.PersonId is not { } me)
        {
            return CommandResult<HoldView>.Fail(VaultProblems.UnknownPerson);
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
            return CommandResult<HoldView>.Invalid(errors);
        }

        var subject = request.Scope == HoldScope.Recording
            ? await FindRecordingAsync(request.RecordingId!.Value, cancellationToken)
            : await db.FindPlacementAsync(request.PlacementId!.Value, cancellationToken) is { } p ? new Subject(null, p.PlacementId, p.SchoolLocationId, p.OpleidingsschoolId) : null;
        var visible = await RetentionAccess.VisibleLocationsAsync(actor, cancellationToken);
        if (subject is null || !RetentionAccess.Sees(visible, subject.SchoolLocationId))
        {
            if (request.RecordingId is { } gone && await db.Tombstones.AnyAsync(t => t.RecordingId == gone, cancellationToken) && visible is null)
            {
                return CommandResult<HoldView>.Fail(VaultProblems.Conflict, Text.T("Deze opname is al vernietigd.", "This recording has already been destroyed."));
            }

            return CommandResult<HoldView>.Fail(VaultProblems.NotFound);
        }

        var duplicate = await db.LegalHolds.AnyAsync(
            h => h.LiftedAt == null && h.Scope == request.Scope && (request.Scope == HoldScope.Recording ? h.RecordingId == subject.RecordingId : h.PlacementId == subject.PlacementId),
            cancellationToken);
        if (duplicate)
        {
            return CommandResult<HoldView>.Fail(VaultProblems.Conflict, Text.T("Hierop rust al een actieve bewaarplicht.", "An active legal hold already covers this."));
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
        return HoldView.From(hold);
    }

    public async Task<CommandResult<HoldView>> LiftAsync(Guid id, LiftHoldRequest request, CancellationToken cancellationToken)
    {
        if (actor.PersonId is not { } me)
        {
            return CommandResult<HoldView>.Fail(VaultProblems.UnknownPerson);
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > MaxReason)
        {
            return CommandResult<HoldView>.Invalid(new ValidationErrors().Require(false, "reason", Text.T("Geef een reden om de bewaarplicht op te heffen (R17).", "Give a reason for lifting the hold (R17).")));
        }

        var hold = await db.LegalHolds.FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        var visible = await RetentionAccess.VisibleLocationsAsync(actor, cancellationToken);
        if (hold is null || !RetentionAccess.Sees(visible, hold.SchoolLocationId))
        {
            return CommandResult<HoldView>.Fail(VaultProblems.NotFound);
        }

        if (!hold.IsActive)
        {
            return CommandResult<HoldView>.Fail(VaultProblems.Conflict, Text.T("Deze bewaarplicht is al opgeheven.", "This hold has already been lifted."));
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
        return HoldView.From(hold);
    }

    private sealed record Subject(Guid? RecordingId, Guid PlacementId, Guid SchoolLocationId, Guid OpleidingsschoolId);

    private async Task<Subject?> FindRecordingAsync(Guid recordingId, CancellationToken cancellationToken)
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
