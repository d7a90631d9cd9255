using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vault.Retention.Data;
using Vault.Retention.Planning;
using Vault.Retention.Ports;
using Vault.Retention.Runs;

namespace Vault.Retention.Erasure;

/// <summary>
/// Destroys what accepted erasure orders marked and reports each outcome to the privacy workspace
/// (<see cref="IErasureOutcomeSink"/>) in the same transaction that records it as reported. One run per request
/// (<see cref="DestructionRunner.DestroyForErasureAsync"/>): a crash anywhere is healed by doing it again, since the
/// run resumes or reports itself and only unreported marks are reported.
/// </summary>
internal sealed partial class ErasureExecution(
    IRetentionDb db, IRetentionCatalog catalog, DestructionRunner runner, IServiceScopeFactory scopes, TimeProvider time, ILogger<ErasureExecution> logger)
{
    /// <summary>Works through every request with pending marks; returns how many outcomes were reported.</summary>
    public async Task<int> RunPendingAsync(string startedBy, CancellationToken cancellationToken)
    {
        var requests = await db.ErasureMarks.AsNoTracking()
            .Where(m => m.Outcome == ErasureOutcome.Pending && m.ReportedAt == null)
            .Select(m => m.RequestId).Distinct().ToListAsync(cancellationToken);
        var reported = 0;
        foreach (var requestId in requests)
        {
            reported += await RunAsync(requestId, startedBy, cancellationToken);
        }

        return reported;
    }

    private async Task<int> RunAsync(Guid requestId, string startedBy, CancellationToken cancellationToken)
    {
        var marked = await db.ErasureMarks.AsNoTracking()
            .Where(m => m.RequestId == requestId && m.Outcome == ErasureOutcome.Pending && m.ReportedAt == null)
            .Select(m => m.RecordingId).ToListAsync(cancellationToken);
        var candidates = await catalog.CandidatesAsync(marked, cancellationToken);
        var report = await runner.DestroyForErasureAsync(requestId, candidates, startedBy, cancellationToken);
        if (report.Outcome is RunOutcome.LeaseHeldElsewhere)
        {
            // Another instance is destroying; the next signal or the day's work tries again.
            LogPostponed(logger, requestId, report.Note);
            return 0;
        }

        var items = report.RunId is { } runId
            ? await db.DestructionRunItems.AsNoTracking().Where(i => i.RunId == runId).ToDictionaryAsync(i => i.RecordingId, cancellationToken)
            : [];

        // The outcomes and "reported" in one unit of work, in a fresh scope (the sink writes the request's rows).
        await using var scope = scopes.CreateAsyncScope();
        var scoped = scope.ServiceProvider.GetRequiredService<IRetentionDb>();
        var sink = scope.ServiceProvider.GetRequiredService<IErasureOutcomeSink>();
        var now = time.GetUtcNow();
        var count = 0;
        foreach (var mark in await scoped.ErasureMarks.Where(m => m.RequestId == requestId && m.Outcome == ErasureOutcome.Pending && m.ReportedAt == null).ToListAsync(cancellationToken))
        {
            var (outcome, note) = items.TryGetValue(mark.RecordingId, out var item)
                ? item.State switch
                {
                    RunItemState.Destroyed => (ErasureOutcome.Destroyed, (string?)$"Vernietigd op {item.DestroyedAt:yyyy-MM-dd} (sleutel vernietigd, bestanden verwijderd). / Destroyed."),
                    RunItemState.Skipped when item.Reason == RetentionReasons.LegalHold => (ErasureOutcome.KeptUnderLegalHold, "R17: bewaard wegens juridische bewaarplicht, tot die wordt opgeheven. / Kept under a legal hold."),
                    _ => (ErasureOutcome.Pending, null),
                }
                : candidates.Any(c => c.RecordingId == mark.RecordingId)
                    ? (ErasureOutcome.Pending, null)
                    : (ErasureOutcome.NotFound, "Deze opname bestaat niet (meer). / This recording does not exist (any more).");
            if (outcome == ErasureOutcome.Pending)
            {
                continue; // failed this time (the run is Incomplete): retried with the next attempt
            }

            mark.Outcome = outcome;
            mark.Note = note;
            mark.ReportedAt = now;
            await sink.ReportAsync(requestId, new ErasureRecordingResult(mark.RecordingId, outcome, note), cancellationToken);
            count++;
        }

        await scoped.SaveChangesAsync(cancellationToken);
        return count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure {RequestId} postponed: {Note}")]
    private static partial void LogPostponed(ILogger logger, Guid requestId, string? note);
}
