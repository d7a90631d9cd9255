namespace Vault.Retention.Ports;

/// <summary>What retention needs to know about one recording to decide whether it may, must or must not go.</summary>
public sealed record RetentionCandidate(
    Guid RecordingId,
    Guid PlacementId,
    Guid StudentId,
    Guid SchoolLocationId,
    Guid OpleidingsschoolId,
    DateOnly RecordedOn,
    DateTimeOffset StoredAt,
    /// <summary>R16: when the IO marked the assessment done (educational purpose achieved), if so.</summary>
    DateTimeOffset? AssessmentDoneAt,
    /// <summary>R13/R15: the placement's last day has passed (ended or period over).</summary>
    bool PlacementEnded,
    /// <summary>R4: a consent withdrawal marked this recording for review; destroy or redact by this deadline.</summary>
    DateTimeOffset? WithdrawalReviewDeadline,
    /// <summary>The student asked to delete it before assessment.</summary>
    bool DeletionRequestedByStudent,
    /// <summary>The IOs currently on the placement (to notify them of a preview).</summary>
    IReadOnlyList<Guid> InstituutsopleiderIds);

/// <summary>Facts a tombstone keeps after destruction: no pupil data, no names.</summary>
public sealed record DestroyedRecording(Guid RecordingId, Guid PlacementId, DateOnly RecordedOn, int BlobsDeleted, bool KeyDestroyed);

/// <summary>
/// Implemented by the host's recordings feature. Retention plans over the catalogue and asks the destroyer to
/// destroy: every blob (original, renditions, thumbnails, redaction versions), the per-recording key
/// (crypto-shredding), comments and clips. Destroying must be idempotent: destroying a recording that is already
/// gone reports what is left to do (nothing) without failing.
/// </summary>
public interface IRetentionCatalog
{
    /// <summary>Recordings that still exist (not yet destroyed), optionally only those stored before a moment.</summary>
    IAsyncEnumerable<RetentionCandidate> CandidatesAsync(CancellationToken cancellationToken);

    Task<DestroyedRecording> DestroyAsync(Guid recordingId, string reason, CancellationToken cancellationToken);
}
