using Microsoft.EntityFrameworkCore;
using Vault.Api.Agreements;
using Vault.Api.Data;

namespace Vault.Api.Placements;

/// <summary>One reason why a student may not record on a placement, with the rule it comes from.</summary>
public sealed record EligibilityReason(string Rule, string Code, string Message, string MessageEn);

public sealed record Eligibility(Guid PlacementId, DateOnly Date, bool MayRecord, IReadOnlyList<EligibilityReason> Reasons);

/// <summary>Where a placement is, the policy of its opleidingsschool (R6).</summary>
internal sealed record SchoolFacts(Guid OpleidingsschoolId, string Code, Organisations.PolicySettings Policy);

/// <summary>An eligibility with the facts it was judged on, for the upload gate.</summary>
internal sealed record PlacementAssessment(Placement Placement, SchoolFacts School, bool RegulationAcknowledged, Eligibility Eligibility);

internal sealed record PlacementRow(Placement Placement, SchoolFacts School);

internal sealed record AcceptanceFacts(Guid AgreementVersionId, AgreementParty Party, Guid? PlacementId);

internal sealed record VersionFacts(Guid Id, AgreementKind Kind, string Title, string VersionLabel, DateOnly EffectiveFrom);

/// <summary>
/// "May this student record on this placement on this day?": R15 (placement active, uploader is its student),
/// R1 (akkoord on the agreement in force for the placement's kind; all three parties for werkend leren) and, for
/// an opleidingsschool with the closed-environment rules, R12 (the regulation acknowledged).
/// </summary>
public sealed class PlacementEligibility(VaultDbContext db)
{
    // Compiled once: the upload gate asks these for every decision (see GateFactsLoader).
    private static readonly Func<VaultDbContext, Guid, CancellationToken, Task<PlacementRow?>> PlacementQuery = EF.CompileAsyncQuery(
        (VaultDbContext db, Guid placementId, CancellationToken _) =>
            (from p in db.Placements.AsNoTracking()
             join l in db.SchoolLocations.AsNoTracking() on p.SchoolLocationId equals l.Id
             where p.Id == placementId
             select new PlacementRow(p, new SchoolFacts(l.OpleidingsschoolId, l.Opleidingsschool!.Code, l.Opleidingsschool.Policy)))
            .FirstOrDefault());

    private static readonly Func<VaultDbContext, AgreementKind, AgreementKind, DateOnly, IAsyncEnumerable<VersionFacts>> TakenEffectQuery = EF.CompileAsyncQuery(
        (VaultDbContext db, AgreementKind kind, AgreementKind other, DateOnly date) => db.AgreementVersions.AsNoTracking()
            .Where(a => (a.Kind == kind || a.Kind == other) && a.EffectiveFrom <= date)
            .Select(a => new VersionFacts(a.Id, a.Kind, a.Title, a.VersionLabel, a.EffectiveFrom)));

    // The student's akkoorden on every version of those kinds that has taken effect: a superset of those in force.
    private static readonly Func<VaultDbContext, Guid, AgreementKind, AgreementKind, DateOnly, IAsyncEnumerable<AcceptanceFacts>> AcceptedQuery = EF.CompileAsyncQuery(
        (VaultDbContext db, Guid studentId, AgreementKind kind, AgreementKind other, DateOnly date) =>
            from x in db.AgreementAcceptances.AsNoTracking()
            join a in db.AgreementVersions.AsNoTracking() on x.AgreementVersionId equals a.Id
            where x.StudentId == studentId && (a.Kind == kind || a.Kind == other) && a.EffectiveFrom <= date
            select new AcceptanceFacts(x.AgreementVersionId, x.Party, x.PlacementId));

    public async Task<Eligibility?> CheckAsync(Guid placementId, Guid studentId, DateOnly date, CancellationToken cancellationToken) =>
        (await AssessAsync(placementId, studentId, date, cancellationToken))?.Eligibility;

    /// <summary>
    /// The eligibility with the facts it was judged on, in three compiled queries whatever the placement's kind: the
    /// placement with its opleidingsschool's policy, the agreement versions that have taken effect, and the student's
    /// akkoorden on those.
    /// </summary>
    internal async Task<PlacementAssessment?> AssessAsync(Guid placementId, Guid studentId, DateOnly date, CancellationToken cancellationToken)
    {
        var found = await PlacementQuery(db, placementId, cancellationToken);
        if (found is null)
        {
            return null;
        }

        var placement = found.Placement;
        var kind = placement.Kind == PlacementKind.WerkendLeren ? AgreementKind.Driepartijenovereenkomst : AgreementKind.Raamovereenkomst;
        var candidates = await TakenEffectQuery(db, kind, AgreementKind.RegelingBeeldEnGeluid, date).ToListAsync(cancellationToken);
        var inForce = candidates.GroupBy(v => v.Kind).ToDictionary(g => g.Key, g => InForce(g, v => v.EffectiveFrom)!);
        var accepted = await AcceptedQuery(db, placement.StudentId, kind, AgreementKind.RegelingBeeldEnGeluid, date).ToListAsync(cancellationToken);
        bool Accepted(VersionFacts version, AgreementParty party, Guid? onPlacement) =>
            accepted.Any(a => a.AgreementVersionId == version.Id && a.Party == party && (onPlacement == null || a.PlacementId == onPlacement));

        var reasons = new List<EligibilityReason>();
        if (placement.StudentId != studentId)
        {
            reasons.Add(new("R15", "not-your-placement", "U bent niet de student van deze plaatsing.", "You are not the student of this placement."));
        }

        if (placement.EndedOn is { } ended && date > ended)
        {
            reasons.Add(new("R15", "placement-ended", $"Het werkplekleren is beëindigd op {ended:dd-MM-yyyy}; er mogen geen nieuwe opnames worden gemaakt.", $"The placement ended on {ended:yyyy-MM-dd}; no new recordings may be made."));
        }
        else if (!placement.IsActiveOn(date))
        {
            reasons.Add(new("R15", "placement-not-active", $"De plaatsing loopt van {placement.StartDate:dd-MM-yyyy} tot en met {placement.LastDay:dd-MM-yyyy}.", $"The placement runs from {placement.StartDate:yyyy-MM-dd} to {placement.LastDay:yyyy-MM-dd}."));
        }

        if (!inForce.TryGetValue(kind, out var agreement))
        {
            reasons.Add(new("R1", "no-agreement-in-force", "Er is geen overeenkomst van kracht op deze datum.", "No agreement is in force on this date."));
        }
        else if (kind == AgreementKind.Raamovereenkomst)
        {
            if (!Accepted(agreement, AgreementParty.Student, null))
            {
                reasons.Add(new("R1", "no-akkoord", $"De student heeft nog geen akkoord gegeven op '{agreement.Title}' (versie {agreement.VersionLabel}).", $"The student has not yet accepted '{agreement.Title}' (version {agreement.VersionLabel})."));
            }
        }
        else
        {
            foreach (var party in Enum.GetValues<AgreementParty>().Where(party => !Accepted(agreement, party, placement.Id)))
            {
                reasons.Add(new("R1", $"no-akkoord-{party.ToString().ToLowerInvariant()}", $"De driepartijenovereenkomst mist het akkoord van: {DutchParty(party)}.", $"The tripartite agreement lacks the akkoord of: {party}."));
            }
        }

        var regulationAcknowledged = inForce.TryGetValue(AgreementKind.RegelingBeeldEnGeluid, out var regulation) && Accepted(regulation, AgreementParty.Student, null);
        if (found.School.Policy.ClosedEnvironmentRules && !regulationAcknowledged)
        {
            reasons.Add(new("R12", "regulation-not-acknowledged", "De student heeft de regeling 'Beeld- en Geluidsopnames' en de privacyverklaring nog niet expliciet erkend.", "The student has not explicitly acknowledged the 'Beeld- en Geluidsopnames' regulation and privacy statement."));
        }

        return new PlacementAssessment(placement, found.School, regulationAcknowledged, new Eligibility(placement.Id, date, reasons.Count == 0, reasons));
    }

    /// <summary>The version of an agreement in force on a date: the latest whose effective date has come.</summary>
    public async Task<AgreementVersion?> InForceAsync(AgreementKind kind, DateOnly date, CancellationToken cancellationToken) =>
        InForce(await db.AgreementVersions.AsNoTracking().Where(a => a.Kind == kind && a.EffectiveFrom <= date).ToListAsync(cancellationToken), a => a.EffectiveFrom);

    /// <summary>Of the versions of one kind that have taken effect, the one in force: the last to take effect (the one rule, for the gate and the pages).</summary>
    private static T? InForce<T>(IEnumerable<T> takenEffect, Func<T, DateOnly> effectiveFrom) => takenEffect.MaxBy(effectiveFrom);

    private static string DutchParty(AgreementParty party) => party switch
    {
        AgreementParty.Student => "de student-werknemer",
        AgreementParty.Hogeschool => "de hogeschool",
        _ => "de werkgever",
    };
}
