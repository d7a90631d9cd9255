using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Retention.Erasure;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Privacy;

public sealed record FileErasureRequest(Guid PupilId, Guid? OpleidingsschoolId, string? Reference);

public sealed record HandOverRequest(Guid Version);

public sealed record ErasureRecordingView(Guid RecordingId, ErasureOutcome Outcome, string? Note, DateTimeOffset? DecidedAt);

public sealed record ErasureRequestView(
    Guid Id, Guid PupilId, Guid? OpleidingsschoolId, Guid RequestedByPersonId, DateTimeOffset RequestedAt, string? Reference,
    PupilRecordingsSource Source, ErasureState State, DateTimeOffset? HandedOverAt, DateTimeOffset? CompletedAt,
    IReadOnlyList<ErasureRecordingView> Recordings, Guid Version)
{
    public static ErasureRequestView From(ErasureRequest r) => new(
        r.Id, r.PupilId, r.OpleidingsschoolId, r.RequestedByPersonId, r.RequestedAt, r.Reference, r.Source, r.State, r.HandedOverAt, r.CompletedAt,
        [.. r.Recordings.OrderBy(x => x.RecordingId).Select(x => new ErasureRecordingView(x.RecordingId, x.Outcome, x.Note, x.DecidedAt))], r.Version);
}

/// <summary>Erasure requests (AVG art. 17) under <c>/api/privacy/erasure-requests</c>.</summary>
internal static class ErasureEndpoints
{
    public static void MapErasureEndpoints(this RouteGroupBuilder privacy)
    {
        var group = privacy.MapGroup("/erasure-requests");
        group.MapPost("/", File).WithName("FileErasureRequest").WithSummary("Verzoek tot wissen indienen (AVG art. 17) / File an erasure request");
        group.MapGet("/", List).WithName("ListErasureRequests").WithSummary("Verzoeken tot wissen / Erasure requests");
        group.MapGet("/{id:guid}", Get).WithName("GetErasureRequest").WithSummary("Eén verzoek tot wissen / One erasure request");
        group.MapPost("/{id:guid}/handover", HandOver).WithName("HandOverErasureRequest")
            .WithSummary("Opnieuw doorgeven aan bewaarbeheer / Hand over to retention again");
    }

    private static async Task<Results<Created<ErasureRequestView>, ValidationProblem>> File(
        FileErasureRequest request, ICurrentActor actor, VaultDbContext db, IAuditTrail audit, TimeProvider time,
        PupilRecordings pupilRecordings, ErasureWorkflow workflow, CancellationToken cancellationToken)
    {
        var scope = await actor.PrivacyScopeAsync(cancellationToken);
        var home = request.OpleidingsschoolId ?? AuditVisibility.HomeOf(scope);
        var errors = new ValidationErrors()
            .Require(request.PupilId != Guid.Empty, "pupilId", Text.T("Kies een leerling.", "Choose a pupil."))
            .Require(request.Reference is null || request.Reference.Length <= 200, "reference", Text.T("Het kenmerk is te lang (max. 200 tekens).", "The reference is too long (max. 200 characters)."));
        if (home is { } school ? !scope.OpleidingsschoolIds.Contains(school) : !scope.Instituut)
        {
            errors.Add("opleidingsschoolId", Text.T("Kies een opleidingsschool waarvoor u privacy officer bent.", "Choose an opleidingsschool you are the privacy officer of."));
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var recordings = await pupilRecordings.FindAsync(request.PupilId, scope, cancellationToken);
        var now = time.GetUtcNow();
        var erasure = new ErasureRequest
        {
            Id = Guid.CreateVersion7(now),
            PupilId = request.PupilId,
            OpleidingsschoolId = home,
            RequestedByPersonId = actor.PersonId!.Value,
            RequestedAt = now,
            Reference = request.Reference?.Trim(),
            Source = recordings.Source,
            State = ErasureState.Ingediend,
            Recordings = [.. recordings.RecordingIds.Select(id => new ErasureRequestRecording { RecordingId = id, Outcome = ErasureOutcome.Pending })],
        };
        db.Add(erasure);
        audit.Record(new AuditEvent(AuditActions.ErasureRequested, "erasure-request", erasure.Id.ToString())
        {
            OpleidingsschoolId = home,
            PupilIds = [request.PupilId],
            Details = new { recordings = recordings.RecordingIds, source = recordings.Source.ToString(), erasure.Reference },
        });
        await workflow.HandOverAsync(erasure, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/privacy/erasure-requests/{erasure.Id}", ErasureRequestView.From(erasure));
    }

    private static async Task<Ok<List<ErasureRequestView>>> List(Guid? pupilId, ICurrentActor actor, VaultDbContext db, CancellationToken cancellationToken)
    {
        var query = await VisibleAsync(db, actor, cancellationToken);
        if (pupilId is { } pupil)
        {
            query = query.Where(r => r.PupilId == pupil);
        }

        var requests = await query.OrderByDescending(r => r.RequestedAt).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(requests.Select(ErasureRequestView.From).ToList());
    }

    private static async Task<Results<Ok<ErasureRequestView>, ProblemHttpResult>> Get(Guid id, ICurrentActor actor, VaultDbContext db, CancellationToken cancellationToken)
    {
        var request = await (await VisibleAsync(db, actor, cancellationToken)).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return request is null ? VaultProblems.NotFoundProblem() : TypedResults.Ok(ErasureRequestView.From(request));
    }

    private static async Task<Results<Ok<ErasureRequestView>, ProblemHttpResult>> HandOver(
        Guid id, HandOverRequest body, ICurrentActor actor, VaultDbContext db, ErasureWorkflow workflow, CancellationToken cancellationToken)
    {
        var request = await (await VisibleAsync(db, actor, cancellationToken)).AsTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return VaultProblems.NotFoundProblem();
        }

        if (request.Version != body.Version)
        {
            return VaultProblems.Problem(VaultProblems.Concurrency);
        }

        if (request.State != ErasureState.Ingediend)
        {
            return VaultProblems.Problem(VaultProblems.Conflict, Text.T("Dit verzoek is al doorgegeven aan bewaarbeheer.", "This request has already been handed over to retention."));
        }

        await workflow.HandOverAsync(request, cancellationToken);
        db.Entry(request).State = EntityState.Modified;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ErasureRequestView.From(request));
    }

    private static async Task<IQueryable<ErasureRequest>> VisibleAsync(VaultDbContext db, ICurrentActor actor, CancellationToken cancellationToken)
    {
        var scope = await actor.PrivacyScopeAsync(cancellationToken);
        var schools = scope.OpleidingsschoolIds.ToList();
        var instituut = scope.Instituut;
        return db.Set<ErasureRequest>().AsNoTracking().Include(r => r.Recordings)
            .Where(r => (r.OpleidingsschoolId != null && schools.Contains(r.OpleidingsschoolId.Value)) || (instituut && r.OpleidingsschoolId == null));
    }
}
