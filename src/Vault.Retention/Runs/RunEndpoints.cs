using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vault.Retention.Data;
using Vault.Retention.Planning;
using Vault.Shared.Identity;
using Vault.Shared.Problems;
using Vault.Shared.Time;

namespace Vault.Retention.Runs;

public sealed record PlanLineView(Guid RecordingId, Guid PlacementId, Guid SchoolLocationId, DateOnly RecordedOn, bool Destroy, string Reason, string ReasonText);

public sealed record PlanView(DateOnly RunDate, int ToDestroy, int ToKeep, IReadOnlyList<PlanLineView> Lines);

public sealed record RunView(
    Guid Id, string Key, DestructionKind Kind, RunState State, DateOnly RunDate, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    string StartedBy, int Attempts, int Planned, int Destroyed, int Skipped, int Failed, string? ListSha256)
{
    public static RunView From(DestructionRun r) =>
        new(r.Id, r.Key, r.Kind, r.State, r.RunDate, r.StartedAt, r.FinishedAt, r.StartedBy, r.Attempts, r.PlannedCount, r.DestroyedCount, r.SkippedCount, r.FailedCount, r.ListSha256);
}

public sealed record TombstoneView(Guid RecordingId, Guid PlacementId, DateOnly RecordedOn, DateTimeOffset DestroyedAt, Guid RunId, DestructionKind Kind, string Reason);

/// <summary>The plan of the next yearly run, the runs, and each run's destruction record (JSON or CSV).</summary>
internal static class RunEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        var officer = group.MapGroup("").RequireAuthorization(RetentionAccess.Policy);
        officer.MapGet("/plan", Plan).WithName("RetentionPlan").WithSummary("Plan van de volgende jaarlijkse vernietiging (R7) / Plan of the next yearly run");
        officer.MapGet("/runs", List).WithName("DestructionRuns").WithSummary("Vernietigingsrondes / Destruction runs");
        officer.MapGet("/runs/{id:guid}", Get).WithName("DestructionRun").WithSummary("Eén vernietigingsronde / One destruction run");
        officer.MapGet("/runs/{id:guid}/record.json", RecordJson).WithName("DestructionRecordJson").WithSummary("Vernietigingsverslag (JSON) / Destruction record");
        officer.MapGet("/tombstones/{recordingId:guid}", GetTombstone).WithName("Tombstone").WithSummary("Wat er van een vernietigde opname over is / What remains of a destroyed recording");
        officer.MapGet("/runs/{id:guid}/record.csv", RecordCsv).WithName("DestructionRecordCsv").WithSummary("Vernietigingsverslag (CSV) / Destruction record");
    }

    private static async Task<Results<Ok<PlanView>, ProblemHttpResult>> Plan(RetentionQueries retention, CancellationToken cancellationToken)
    {
        var result = await retention.PlanAsync(cancellationToken);
        return result.Value is { } plan ? TypedResults.Ok(plan) : VaultProblems.Problem(result.Problem!, result.Detail);
    }

    private static async Task<Ok<IReadOnlyList<RunView>>> List(RetentionQueries retention, CancellationToken cancellationToken) =>
        TypedResults.Ok(await retention.RunsAsync(cancellationToken));

    private static async Task<Results<Ok<RunView>, ProblemHttpResult>> Get(Guid id, IRetentionDb db, ICurrentActor actor, CancellationToken cancellationToken)
    {
        var visible = await RetentionAccess.VisibleLocationsAsync(actor, cancellationToken);
        return await db.DestructionRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is { } run && await SeesAsync(db, run.Id, visible, cancellationToken)
            ? TypedResults.Ok(RunView.From(run))
            : VaultProblems.NotFoundProblem();
    }

    /// <summary>A scoped officer sees a run only when it has an item at one of their schoollocaties.</summary>
    internal static async Task<bool> SeesAsync(IRetentionDb db, Guid runId, IReadOnlySet<Guid>? visible, CancellationToken cancellationToken)
    {
        if (visible is null)
        {
            return true;
        }

        var locations = visible.ToList();
        return await db.DestructionRunItems.AnyAsync(i => i.RunId == runId && locations.Contains(i.SchoolLocationId), cancellationToken);
    }

    private static async Task<Results<Ok<TombstoneView>, ProblemHttpResult>> GetTombstone(Guid recordingId, IRetentionDb db, ICurrentActor actor, CancellationToken cancellationToken) =>
        await db.Tombstones.AsNoTracking().FirstOrDefaultAsync(t => t.RecordingId == recordingId, cancellationToken) is { } t
            && RetentionAccess.Sees(await RetentionAccess.VisibleLocationsAsync(actor, cancellationToken), t.SchoolLocationId)
            ? TypedResults.Ok(new TombstoneView(t.RecordingId, t.PlacementId, t.RecordedOn, t.DestroyedAt, t.RunId, t.Kind, t.Reason))
            : VaultProblems.NotFoundProblem();

    private static async Task<Results<Ok<DestructionRecord>, ProblemHttpResult>> RecordJson(Guid id, IRetentionDb db, ICurrentActor actor, CancellationToken cancellationToken) =>
        await LoadAsync(id, db, await RetentionAccess.VisibleLocationsAsync(actor, cancellationToken), cancellationToken) is { } record
            ? TypedResults.Ok(record)
            : VaultProblems.NotFoundProblem();

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> RecordCsv(Guid id, RetentionQueries retention, CancellationToken cancellationToken) =>
        await retention.RecordCsvAsync(id, cancellationToken) is { } file
            ? TypedResults.File(file.Content, "text/csv; charset=utf-8", file.FileName)
            : VaultProblems.NotFoundProblem();

    /// <summary>The run's record as <paramref name="visible"/> (null: everything) may see it; null when it may see none of it.</summary>
    internal static async Task<DestructionRecord?> LoadAsync(Guid id, IRetentionDb db, IReadOnlySet<Guid>? visible, CancellationToken cancellationToken)
    {
        var run = await db.DestructionRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null || !await SeesAsync(db, id, visible, cancellationToken))
        {
            return null;
        }

        var query = db.DestructionRunItems.AsNoTracking().Where(i => i.RunId == id);
        if (visible is not null)
        {
            var locations = visible.ToList();
            query = query.Where(i => locations.Contains(i.SchoolLocationId));
        }

        var items = await query.OrderBy(i => i.Sequence)
            .Select(i => new DestructionRecordItem(i.RecordingId, i.PlacementId, i.RecordedOn, i.State, i.Reason, i.DestroyedAt, i.KeyDestroyed))
            .ToListAsync(cancellationToken);
        return new DestructionRecord(run.Id, run.Key, run.Kind, run.State, run.RunDate, run.StartedAt, run.FinishedAt,
            run.PlannedCount, run.DestroyedCount, run.SkippedCount, run.FailedCount, run.ListSha256, items,
            Scoped: visible is not null,
            ScopedListSha256: visible is null ? null : DestructionRecord.Hash(items.Where(i => i.State == RunItemState.Destroyed).Select(i => i.RecordingId)));
    }
}
