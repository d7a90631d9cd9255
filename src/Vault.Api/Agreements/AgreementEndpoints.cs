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

    private static async Task<Results<Created<AgreementVersionView>, ValidationProblem, ProblemHttpResult>> Publish(
        PublishAgreementRequest request, AgreementCommands commands, CancellationToken cancellationToken) =>
        (await commands.PublishAsync(request, cancellationToken)).ToHttpResult(v => TypedResults.Created($"/api/agreements/{v.Id}", v));

    private static async Task<Results<Created<AcceptanceView>, ValidationProblem, ProblemHttpResult>> Accept(
        Guid id, AcceptAgreementRequest request, StudentAgreements agreements, CancellationToken cancellationToken) =>
        (await agreements.AcceptAsync(id, request, cancellationToken)).ToHttpResult(a => TypedResults.Created($"/api/agreements/{id}", a));

    private static async Task<Results<Created<AcceptanceView>, ValidationProblem, ProblemHttpResult>> RecordParty(
        Guid id, RecordPartyAcceptanceRequest request, AgreementCommands commands, CancellationToken cancellationToken) =>
        (await commands.RecordPartyAsync(id, request, cancellationToken)).ToHttpResult(a => TypedResults.Created($"/api/agreements/{id}", a));

    private static async Task<List<AcceptanceView>> AcceptancesAsync(VaultDbContext db, Guid studentId, CancellationToken cancellationToken)
    {
        var rows = await db.AgreementAcceptances.AsNoTracking().Include(a => a.AgreementVersion).Where(a => a.StudentId == studentId).ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(a => a.AcceptedAt).Select(a => ToView(a, a.AgreementVersion!))];
    }

    internal static AgreementVersionView ToView(AgreementVersion v, bool withText) =>
        new(v.Id, v.Kind, v.VersionLabel, v.Title, v.EffectiveFrom, v.TextSha256, withText ? v.Text : null);

    internal static AcceptanceView ToView(AgreementAcceptance a, AgreementVersion v) =>
        new(a.Id, a.AgreementVersionId, v.Kind, v.VersionLabel, a.StudentId, a.PlacementId, a.Party, a.AcceptedByPersonId, a.AcceptedAt, a.Method, a.TextSha256);
}
