using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Privacy;

public sealed record RecordingAudit(Guid RecordingId, IReadOnlyList<AuditEventView> Viewings, AuditPage Events);

public sealed record PupilAccessReport(Guid PupilId, IReadOnlyList<Guid> RecordingIds, PupilRecordingsSource Source, AuditPage Events);

/// <summary>
/// The privacy officer's workspace: the audit log queried by recording, pupil, person, period and event type,
/// always within the officer's scope (<see cref="AuditVisibility"/>); exports; erasure requests. Privacy officers
/// never receive media here, only ids and events.
/// </summary>
public static class PrivacyEndpoints
{
    public static RouteGroupBuilder MapPrivacyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/privacy").WithTags("Privacy").RequireAuthorization(VaultPolicies.PrivacyOfficer);
        group.MapGet("/events", Events).WithName("PrivacyEvents")
            .WithSummary("Auditlog doorzoeken (opname, leerling, persoon, periode, actie) / Search the audit log");
        group.MapGet("/events.csv", ExportCsv).WithName("PrivacyEventsCsv")
            .WithSummary("Auditlog exporteren als CSV / Export the audit log as CSV");
        group.MapGet("/recordings/{id:guid}", Recording).WithName("PrivacyRecording")
            .WithSummary("Wie heeft deze opname bekeken, wanneer, welke delen? / Who viewed this recording?");
        group.MapGet("/pupils/{id:guid}", Pupil).WithName("PrivacyPupil")
            .WithSummary("Inzageverzoek (AVG art. 15): opnames met deze leerling / Access request: recordings with this pupil");
        group.MapGet("/people/{id:guid}/events", Person).WithName("PrivacyPersonEvents")
            .WithSummary("Wat heeft deze persoon gedaan? / What did this person do?");
        group.MapErasureEndpoints();
        group.MapDestructionExport();
        return group;
    }

    private static async Task<Results<Ok<AuditPage>, ValidationProblem>> Events(
        [AsParameters] AuditFilter filter, PrivacyReports reports, CancellationToken cancellationToken)
    {
        var result = await reports.SearchAsync(filter, cancellationToken);
        return result.Value is { } page ? TypedResults.Ok(page) : result.Errors!.ToProblem();
    }

    private static Task<Results<Ok<AuditPage>, ValidationProblem>> Person(
        Guid id, [AsParameters] AuditFilter filter, PrivacyReports reports, CancellationToken cancellationToken) =>
        Events(filter with { PersonId = id }, reports, cancellationToken);

    private static async Task<Results<PushStreamHttpResult, ValidationProblem>> ExportCsv(
        [AsParameters] AuditFilter filter, ICurrentActor actor, VaultDbContext db, IAuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = filter.Validate();
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var scope = await actor.PrivacyScopeAsync(cancellationToken);
        await AuditExports.RecordAsync(db, audit, scope, filter, "csv", cancellationToken);
        return TypedResults.Stream(
            body => AuditExports.WriteCsvAsync(body, db, scope, filter, cancellationToken),
            "text/csv; charset=utf-8",
            AuditExports.FileName("auditlog", time.GetUtcNow(), "csv"));
    }

    private static async Task<Results<Ok<RecordingAudit>, ProblemHttpResult, ValidationProblem>> Recording(
        Guid id, long? before, int? limit, PrivacyReports reports, CancellationToken cancellationToken)
    {
        var result = await reports.RecordingAsync(id, before, limit, cancellationToken);
        return result.Value is { } report ? TypedResults.Ok(report) : result.Errors is { } errors ? errors.ToProblem() : VaultProblems.NotFoundProblem();
    }

    private static async Task<Results<Ok<PupilAccessReport>, ValidationProblem>> Pupil(
        Guid id, long? before, int? limit, PrivacyReports reports, CancellationToken cancellationToken)
    {
        var result = await reports.PupilAsync(id, before, limit, cancellationToken);
        return result.Value is { } report ? TypedResults.Ok(report) : result.Errors!.ToProblem();
    }
}
