using Microsoft.EntityFrameworkCore;
using Vault.Api.Agreements;
using Vault.Api.Data;
using Vault.Consent.Gate;

namespace Vault.Api.Placements;

/// <summary>
/// The host's answer to the upload gate's questions about a placement: where it is, the opleidingsschool's policy
/// (R6) and the eligibility reasons of <see cref="PlacementEligibility"/> (R1, R15); R12 is reported as a fact for
/// the Haagse module to judge.
/// </summary>
internal sealed class PlacementFacts(VaultDbContext db, PlacementEligibility eligibility) : IPlacementFacts
{
    public async Task<Consent.Gate.PlacementFacts?> GetAsync(Guid placementId, Guid studentId, DateOnly day, CancellationToken cancellationToken)
    {
        var placement = await db.Placements.AsNoTracking()
            .Where(p => p.Id == placementId)
            .Select(p => new
            {
                p.Id,
                p.StudentId,
                p.SchoolLocationId,
                p.Kind,
                School = db.SchoolLocations.Where(l => l.Id == p.SchoolLocationId).Select(l => new { l.OpleidingsschoolId, l.Opleidingsschool!.Code, l.Opleidingsschool.Policy }).First(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (placement is null)
        {
            return null;
        }

        var check = await eligibility.CheckAsync(placementId, studentId, day, cancellationToken);
        var reasons = check!.Reasons.Where(r => r.Rule != "R12").Select(r => new GateReason(r.Rule, r.Code, r.Message, r.MessageEn, [])).ToList();
        var policy = placement.School.Policy;
        var acknowledged = policy.ClosedEnvironmentRules
            ? check.Reasons.All(r => r.Rule != "R12")
            : await RegulationAcknowledgedAsync(placement.StudentId, day, cancellationToken);
        return new Consent.Gate.PlacementFacts(
            placement.Id, placement.StudentId, placement.SchoolLocationId, placement.School.OpleidingsschoolId, placement.School.Code,
            placement.Kind == PlacementKind.WerkendLeren ? PlacementKindFact.WerkendLeren : PlacementKindFact.Werkplekleren,
            new GatePolicy(policy.ClosedEnvironmentRules, policy.RequiredRecordingsPerPlacement, policy.OfferSoundOnlyFallback, policy.WithdrawalReviewDays),
            reasons,
            acknowledged);
    }

    public Task<bool> IsInvolvedAsync(Guid placementId, Guid personId, CancellationToken cancellationToken) =>
        db.Placements.AnyAsync(p => p.Id == placementId && (p.StudentId == personId || p.Coaches.Any(c => c.PersonId == personId && c.RemovedAt == null)), cancellationToken);

    private async Task<bool> RegulationAcknowledgedAsync(Guid studentId, DateOnly day, CancellationToken cancellationToken)
    {
        var regulation = await eligibility.InForceAsync(AgreementKind.RegelingBeeldEnGeluid, day, cancellationToken);
        return regulation is not null && await db.AgreementAcceptances.AnyAsync(a => a.AgreementVersionId == regulation.Id && a.StudentId == studentId && a.Party == AgreementParty.Student, cancellationToken);
    }
}
