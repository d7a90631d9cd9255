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
        if (await eligibility.AssessAsync(placementId, studentId, day, cancellationToken) is not { } assessment)
        {
            return null;
        }

        var (placement, school) = (assessment.Placement, assessment.School);
        var reasons = assessment.Eligibility.Reasons.Where(r => r.Rule != "R12").Select(r => new GateReason(r.Rule, r.Code, r.Message, r.MessageEn, [])).ToList();
        var policy = school.Policy;
        return new Consent.Gate.PlacementFacts(
            placement.Id, placement.StudentId, placement.SchoolLocationId, school.OpleidingsschoolId, school.Code,
            placement.Kind == PlacementKind.WerkendLeren ? PlacementKindFact.WerkendLeren : PlacementKindFact.Werkplekleren,
            new GatePolicy(policy.ClosedEnvironmentRules, policy.RequiredRecordingsPerPlacement, policy.OfferSoundOnlyFallback, policy.WithdrawalReviewDays),
            reasons,
            assessment.RegulationAcknowledged);
    }

    public Task<bool> IsInvolvedAsync(Guid placementId, Guid personId, CancellationToken cancellationToken) =>
        db.Placements.AnyAsync(p => p.Id == placementId && (p.StudentId == personId || p.Coaches.Any(c => c.PersonId == personId && c.RemovedAt == null)), cancellationToken);
}
