using Vault.Retention.Holds;
using Vault.Retention.Ports;
using Vault.Retention.Runs;

namespace Vault.Retention.Planning;

/// <summary>One recording's fate in a plan: destroyed, or kept with the reason.</summary>
public sealed record PlanLine(RetentionCandidate Candidate, bool Destroy, string Reason);

/// <summary>
/// The rules of what goes when (R7, R13, R15, R16, R17), as a pure function of the catalogue, the active holds
/// and the moment: the same inputs always give the same plan.
/// </summary>
public static class DestructionPlanner
{
    /// <summary>
    /// Lines for a run of <paramref name="kind"/> at <paramref name="at"/>. Recordings the run has nothing to say
    /// about (a yearly run and a recording without withdrawal) are left out; everything else is in, with a reason.
    /// </summary>
    public static List<PlanLine> Plan(
        DestructionKind kind, IEnumerable<RetentionCandidate> candidates, IReadOnlyCollection<LegalHold> activeHolds, DateTimeOffset at, int maximumAgeMonths)
    {
        var heldRecordings = activeHolds.Where(h => h.Scope == HoldScope.Recording && h.RecordingId is not null).Select(h => h.RecordingId!.Value).ToHashSet();
        var heldPlacements = activeHolds.Where(h => h.Scope == HoldScope.Placement).Select(h => h.PlacementId).ToHashSet();
        var today = Vault.Shared.Time.SchoolCalendar.DateInAmsterdam(at);
        var lines = new List<PlanLine>();
        foreach (var candidate in candidates)
        {
            var verdict = Decide(kind, candidate, at, today, maximumAgeMonths);
            if (verdict is not { } line)
            {
                continue;
            }

            // R17: a hold wins over every reason to destroy.
            if (line.Destroy && (heldRecordings.Contains(candidate.RecordingId) || heldPlacements.Contains(candidate.PlacementId)))
            {
                line = line with { Destroy = false, Reason = RetentionReasons.LegalHold };
            }

            lines.Add(line);
        }

        lines.Sort((a, b) => a.Candidate.RecordingId.CompareTo(b.Candidate.RecordingId));
        return lines;
    }

    private static PlanLine? Decide(DestructionKind kind, RetentionCandidate c, DateTimeOffset at, DateOnly today, int maximumAgeMonths) => kind switch
    {
        DestructionKind.Yearly => Yearly(c, at, today, maximumAgeMonths),
        DestructionKind.Withdrawal => c.WithdrawalReviewDeadline is not { } deadline ? null
            : deadline <= at ? new PlanLine(c, true, RetentionReasons.ConsentWithdrawn)
            : new PlanLine(c, false, RetentionReasons.WithdrawalReviewPending),
        DestructionKind.StudentDeletion => !c.DeletionRequestedByStudent ? null
            : c.AssessmentDoneAt is null ? new PlanLine(c, true, RetentionReasons.StudentDeletion)
            : new PlanLine(c, false, RetentionReasons.AlreadyAssessed),
        DestructionKind.Abandoned => new PlanLine(c, true, RetentionReasons.AbandonedUpload),

        // AVG art. 17: the privacy officer's decision overrides the educational purpose (R16); only a hold (R17) keeps it.
        DestructionKind.Erasure => new PlanLine(c, true, RetentionReasons.ErasureRequest),
        _ => null,
    };

    private static PlanLine Yearly(RetentionCandidate c, DateTimeOffset at, DateOnly today, int maximumAgeMonths)
    {
        // R16: the IO marking the assessment done is "educational purpose achieved" (R7); R13: also after the placement ended.
        if (c.AssessmentDoneAt is { } done && done <= at)
        {
            return new PlanLine(c, true, c.PlacementEnded ? RetentionReasons.PlacementEndedAssessed : RetentionReasons.AssessmentDone);
        }

        return c.RecordedOn.AddMonths(maximumAgeMonths) <= today
            ? new PlanLine(c, false, RetentionReasons.MaximumAgeExceeded)
            : new PlanLine(c, false, RetentionReasons.AssessmentPending);
    }
}
