using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vault.Retention.Data;
using Vault.Retention.Planning;
using Vault.Retention.Ports;
using Vault.Shared.Auditing;

namespace Vault.Retention.Runs;

/// <summary>
/// Runs destructions: plans, persists the plan as run items, then destroys item by item under the lease. Every
/// step is safe to repeat: a completed key reports its result again, an unfinished one is resumed where it stopped.
/// </summary>
internal sealed partial class DestructionRunner(
    IRetentionDb db,
    IRetentionCatalog catalog,
    DestructionLease lease,
    RunExecution execution,
    IAuditTrail audit,
    TimeProvider time,
    IOptions<RetentionOptions> options,
    ILogger<DestructionRunner> logger) : IRecordingDestruction
{
    public const string SystemActor = "retention";

    public static string KeyFor(DestructionKind kind, DateOnly runDate) => $"{KindName(kind)}:{runDate:yyyy-MM-dd}";

    public static string KindName(DestructionKind kind) => kind switch
    {
        DestructionKind.Yearly => "yearly",
        DestructionKind.Withdrawal => "withdrawal",
        DestructionKind.StudentDeletion => "student-deletion",
        DestructionKind.Erasure => "erasure",
        _ => "abandoned",
    };

    public Task<RunReport> RunAsync(RunRequest request, CancellationToken cancellationToken) =>
        RunAsync(request, KeyFor(request.Kind, request.RunDate), null, cancellationToken);

    public Task<RunReport> DestroyNowAsync(RetentionCandidate recording, DestructionKind kind, string startedBy, CancellationToken cancellationToken)
    {
        if (kind is not (DestructionKind.StudentDeletion or DestructionKind.Abandoned or DestructionKind.Withdrawal))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only student deletions, withdrawals and abandoned uploads are destroyed one by one.");
        }

        var now = time.GetUtcNow();
        var today = Vault.Shared.Time.SchoolCalendar.DateInAmsterdam(now);

        // The host's call is the decision (the review ended in "destroy"; the student asked); holds (R17) and, for a
        // student's deletion, an assessment already done (R16) still stop it.
        var decided = kind switch
        {
            DestructionKind.Withdrawal => recording with { WithdrawalReviewDeadline = now },
            DestructionKind.StudentDeletion => recording with { DeletionRequestedByStudent = true },
            _ => recording,
        };
        return RunAsync(new RunRequest(kind, today, startedBy), $"{KindName(kind)}:{recording.RecordingId:N}", [decided], cancellationToken);
    }

    /// <summary>
    /// AVG art. 17: destroys the recordings of one erasure request in a run of its own (<c>erasure:{requestId}</c>), so
    /// handing the same request over again resumes or reports that run instead of destroying anything twice.
    /// </summary>
    public Task<RunReport> DestroyForErasureAsync(Guid requestId, IReadOnlyList<RetentionCandidate> recordings, string startedBy, CancellationToken cancellationToken) =>
        RunAsync(new RunRequest(DestructionKind.Erasure, Vault.Shared.Time.SchoolCalendar.DateInAmsterdam(time.GetUtcNow()), startedBy), ErasureKey(requestId), recordings, cancellationToken);

    public static string ErasureKey(Guid requestId) => $"erasure:{requestId:N}";

    /// <summary>The plan of a run as it would be made now, without writing anything.</summary>
    public async Task<List<PlanLine>> PlanAsync(DestructionKind kind, IReadOnlyList<RetentionCandidate>? only, CancellationToken cancellationToken)
    {
        var holds = await db.LegalHolds.AsNoTracking().Where(h => h.LiftedAt == null).ToListAsync(cancellationToken);
        var candidates = only ?? await ReadCatalogueAsync(cancellationToken);
        return DestructionPlanner.Plan(kind, candidates, holds, time.GetUtcNow(), options.Value.MaximumAgeMonths);
    }

    private async Task<List<RetentionCandidate>> ReadCatalogueAsync(CancellationToken cancellationToken)
    {
        var candidates = new List<RetentionCandidate>();
        await foreach (var candidate in catalog.CandidatesAsync(cancellationToken))
        {
            candidates.Add(candidate);
        }

        return candidates;
    }

    private async Task<RunReport> RunAsync(RunRequest request, string key, IReadOnlyList<RetentionCandidate>? only, CancellationToken cancellationToken)
    {
        if (request.DryRun)
        {
            var lines = await PlanAsync(request.Kind, only, cancellationToken);
            return new RunReport(RunOutcome.DryRun, request.Kind, key, request.RunDate, null,
                lines.Count(l => l.Destroy), 0, lines.Count(l => !l.Destroy), 0, DestructionRecord.Hash(lines.Where(l => l.Destroy).Select(l => l.Candidate.RecordingId)))
            { Lines = lines };
        }

        if (await FindCompletedAsync(key, cancellationToken) is { } done)
        {
            return done;
        }

        if (!await lease.AcquireAsync(cancellationToken))
        {
            var (owner, expiresAt) = await lease.HolderAsync(cancellationToken);
            LogLeaseHeld(logger, key, owner, expiresAt);
            return new RunReport(RunOutcome.LeaseHeldElsewhere, request.Kind, key, request.RunDate, null, 0, 0, 0, 0, null)
            {
                Note = $"lease held by {owner} until {expiresAt:O}",
            };
        }

        try
        {
            // Another instance may have finished this key while we waited for the lease.
            if (await FindCompletedAsync(key, cancellationToken) is { } finished)
            {
                return finished;
            }

            var run = await db.DestructionRuns.FirstOrDefaultAsync(r => r.Key == key, cancellationToken);
            if (run is null)
            {
                var lines = await PlanAsync(request.Kind, only, cancellationToken);
                if (lines.Count == 0)
                {
                    // Nothing to destroy or report (a quiet day's sweep): no run is written.
                    return new RunReport(RunOutcome.Completed, request.Kind, key, request.RunDate, null, 0, 0, 0, 0, DestructionRecord.Hash([]));
                }

                run = await StartAsync(request, key, lines, cancellationToken);
            }

            if (run.Attempts > 0)
            {
                LogResuming(logger, key, run.Attempts);
            }

            run.Attempts++;
            run.State = RunState.InProgress;
            await db.SaveChangesAsync(cancellationToken);

            var destroyedNow = await execution.ExecuteAsync(run.Id, lease, cancellationToken);
            return await FinishAsync(run.Id, destroyedNow, cancellationToken);
        }
        finally
        {
            await lease.ReleaseAsync();
        }
    }

    /// <summary>Plans and persists the run and all its items before anything is destroyed.</summary>
    private async Task<DestructionRun> StartAsync(RunRequest request, string key, List<PlanLine> lines, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var run = new DestructionRun
        {
            Id = Guid.CreateVersion7(now),
            Key = key,
            Kind = request.Kind,
            State = RunState.InProgress,
            RunDate = request.RunDate,
            StartedAt = now,
            StartedBy = request.StartedBy,
            PlannedCount = lines.Count(l => l.Destroy),
            SkippedCount = lines.Count(l => !l.Destroy),
        };
        db.DestructionRuns.Add(run);
        audit.Record(new AuditEvent(AuditActions.DestructionRunStarted, "destruction-run", run.Id.ToString())
        {
            SystemActor = SystemActor,
            Details = new { key, kind = request.Kind.ToString(), run.PlannedCount, run.SkippedCount, startedBy = request.StartedBy },
        });

        // The run and its whole list in ONE transaction (the items are written in bulk): a crash while writing the plan
        // leaves no run, so the next attempt plans again instead of resuming half a list.
        var sequence = 0;
        db.DestructionRunItems.AddRange(lines.Select(l => new DestructionRunItem
        {
            RunId = run.Id,
            RecordingId = l.Candidate.RecordingId,
            Sequence = ++sequence,
            PlacementId = l.Candidate.PlacementId,
            SchoolLocationId = l.Candidate.SchoolLocationId,
            OpleidingsschoolId = l.Candidate.OpleidingsschoolId,
            RecordedOn = l.Candidate.RecordedOn,
            State = l.Destroy ? RunItemState.Planned : RunItemState.Skipped,
            Reason = l.Reason,
        }));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        db.DestructionRuns.Attach(run);
        return run;
    }

    private async Task<RunReport> FinishAsync(Guid runId, int destroyedNow, CancellationToken cancellationToken)
    {
        var run = await db.DestructionRuns.FirstAsync(r => r.Id == runId, cancellationToken);
        var counts = await db.DestructionRunItems.Where(i => i.RunId == runId).GroupBy(i => i.State)
            .Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(RunItemState state) => counts.FirstOrDefault(c => c.State == state)?.Count ?? 0;
        var destroyedIds = await db.DestructionRunItems.Where(i => i.RunId == runId && i.State == RunItemState.Destroyed)
            .Select(i => i.RecordingId).ToListAsync(cancellationToken);

        run.DestroyedCount = Count(RunItemState.Destroyed);
        run.SkippedCount = Count(RunItemState.Skipped);
        run.FailedCount = Count(RunItemState.Planned);
        run.ListSha256 = DestructionRecord.Hash(destroyedIds);
        run.State = run.FailedCount == 0 ? RunState.Completed : RunState.Incomplete;
        run.FinishedAt = time.GetUtcNow();
        audit.Record(new AuditEvent(AuditActions.DestructionRunFinished, "destruction-run", run.Id.ToString())
        {
            SystemActor = SystemActor,
            Details = new { run.Key, state = run.State.ToString(), run.PlannedCount, run.DestroyedCount, run.SkippedCount, run.FailedCount, run.ListSha256, run.Attempts },
        });
        await db.SaveChangesAsync(cancellationToken);
        LogFinished(logger, run.Key, run.State, run.DestroyedCount, run.SkippedCount, run.FailedCount);
        return ToReport(run, run.State == RunState.Completed ? RunOutcome.Completed : RunOutcome.Incomplete) with { DestroyedNow = destroyedNow };
    }

    private async Task<RunReport?> FindCompletedAsync(string key, CancellationToken cancellationToken)
    {
        var run = await db.DestructionRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Key == key && r.State == RunState.Completed, cancellationToken);
        return run is null ? null : ToReport(run, RunOutcome.AlreadyCompleted);
    }

    private static RunReport ToReport(DestructionRun run, RunOutcome outcome) =>
        new(outcome, run.Kind, run.Key, run.RunDate, run.Id, run.PlannedCount, run.DestroyedCount, run.SkippedCount, run.FailedCount, run.ListSha256);

    [LoggerMessage(Level = LogLevel.Information, Message = "Destruction run {Key} skipped: the lease is held by {Owner} until {ExpiresAt}")]
    private static partial void LogLeaseHeld(ILogger logger, string key, string? owner, DateTimeOffset? expiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resuming destruction run {Key} (attempt {Attempt})")]
    private static partial void LogResuming(ILogger logger, string key, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Destruction run {Key} {State}: {Destroyed} destroyed, {Skipped} skipped, {Failed} failed")]
    private static partial void LogFinished(ILogger logger, string key, RunState state, int destroyed, int skipped, int failed);
}
