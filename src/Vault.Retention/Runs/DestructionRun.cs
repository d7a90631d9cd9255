using Vault.Shared.Data;

namespace Vault.Retention.Runs;

/// <summary>Why a run destroys: the yearly September run, or one of the destructions outside it.</summary>
public enum DestructionKind
{
    /// <summary>R7/R13: the yearly run in September (assessment done, or placement ended with assessment done).</summary>
    Yearly = 0,

    /// <summary>R4: consent withdrawn and the review deadline passed without redaction.</summary>
    Withdrawal = 1,

    /// <summary>The student deleted their own recording before it was assessed.</summary>
    StudentDeletion = 2,

    /// <summary>A refused or abandoned upload, destroyed at once.</summary>
    Abandoned = 3,

    /// <summary>AVG art. 17: a privacy officer's erasure request for a pupil, destroyed at once (holds excepted).</summary>
    Erasure = 4,
}

public enum RunState
{
    /// <summary>Items are persisted and being destroyed; a run left in this state (a crash) is resumed by the next run.</summary>
    InProgress = 0,

    /// <summary>Every planned item was destroyed or skipped.</summary>
    Completed = 1,

    /// <summary>Some items failed; the next run of the same key retries them.</summary>
    Incomplete = 2,
}

/// <summary>
/// One destruction run: the list of what it set out to destroy is persisted (as <see cref="DestructionRunItem"/>s)
/// before anything is destroyed, so a crash can be resumed and a second run of the same <see cref="Key"/>
/// reports the same result instead of destroying twice.
/// </summary>
public sealed class DestructionRun
{
    public Guid Id { get; set; }

    /// <summary>Identifies the run's occasion: <c>yearly:2027-09-15</c>, <c>withdrawal:2027-10-02</c>, <c>abandoned:{recording}</c>.</summary>
    public required string Key { get; set; }

    public DestructionKind Kind { get; set; }

    public RunState State { get; set; }

    /// <summary>The day (Amsterdam) the run is for.</summary>
    public DateOnly RunDate { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Who started it: <c>system</c> for the scheduled service, the operator command, or a person's name.</summary>
    public required string StartedBy { get; set; }

    /// <summary>How many times the run was started (more than one: it was resumed).</summary>
    public int Attempts { get; set; }

    public int PlannedCount { get; set; }

    public int DestroyedCount { get; set; }

    public int SkippedCount { get; set; }

    public int FailedCount { get; set; }

    /// <summary>SHA-256 (hex) of the sorted list of destroyed recording ids; see <see cref="DestructionRecord"/>.</summary>
    public string? ListSha256 { get; set; }
}

public enum RunItemState
{
    Planned = 0,
    Destroyed = 1,
    Skipped = 2,
}

/// <summary>One recording in a run: planned, destroyed or skipped (with the reason). Written in bulk (a yearly run plans thousands).</summary>
public sealed class DestructionRunItem : IInsertedInBulk
{
    public Guid RunId { get; set; }

    public Guid RecordingId { get; set; }

    /// <summary>The item's place in the run (1…n): runs walk their items in this order, batch by batch.</summary>
    public int Sequence { get; set; }

    public Guid PlacementId { get; set; }

    /// <summary>Where the recording was made: a privacy officer sees the items of their own schoollocaties.</summary>
    public Guid SchoolLocationId { get; set; }

    public Guid OpleidingsschoolId { get; set; }

    public DateOnly RecordedOn { get; set; }

    public RunItemState State { get; set; }

    /// <summary>A stable reason code (<see cref="Planning.RetentionReasons"/>): why it goes, or why it was skipped.</summary>
    public required string Reason { get; set; }

    public DateTimeOffset? DestroyedAt { get; set; }

    public int BlobsDeleted { get; set; }

    public bool KeyDestroyed { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}

/// <summary>What remains of a destroyed recording: no pupil data, no names. Written in bulk, a batch at a time.</summary>
public sealed class Tombstone : IInsertedInBulk
{
    public Guid RecordingId { get; set; }

    public Guid PlacementId { get; set; }

    /// <summary>Where the recording was made (for the privacy officer's scope); no pupil data.</summary>
    public Guid SchoolLocationId { get; set; }

    public Guid OpleidingsschoolId { get; set; }

    public DateOnly RecordedOn { get; set; }

    public DateTimeOffset DestroyedAt { get; set; }

    public Guid RunId { get; set; }

    public DestructionKind Kind { get; set; }

    public required string Reason { get; set; }
}

/// <summary>
/// A database lease: only the instance whose <see cref="Owner"/> holds an unexpired lease may run destructions.
/// Taken and renewed with one conditional UPDATE, which is atomic on SQLite and SQL Server alike.
/// </summary>
public sealed class RetentionLease
{
    public const string Destruction = "destruction";

    public required string Name { get; set; }

    public string? Owner { get; set; }

    public DateTimeOffset? AcquiredAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }
}
