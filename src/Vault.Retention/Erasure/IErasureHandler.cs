namespace Vault.Retention.Erasure;

/// <summary>What retention did, or will do, with one recording of an erasure request (AVG art. 17).</summary>
public enum ErasureOutcome
{
    /// <summary>Accepted; the decision (redact or destroy) and its execution are still to come.</summary>
    Pending = 0,

    /// <summary>The recording and all its derived files are destroyed.</summary>
    Destroyed = 1,

    /// <summary>The pupil was removed from the recording (cut, blurred, sound removed), the rest kept (R5).</summary>
    Redacted = 2,

    /// <summary>Kept because a legal hold applies (R17); the note says which and until when.</summary>
    KeptUnderLegalHold = 3,

    /// <summary>The recording no longer exists (destroyed earlier).</summary>
    NotFound = 4,
}

/// <summary>An erasure request handed to retention: the pupil and the recordings whose presence lists include them.</summary>
public sealed record ErasureOrder(Guid RequestId, Guid PupilId, IReadOnlyList<Guid> RecordingIds, Guid RequestedByPersonId, DateTimeOffset RequestedAt);

public sealed record ErasureRecordingResult(Guid RecordingId, ErasureOutcome Outcome, string? Note);

/// <summary>
/// Implemented by retention (not yet: until then the host keeps requests in state "ingediend"). Accepts an order
/// and answers per recording; <see cref="ErasureOutcome.Pending"/> for work that finishes later, reported through
/// <see cref="IErasureOutcomeSink"/>. Must be idempotent per <see cref="ErasureOrder.RequestId"/>: an order can be
/// handed over again after a failure.
/// </summary>
public interface IErasureHandler
{
    Task<IReadOnlyList<ErasureRecordingResult>> AcceptAsync(ErasureOrder order, CancellationToken cancellationToken);
}

/// <summary>
/// Implemented by the host's privacy workspace: retention reports an outcome that was pending when the order was
/// accepted. Adds to the caller's unit of work (so a destruction and its outcome are saved together); the caller saves.
/// </summary>
public interface IErasureOutcomeSink
{
    Task ReportAsync(Guid requestId, ErasureRecordingResult result, CancellationToken cancellationToken);
}
