using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Api.Placements;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Agreements;

/// <summary>What a student must agree to, and their digital, personal akkoord (R1, R12). Used by the API and the pages.</summary>
public sealed class StudentAgreements(VaultDbContext db, ICurrentActor actor, IAuditTrail audit, TimeProvider time, PlacementEligibility eligibility)
{
    public sealed record Requirement(AgreementVersion Version, Guid? PlacementId, string Why, AgreementAcceptance? Acceptance);

    /// <summary>The agreements in force today for the student's current and coming placements, with their akkoord if given.</summary>
    public async Task<IReadOnlyList<Requirement>> RequirementsAsync(Guid studentId, DateOnly today, CancellationToken cancellationToken)
    {
        var placements = await db.Placements.AsNoTracking()
            .Where(p => p.StudentId == studentId && (p.EndedOn ?? p.EndDate) >= today)
            .Join(db.SchoolLocations, p => p.SchoolLocationId, l => l.Id, (p, l) => new { p.Id, p.Kind, l.Name, Haagse = l.Opleidingsschool!.Policy.ClosedEnvironmentRules })
            .ToListAsync(cancellationToken);
        var acceptances = await db.AgreementAcceptances.AsNoTracking()
            .Where(a => a.StudentId == studentId && a.Party == AgreementParty.Student).ToListAsync(cancellationToken);
        var requirements = new List<Requirement>();
        async Task AddAsync(AgreementKind kind, Guid? placementId, string why)
        {
            if (await eligibility.InForceAsync(kind, today, cancellationToken) is { } version
                && !requirements.Any(r => r.Version.Id == version.Id && r.PlacementId == placementId))
            {
                requirements.Add(new Requirement(version, placementId, why,
                    acceptances.FirstOrDefault(a => a.AgreementVersionId == version.Id && a.PlacementId == placementId)));
            }
        }

        foreach (var placement in placements)
        {
            if (placement.Kind == PlacementKind.WerkendLeren)
            {
                await AddAsync(AgreementKind.Driepartijenovereenkomst, placement.Id, Text.T($"werkend leren bij {placement.Name}", $"work-based learning at {placement.Name}"));
            }
            else
            {
                await AddAsync(AgreementKind.Raamovereenkomst, null, Text.T($"werkplekleren bij {placement.Name}", $"workplace learning at {placement.Name}"));
            }

            if (placement.Haagse)
            {
                await AddAsync(AgreementKind.RegelingBeeldEnGeluid, null, Text.T($"{placement.Name} is een Haagse opleidingsschool (R12)", $"{placement.Name} is a Haagse partner school (R12)"));
            }
        }

        return requirements;
    }

    /// <summary>Records the signed-in student's akkoord on the text they were shown (its hash must match).</summary>
    public async Task<CommandResult<AcceptanceView>> AcceptAsync(Guid versionId, AcceptAgreementRequest request, CancellationToken cancellationToken)
    {
        var version = await db.AgreementVersions.AsNoTracking().FirstOrDefaultAsync(a => a.Id == versionId, cancellationToken);
        if (version is null || actor.PersonId is not { } me)
        {
            return CommandResult<AcceptanceView>.Fail(VaultProblems.NotFound);
        }

        var errors = new ValidationErrors()
            .Require(string.Equals(request.TextSha256, version.TextSha256, StringComparison.OrdinalIgnoreCase), "textSha256",
                Text.T("De tekst waarmee u akkoord gaat is niet de gepubliceerde versie; laad de tekst opnieuw.", "The text you agree to is not the published version; reload it."));
        Guid? placementId = null;
        if (version.Kind == AgreementKind.Driepartijenovereenkomst)
        {
            var placement = request.PlacementId is { } pid ? await db.Placements.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid && p.StudentId == me, cancellationToken) : null;
            if (placement is null || placement.Kind != PlacementKind.WerkendLeren)
            {
                errors.Add("placementId", Text.T("Kies uw plaatsing voor werkend leren.", "Choose your werkend-leren placement."));
            }

            placementId = placement?.Id;
        }

        if (!errors.IsValid)
        {
            return CommandResult<AcceptanceView>.Invalid(errors);
        }

        if (await db.AgreementAcceptances.AnyAsync(a => a.AgreementVersionId == versionId && a.StudentId == me && a.Party == AgreementParty.Student && a.PlacementId == placementId, cancellationToken))
        {
            return CommandResult<AcceptanceView>.Fail(VaultProblems.Conflict, Text.T("U heeft al akkoord gegeven op deze versie.", "You have already accepted this version."));
        }

        var acceptance = new AgreementAcceptance
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            AgreementVersionId = versionId,
            StudentId = me,
            PlacementId = placementId,
            Party = AgreementParty.Student,
            AcceptedByPersonId = me,
            AcceptedAt = time.GetUtcNow(),
            Method = AcceptanceMethod.DigitaalInKluis,
            TextSha256 = version.TextSha256,
            IpAddress = actor.IpAddress,
            UserAgent = actor.UserAgent is { Length: > 512 } ua ? ua[..512] : actor.UserAgent,
        };
        db.AgreementAcceptances.Add(acceptance);
        audit.Record(new AuditEvent(AuditActions.AgreementAccepted, "agreement", versionId.ToString()) { Details = new { version.Kind, version.VersionLabel, party = AgreementParty.Student, placementId } });
        await db.SaveChangesAsync(cancellationToken);
        return AgreementEndpoints.ToView(acceptance, version);
    }
}
