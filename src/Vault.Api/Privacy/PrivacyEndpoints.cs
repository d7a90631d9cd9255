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
    private const int MaxViewings = 1_000;

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
        [AsParameters] AuditFilter filter, ICurrentActor actor, VaultDbContext db, CancellationToken cancellationToken)
    {
        var errors = filter.Validate();
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var scope = await actor.PrivacyScopeAsync(cancellationToken);
        return TypedResults.Ok(await AuditQueries.PageAsync(db, scope, filter, cancellationToken));
    }

    private static Task<Results<Ok<AuditPage>, ValidationProblem>> Person(
        Guid id, [AsParameters] AuditFilter filter, ICurrentActor actor, VaultDbContext db, CancellationToken cancellationToken) =>
        Events(filter with { PersonId = id }, actor, db, cancellationToken);

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
        Guid id, long? before, int? limit, ICurrentActor actor, VaultDbContext db, CancellationToken cancellationToken)
    {
        var filter = new AuditFilter(RecordingId: id, Before: before, Limit: limit);
        var errors = filter.Validate();
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var scope = await actor.PrivacyScopeAsync(cancellationToken);
        var page = await AuditQueries.PageAsync(db, scope, filter, cancellationToken);
        if (page.Items.Count == 0 && before is null)
        {
            // Unknown, or outside the officer's scope: the same answer, so recording ids cannot be probed.
            return VaultProblems.NotFoundProblem();
        }

        var viewings = await AuditQueries.Query(db, scope, new AuditFilter(RecordingId: id, Action: AuditActions.PlaybackSession))
            .Take(MaxViewings).ToListAsync(cancellationToken);
        return TypedResults.Ok(new RecordingAudit(id, [.. viewings.Select(AuditEventView.From)], page));
    }

    private static async Task<Results<Ok<PupilAccessReport>, ValidationProblem>> Pupil(
        Guid id, long? before, int? limit, ICurrentActor actor, VaultDbContext db, IAuditTrail audit, IServiceProvider services, CancellationToken cancellationToken)
    {
        var filter = new AuditFilter(PupilId: id, Before: before, Limit: limit);
        var errors = filter.Validate();
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var scope = await actor.PrivacyScopeAsync(cancellationToken);
        var recordings = await services.GetRequiredService<PupilRecordings>().FindAsync(id, scope, cancellationToken);
        var page = await AuditQueries.PageAsync(db, scope, filter, cancellationToken);
        if (before is null)
        {
            // Looking up what the vault holds about a pupil is itself an access to personal data.
            await audit.RecordNowAsync(new AuditEvent(AuditActions.PupilAccessRequest, "pupil", id.ToString())
            {
                OpleidingsschoolId = AuditVisibility.HomeOf(scope),
                PupilIds = [id],
                Details = new { recordings = recordings.RecordingIds.Count, source = recordings.Source.ToString() },
            }, cancellationToken);
        }

        return TypedResults.Ok(new PupilAccessReport(id, recordings.RecordingIds, recordings.Source, page));
    }
}
