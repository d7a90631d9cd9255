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
        FileErasureRequest request, ErasureCommands commands, CancellationToken cancellationToken)
    {
        var result = await commands.FileAsync(request, cancellationToken);
        return result.Value is { } view ? TypedResults.Created($"/api/privacy/erasure-requests/{view.Id}", view) : result.Errors!.ToProblem();
    }

    private static async Task<Ok<IReadOnlyList<ErasureRequestView>>> List(Guid? pupilId, ErasureCommands commands, CancellationToken cancellationToken) =>
        TypedResults.Ok(await commands.ListAsync(pupilId, cancellationToken));

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

    internal static async Task<IQueryable<ErasureRequest>> VisibleAsync(VaultDbContext db, ICurrentActor actor, CancellationToken cancellationToken)
    {
        var scope = await actor.PrivacyScopeAsync(cancellationToken);
        var schools = scope.OpleidingsschoolIds.ToList();
        var instituut = scope.Instituut;
        return db.Set<ErasureRequest>().AsNoTracking().Include(r => r.Recordings)
            .Where(r => (r.OpleidingsschoolId != null && schools.Contains(r.OpleidingsschoolId.Value)) || (instituut && r.OpleidingsschoolId == null));
    }
}
