namespace Vault.Shared.Auditing;

/// <summary>
/// The tamper-evident audit log. <see cref="Record"/> adds the event to the current unit of work: it is
/// written, hash-chained, in the same transaction as the change it describes, or not at all.
/// Use <see cref="RecordNowAsync"/> for events that change nothing else (a playback, a refused request).
/// </summary>
public interface IAuditTrail
{
    void Record(AuditEvent auditEvent);

    Task RecordNowAsync(AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>
    /// For high-volume detail of an access already recorded (the ranges of a playback session): the entry is taken
    /// as it is now and written, chained, with others in one batch shortly after; readers of the log in this process
    /// wait for it. Never for the access itself, nor for anything that must be in the log before the response.
    /// </summary>
    ValueTask RecordDeferredAsync(AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>Waits until every deferred entry recorded in this process so far is in the log: call before reading the log.</summary>
    Task FlushDeferredAsync(CancellationToken cancellationToken);
}

/// <summary>
/// One security-relevant event. Pupils are referred to by id only (never by name), so the log can outlive
/// destructions.
/// </summary>
public sealed record AuditEvent(string Action, string SubjectType, string? SubjectId)
{
    /// <summary>Free-form facts as a small flat object; serialised to JSON. No pupil names.</summary>
    public object? Details { get; init; }

    public Guid? OpleidingsschoolId { get; init; }

    public Guid? SchoolLocationId { get; init; }

    public Guid? RecordingId { get; init; }

    /// <summary>Pupils the event is about (ids), for the privacy officer's "by pupil" query.</summary>
    public IReadOnlyList<Guid> PupilIds { get; init; } = [];

    /// <summary>Set when the action was taken by the system itself (a scheduled destruction), not a person.</summary>
    public string? SystemActor { get; init; }
}

/// <summary>Stable audit action names, grouped by feature.</summary>
public static class AuditActions
{
    public const string SignIn = "identity.sign-in";
    public const string PersonCreated = "people.created";
    public const string PersonRolesChanged = "people.roles-changed";
    public const string OrganisationChanged = "organisations.changed";
    public const string PolicyChanged = "organisations.policy-changed";
    public const string PlacementCreated = "placements.created";
    public const string PlacementChanged = "placements.changed";
    public const string PlacementEnded = "placements.ended";
    public const string CoachChanged = "placements.coach-changed";
    public const string AgreementPublished = "agreements.published";
    public const string AgreementAccepted = "agreements.accepted";
    public const string PupilCreated = "consent.pupil-created";
    public const string PupilChanged = "consent.pupil-changed";
    public const string GroupCreated = "consent.group-created";
    public const string GroupMembershipChanged = "consent.membership-changed";
    public const string ConsentRecorded = "consent.recorded";
    public const string ConsentWithdrawn = "consent.withdrawn";
    public const string ConsentImported = "consent.imported";
    public const string ConsentYearRolledOver = "consent.year-rolled-over";
    public const string GateAllowed = "gate.allowed";
    public const string GateRefused = "gate.refused";
    public const string GateRecheckRefused = "gate.recheck-refused";
    public const string GateTicketRedeemed = "gate.ticket-redeemed";
    public const string LegalHoldPlaced = "retention.hold-placed";
    public const string LegalHoldLifted = "retention.hold-lifted";
    public const string DestructionPreviewPublished = "retention.preview-published";
    public const string DestructionRunStarted = "retention.run-started";
    public const string DestructionRunFinished = "retention.run-finished";
    public const string RecordingDestroyed = "retention.recording-destroyed";


    // Recordings (host). Events carry RecordingId, SchoolLocationId and the presence list's PupilIds, so that the
    // privacy officer can answer "who saw this recording" and "which recordings include this pupil" from the log.
    public const string UploadCompleted = RecordingStored;

    /// <summary>One playback session; Details carry the ranges played (start/end seconds).</summary>
    public const string PlaybackSession = RecordingPlayback;
    public const string CommentAdded = "recordings.comment-added";
    public const string AssessmentDone = "recordings.assessment-done";
    public const string AssessorAdded = "recordings.assessor-added";
    public const string AssessorRemoved = "recordings.assessor-removed";
    public const string CommentChanged = "recordings.comment-changed";
    public const string ClipChanged = "recordings.clip-changed";
    public const string PlaybackRange = "recordings.playback-range";
    public const string DeletionRequested = "recordings.deletion-requested";
    public const string CopyrightRefused = "recordings.copyright-refused";

    // Retention (Vault.Retention).
    public const string LegalHoldReleased = "retention.legal-hold-released";
    public const string DestructionRun = "retention.destruction-run";

    // The audit log and the privacy officer's workspace.
    public const string AuditVerified = "audit.verified";
    public const string AuditExported = "audit.exported";
    public const string PupilAccessRequest = "privacy.pupil-access-request";
    public const string ErasureRequested = "privacy.erasure-requested";
    public const string ErasureHandedOver = "privacy.erasure-handed-over";
    public const string ErasureOutcome = "privacy.erasure-outcome";
    public const string ErasureCompleted = "privacy.erasure-completed";
    public const string MasterKeyRotated = "keys.master-rotated";
    public const string UploadStarted = "recordings.upload-started";
    public const string UploadRefused = "recordings.upload-refused";
    public const string UploadExpired = "recordings.upload-expired";
    public const string RecordingStored = "recordings.stored";
    public const string RecordingPlayback = "recordings.playback";
    public const string RecordingMarkedForReview = "recordings.marked-for-review";
    public const string RecordingRedacted = "recordings.redacted";
    public const string RenditionMade = "recordings.rendition-made";
}
