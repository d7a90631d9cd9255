using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Api.Placements;
using Vault.Shared.Auditing;
using Vault.Shared.Problems;

namespace Vault.Api.Agreements;

/// <summary>
/// The institute administrator's side of agreements (R1, R12), shared by the API and the /beheer/overeenkomsten pages:
/// publishing a new version of a text, and recording the hogeschool's or employer's akkoord on a tripartite agreement.
/// </summary>
public sealed class AgreementCommands(VaultDbContext db, IAuditTrail audit, TimeProvider time)
{
    public async Task<CommandResult<AgreementVersionView>> PublishAsync(PublishAgreementRequest request, CancellationToken cancellationToken)
    {
        var text = request.Text ?? "";
        var hash = AgreementTexts.Sha256(text);
        var errors = new ValidationErrors()
            .Require(Enum.IsDefined(request.Kind), "kind", Text.T("Onbekende soort overeenkomst.", "Unknown kind of agreement."))
            .Require(!string.IsNullOrWhiteSpace(request.VersionLabel) && request.VersionLabel.Length <= 64, "versionLabel", Text.T("Een versieaanduiding van hoogstens 64 tekens is verplicht.", "A version label of at most 64 characters is required."))
            .Require(!string.IsNullOrWhiteSpace(request.Title) && request.Title.Length <= 300, "title", Text.T("Een titel van hoogstens 300 tekens is verplicht.", "A title of at most 300 characters is required."))
            .Require(request.EffectiveFrom != default, "effectiveFrom", Text.T("Geef de datum waarop de versie ingaat.", "Give the date the version takes effect."))
            .Require(text.Length is > 100 and <= 500_000, "text", Text.T("De tekst ontbreekt (minstens 100 tekens) of is te lang.", "The text is missing (at least 100 characters) or too long."));
        if (errors.IsValid && await db.AgreementVersions.AnyAsync(a => a.TextSha256 == hash || (a.Kind == request.Kind && a.VersionLabel == request.VersionLabel.Trim()), cancellationToken))
        {
            errors.Add("versionLabel", Text.T("Deze versie of tekst is al gepubliceerd.", "This version or text is already published."));
        }

        if (!errors.IsValid)
        {
            return CommandResult<AgreementVersionView>.Invalid(errors);
        }

        var version = new AgreementVersion
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            Kind = request.Kind,
            VersionLabel = request.VersionLabel.Trim(),
            Title = request.Title.Trim(),
            EffectiveFrom = request.EffectiveFrom,
            Text = text,
            TextSha256 = hash,
            PublishedAt = time.GetUtcNow(),
        };
        db.AgreementVersions.Add(version);
        audit.Record(new AuditEvent(AuditActions.AgreementPublished, "agreement", version.Id.ToString()) { Details = new { version.Kind, version.VersionLabel, version.EffectiveFrom, hash } });
        await db.SaveChangesAsync(cancellationToken);
        return AgreementEndpoints.ToView(version, withText: false);
    }

    public async Task<CommandResult<AcceptanceView>> RecordPartyAsync(Guid versionId, RecordPartyAcceptanceRequest request, CancellationToken cancellationToken)
    {
        var version = await db.AgreementVersions.AsNoTracking().FirstOrDefaultAsync(a => a.Id == versionId, cancellationToken);
        if (version is null)
        {
            return CommandResult<AcceptanceView>.Fail(VaultProblems.NotFound);
        }

        var placement = await db.Placements.AsNoTracking().FirstOrDefaultAsync(p => p.Id == request.PlacementId, cancellationToken);
        var errors = new ValidationErrors()
            .Require(version.Kind == AgreementKind.Driepartijenovereenkomst, "kind", Text.T("Alleen de driepartijenovereenkomst heeft akkoorden van andere partijen.", "Only the tripartite agreement has other parties."))
            .Require(request.Party is AgreementParty.Hogeschool or AgreementParty.Werkgever, "party", Text.T("Kies hogeschool of werkgever; de student geeft zelf akkoord.", "Choose university or employer; the student accepts personally."))
            .Require(placement?.Kind == PlacementKind.WerkendLeren, "placementId", Text.T("Onbekende plaatsing voor werkend leren.", "Unknown werkend-leren placement."))
            .Require(!string.IsNullOrWhiteSpace(request.Reference) && request.Reference.Length <= 200, "reference", Text.T("Vermeld waar het akkoord is vastgelegd (max. 200 tekens).", "State where the akkoord is recorded (max. 200 characters)."))
            .Require(await db.People.AnyAsync(p => p.Id == request.AcceptedByPersonId, cancellationToken), "acceptedByPersonId", Text.T("Onbekende ondertekenaar.", "Unknown signatory."));
        if (!errors.IsValid)
        {
            return CommandResult<AcceptanceView>.Invalid(errors);
        }

        if (await db.AgreementAcceptances.AnyAsync(a => a.AgreementVersionId == versionId && a.PlacementId == request.PlacementId && a.Party == request.Party, cancellationToken))
        {
            return CommandResult<AcceptanceView>.Fail(VaultProblems.Conflict, Text.T("Dit akkoord is al vastgelegd.", "This akkoord is already recorded."));
        }

        var acceptance = new AgreementAcceptance
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            AgreementVersionId = versionId,
            StudentId = placement!.StudentId,
            PlacementId = placement.Id,
            Party = request.Party,
            AcceptedByPersonId = request.AcceptedByPersonId,
            AcceptedAt = time.GetUtcNow(),
            Method = AcceptanceMethod.DigitaalElders,
            TextSha256 = version.TextSha256,
            Reference = request.Reference.Trim(),
        };
        db.AgreementAcceptances.Add(acceptance);
        audit.Record(new AuditEvent(AuditActions.AgreementAccepted, "agreement", versionId.ToString()) { Details = new { version.Kind, request.Party, request.PlacementId } });
        await db.SaveChangesAsync(cancellationToken);
        return AgreementEndpoints.ToView(acceptance, version);
    }
}
