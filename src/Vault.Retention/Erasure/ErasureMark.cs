namespace Vault.Retention.Erasure;

/// <summary>
/// One recording of an accepted erasure order (AVG art. 17), as retention keeps it until the outcome is reported:
/// pending (to be destroyed by the erasure's own run, <c>erasure:{requestId}</c>), or decided at once (legal hold,
/// already destroyed). Refers to the pupil by id only. The pair (request, recording) makes accepting idempotent.
/// </summary>
public sealed class ErasureMark
{
    public Guid RequestId { get; set; }

    public Guid RecordingId { get; set; }

    public Guid PupilId { get; set; }

    public DateTimeOffset AcceptedAt { get; set; }

    public ErasureOutcome Outcome { get; set; }

    public string? Note { get; set; }

    /// <summary>When the outcome was reported to the privacy workspace (null: pending, or decided at acceptance).</summary>
    public DateTimeOffset? ReportedAt { get; set; }
}
