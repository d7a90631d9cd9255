using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Api.Placements;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Agreements;

public sealed record AgreementVersionView(Guid Id, AgreementKind Kind, string VersionLabel, string Title, DateOnly EffectiveFrom, string TextSha256, string? Text);

public sealed record PublishAgreementRequest(AgreementKind Kind, string VersionLabel, string Title, DateOnly EffectiveFrom, string Text);

/// <summary>The student's own akkoord: they confirm the hash of the text they were shown.</summary>
public sealed record AcceptAgreementRequest(string TextSha256, Guid? PlacementId);

/// <summary>An administrator records the hogeschool's or employer's akkoord on a tripartite agreement.</summary>
public sealed record RecordPartyAcceptanceRequest(Guid PlacementId, AgreementParty Party, Guid AcceptedByPersonId, string Reference);

public sealed record AcceptanceView(Guid Id, Guid AgreementVersionId, AgreementKind Kind, string VersionLabel, Guid StudentId, Guid? PlacementId, AgreementParty Party, Guid AcceptedByPersonId, DateTimeOffset AcceptedAt, AcceptanceMethod Method, string TextSha256);

/// <summary>Agreements as versioned texts, and the akkoorden given on them (R1, R12).</summary>
public static class AgreementEndpoints
{
    public static RouteGroupBuilder MapAgreementEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/agreements").WithTags("Agreements");
        group.MapGet("/", List).WithName("ListAgreements").WithSummary("Overeenkomsten en versies / Agreements and versions");
        group.MapGet("/{id:guid}", Get).WithName("GetAgreement").WithSummary("Eén versie met tekst / One version with its text");
        group.MapGet("/acceptances/mine", Mine).WithName("MyAcceptances").WithSummary("Mijn akkoorden / My acceptances");
        group.MapGet("/acceptances", ForStudent).WithName("StudentAcceptances").WithSummary("Akkoorden van een student / A student's acceptances")
            .RequireAuthorization(VaultPolicies.InstituteAdministrator);
        group.MapPost("/", Publish).WithName("PublishAgreement").WithSummary("Nieuwe versie publiceren / Publish a new version")
            .RequireAuthorization(VaultPolicies.InstituteAdministrator);
        group.MapPost("/{id:guid}/accept", Accept).WithName("AcceptAgreement").WithSummary("Digitaal, persoonlijk akkoord geven (R1) / Give your akkoord")
            .RequireAuthorization(VaultPolicies.Student);
        group.MapPost("/{id:guid}/party-acceptances", RecordParty).WithName("RecordPartyAcceptance")
            .WithSummary("Akkoord van hogeschool of werkgever vastleggen (werkend leren) / Record the university's or employer's akkoord")
            .RequireAuthorization(VaultPolicies.InstituteAdministrator);
        return group;
    }

    private static async Task<Ok<List<AgreementVersionView>>> List(VaultDbContext db, CancellationToken cancellationToken)
    {
        var versions = await db.AgreementVersions.AsNoTracking().OrderBy(a => a.Kind).ThenByDescending(a => a.EffectiveFrom).ToListAsync(cancellationToken);
        return TypedResults.Ok(versions.Select(v => ToView(v, withText: false)).ToList());
    }

    private static async Task<Results<Ok<AgreementVersionView>, ProblemHttpResult>> Get(Guid id, VaultDbContext db, CancellationToken cancellationToken)
    {
        var version = await db.AgreementVersions.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return version is null ? VaultProblems.NotFoundProblem() : TypedResults.Ok(ToView(version, withText: true));
    }

    private static async Task<Results<Ok<List<AcceptanceView>>, ProblemHttpResult>> Mine(ICurrentActor actor, VaultDbContext db, CancellationToken cancellationToken) =>
        actor.PersonId is { } me ? TypedResults.Ok(await AcceptancesAsync(db, me, cancellationToken)) : VaultProblems.Problem(VaultProblems.UnknownPerson);

    private static async Task<Ok<List<AcceptanceView>>> ForStudent(Guid studentId, VaultDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await AcceptancesAsync(db, studentId, cancellationToken));

    private static async Task<Results<Created<AgreementVersionView>, ValidationProblem>> Publish(
        PublishAgreementRequest request, VaultDbContext db, IAuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var text = request.Text ?? "";
        var hash = AgreementTexts.Sha256(text);
        var errors = new ValidationErrors()
            .Require(Enum.IsDefined(request.Kind), "kind", Text.T("Onbekende soort overeenkomst.", "Unknown kind of agreement."))
            .Require(!string.IsNullOrWhiteSpace(request.VersionLabel) && request.VersionLabel.Length <= 64, "versionLabel", Text.T("Een versieaanduiding van hoogstens 64 tekens is verplicht.", "A version label of at most 64 characters is required."))
            .Require(!string.IsNullOrWhiteSpace(request.Title) && request.Title.Length <= 300, "title", Text.T("Een titel van hoogstens 300 tekens is verplicht.", "A title of at most 300 characters is required."))
            .Require(text.Length is > 100 and <= 500_000, "text", Text.T("De tekst ontbreekt of is te lang.", "The text is missing or too long."));
        if (errors.IsValid && await db.AgreementVersions.AnyAsync(a => a.TextSha256 == hash || (a.Kind == request.Kind && a.VersionLabel == request.VersionLabel), cancellationToken))
        {
            errors.Add("versionLabel", Text.T("Deze versie of tekst is al gepubliceerd.", "This version or text is already published."));
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
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
        return TypedResults.Created($"/api/agreements/{version.Id}", ToView(version, withText: false));
    }

    private static async Task<Results<Created<AcceptanceView>, ValidationProblem, ProblemHttpResult>> Accept(
        Guid id, AcceptAgreementRequest request, StudentAgreements agreements, CancellationToken cancellationToken) =>
        (await agreements.AcceptAsync(id, request, cancellationToken)).ToHttpResult(a => TypedResults.Created($"/api/agreements/{id}", a));

    private static async Task<Results<Created<AcceptanceView>, ValidationProblem, ProblemHttpResult>> RecordParty(
        Guid id, RecordPartyAcceptanceRequest request, VaultDbContext db, IAuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var version = await db.AgreementVersions.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (version is null)
        {
            return VaultProblems.NotFoundProblem();
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
            return errors.ToProblem();
        }

        if (await db.AgreementAcceptances.AnyAsync(a => a.AgreementVersionId == id && a.PlacementId == request.PlacementId && a.Party == request.Party, cancellationToken))
        {
            return VaultProblems.Problem(VaultProblems.Conflict, Text.T("Dit akkoord is al vastgelegd.", "This akkoord is already recorded."));
        }

        var acceptance = new AgreementAcceptance
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            AgreementVersionId = id,
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
        audit.Record(new AuditEvent(AuditActions.AgreementAccepted, "agreement", id.ToString()) { Details = new { version.Kind, request.Party, request.PlacementId } });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/agreements/{id}", ToView(acceptance, version));
    }

    private static async Task<List<AcceptanceView>> AcceptancesAsync(VaultDbContext db, Guid studentId, CancellationToken cancellationToken)
    {
        var rows = await db.AgreementAcceptances.AsNoTracking().Include(a => a.AgreementVersion).Where(a => a.StudentId == studentId).ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(a => a.AcceptedAt).Select(a => ToView(a, a.AgreementVersion!))];
    }

    private static AgreementVersionView ToView(AgreementVersion v, bool withText) =>
        new(v.Id, v.Kind, v.VersionLabel, v.Title, v.EffectiveFrom, v.TextSha256, withText ? v.Text : null);

    internal static AcceptanceView ToView(AgreementAcceptance a, AgreementVersion v) =>
        new(a.Id, a.AgreementVersionId, v.Kind, v.VersionLabel, a.StudentId, a.PlacementId, a.Party, a.AcceptedByPersonId, a.AcceptedAt, a.Method, a.TextSha256);
}
