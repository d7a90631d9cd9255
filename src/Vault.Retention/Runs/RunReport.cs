using Vault.Retention.Planning;

namespace Vault.Retention.Runs;

public enum RunOutcome
{
    /// <summary>This call finished the run: everything planned is destroyed or skipped.</summary>
    Completed,

    /// <summary>This call ended with items that failed; the next run of the same key retries them.</summary>
    Incomplete,

    /// <summary>The run had already completed earlier; nothing was destroyed again. The counts are the run's.</summary>
    AlreadyCompleted,

    /// <summary>Another instance holds the lease; this one did nothing.</summary>
    LeaseHeldElsewhere,

    /// <summary>Nothing was destroyed or written: the plan as it would run now.</summary>
    DryRun,

    /// <summary>The yearly run is not due yet.</summary>
    NotDue,
}

/// <summary>What a run call did.</summary>
public sealed record RunReport(
    RunOutcome Outcome, DestructionKind Kind, string Key, DateOnly RunDate, Guid? RunId,
    int Planned, int Destroyed, int Skipped, int Failed, string? ListSha256)
{
    /// <summary>For a dry run: the plan's lines. For a skipped run: empty.</summary>
    public IReadOnlyList<PlanLine> Lines { get; init; } = [];

    public string? Note { get; init; }

    /// <summary>How many recordings this call itself destroyed (zero for a repeated run).</summary>
    public int DestroyedNow { get; init; }
}

/// <summary>A request to run destructions of one kind for one day.</summary>
public sealed record RunRequest(DestructionKind Kind, DateOnly RunDate, string StartedBy, bool DryRun = false);
