using Microsoft.EntityFrameworkCore;
using Vault.Api.Agreements;
using Vault.Api.Data;

namespace Vault.Api.Placements;

/// <summary>One reason why a student may not record on a placement, with the rule it comes from.</summary>
public sealed record EligibilityReason(string Rule, string Code, string Message, string MessageEn);

public sealed record Eligibility(Guid PlacementId, DateOnly Date, bool MayRecord, IReadOnlyList<EligibilityReason> Reasons);

/// <summary>
/// "May this student record on this placement on this day?": R15 (placement active, uploader is its student),
/// R1 (akkoord on the agreement in force for the placement's kind; all three parties for werkend leren) and, for
/// an opleidingsschool with the closed-environment rules, R12 (the regulation acknowledged).
/// </summary>
public sealed class PlacementEligibility(VaultDbContext db)
{
    public async Task<Eligibility?> CheckAsync(Guid placementId, Guid studentId, DateOnly date, CancellationToken cancellationToken)
    {
        var placement = await db.Placements.AsNoTracking().FirstOrDefaultAsync(p => p.Id == placementId, cancellationToken);
        if (placement is null)
        {
            return null;
        }

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

        var kind = placement.Kind == PlacementKind.WerkendLeren ? AgreementKind.Driepartijenovereenkomst : AgreementKind.Raamovereenkomst;
        var inForce = await InForceAsync(kind, date, cancellationToken);
        if (inForce is null)
        {
            reasons.Add(new("R1", "no-agreement-in-force", "Er is geen overeenkomst van kracht op deze datum.", "No agreement is in force on this date."));
        }
        else if (kind == AgreementKind.Raamovereenkomst)
        {
            if (!await AcceptedAsync(inForce.Id, placement.StudentId, null, AgreementParty.Student, cancellationToken))
            {
                reasons.Add(new("R1", "no-akkoord", $"De student heeft nog geen akkoord gegeven op '{inForce.Title}' (versie {inForce.VersionLabel}).", $"The student has not yet accepted '{inForce.Title}' (version {inForce.VersionLabel})."));
            }
        }
        else
        {
            foreach (var party in Enum.GetValues<AgreementParty>())
            {
                if (!await AcceptedAsync(inForce.Id, placement.StudentId, placement.Id, party, cancellationToken))
                {
                    reasons.Add(new("R1", $"no-akkoord-{party.ToString().ToLowerInvariant()}", $"De driepartijenovereenkomst mist het akkoord van: {DutchParty(party)}.", $"The tripartite agreement lacks the akkoord of: {party}."));
                }
            }
        }

        var haagse = await db.SchoolLocations.AsNoTracking()
            .Where(l => l.Id == placement.SchoolLocationId)
            .Select(l => l.Opleidingsschool!.Policy.ClosedEnvironmentRules)
            .FirstOrDefaultAsync(cancellationToken);
        if (haagse)
        {
            var regulation = await InForceAsync(AgreementKind.RegelingBeeldEnGeluid, date, cancellationToken);
            if (regulation is null || !await AcceptedAsync(regulation.Id, placement.StudentId, null, AgreementParty.Student, cancellationToken))
            {
                reasons.Add(new("R12", "regulation-not-acknowledged", "De student heeft de regeling 'Beeld- en Geluidsopnames' en de privacyverklaring nog niet expliciet erkend.", "The student has not explicitly acknowledged the 'Beeld- en Geluidsopnames' regulation and privacy statement."));
            }
        }

        return new Eligibility(placement.Id, date, reasons.Count == 0, reasons);
    }

    /// <summary>The version of an agreement in force on a date: the latest whose effective date has come.</summary>
    public Task<AgreementVersion?> InForceAsync(AgreementKind kind, DateOnly date, CancellationToken cancellationToken) =>
        db.AgreementVersions.AsNoTracking()
            .Where(a => a.Kind == kind && a.EffectiveFrom <= date)
            .OrderByDescending(a => a.EffectiveFrom)
            .FirstOrDefaultAsync(cancellationToken);

    private Task<bool> AcceptedAsync(Guid versionId, Guid studentId, Guid? placementId, AgreementParty party, CancellationToken cancellationToken) =>
        db.AgreementAcceptances.AnyAsync(
            a => a.AgreementVersionId == versionId && a.StudentId == studentId && a.Party == party && (placementId == null || a.PlacementId == placementId),
            cancellationToken);

    private static string DutchParty(AgreementParty party) => party switch
    {
        AgreementParty.Student => "de student-werknemer",
        AgreementParty.Hogeschool => "de hogeschool",
        _ => "de werkgever",
    };
}
