namespace Vault.Consent.Gate;

/// <summary>What is recorded: image and sound, or sound only (R5).</summary>
public enum RecordingMedia
{
    BeeldEnGeluid = 0,
    AlleenGeluid = 1,
}

/// <summary>R2: a recording exists only for the guidance or the assessment of the student.</summary>
public enum RecordingPurpose
{
    Begeleiding = 0,
    Beoordeling = 1,
}

/// <summary>R8: how the recording is captured.</summary>
public enum CaptureMode
{
    /// <summary>A file made on a device (phone, camera) and uploaded afterwards.</summary>
    DeviceFile = 0,

    /// <summary>Captured live in the vault's own closed environment (browser recorder; nothing stored on the device).</summary>
    ClosedEnvironment = 1,
}

/// <summary>
/// An upload/capture ticket: the gate's "allowed" answer, bound to exactly one question. The recordings feature
/// accepts bytes only with a valid ticket, and asks the gate again when the upload completes.
/// </summary>
public sealed record UploadTicket(
    Guid TicketId,
    Guid DecisionId,
    Guid PlacementId,
    Guid StudentId,
    Guid SchoolLocationId,
    Guid OpleidingsschoolId,
    DateTimeOffset RecordingAt,
    RecordingMedia Media,
    RecordingPurpose Purpose,
    CaptureMode Capture,
    IReadOnlyList<Guid> PresentPupilIds,
    DateTimeOffset ExpiresAt,
    Guid? RedeemedByRecordingId);

public enum TicketProblem
{
    None = 0,
    NotFound = 1,
    NotYours = 2,
    Expired = 3,
    AlreadyUsed = 4,
    WrongCaptureMode = 5,
}

public sealed record TicketValidation(UploadTicket? Ticket, TicketProblem Problem)
{
    public bool IsValid => Problem == TicketProblem.None && Ticket is not null;
}

/// <summary>A refusal reason with its rule id (R1…R17); pupil reasons name the pupils concerned.</summary>
public sealed record GateReason(string Rule, string Code, string Message, string MessageEn, IReadOnlyList<GatePupil> Pupils);

public sealed record GatePupil(Guid PupilId, string Name);

/// <summary>The gate's answer when asked again for an existing ticket (at upload completion).</summary>
public sealed record GateRecheck(bool Allowed, IReadOnlyList<GateReason> Reasons);

/// <summary>
/// The upload gate's face towards the recordings feature (host). Implemented in Vault.Consent.
/// </summary>
public interface IUploadGate
{
    /// <summary>Checks a ticket presented with an upload or capture: it exists, belongs to the student, has not expired and is unused.</summary>
    Task<TicketValidation> ValidateTicketAsync(Guid ticketId, Guid studentId, CaptureMode capture, CancellationToken cancellationToken);

    /// <summary>Decides the ticket's question again with today's data (a consent withdrawn meanwhile refuses it).</summary>
    Task<GateRecheck> RecheckAsync(Guid ticketId, CancellationToken cancellationToken);

    /// <summary>
    /// Binds the ticket to the recording it produced (one ticket, one recording). Adds to the caller's unit of work;
    /// the caller saves. The stored decision and presence list then lead from a pupil to this recording.
    /// </summary>
    Task RedeemAsync(Guid ticketId, Guid recordingId, CancellationToken cancellationToken);

    /// <summary>The ids of recordings whose presence lists include the pupil (AVG art. 15, withdrawals).</summary>
    Task<IReadOnlyList<Guid>> RecordingsWithPupilAsync(Guid pupilId, CancellationToken cancellationToken);

    /// <summary>
    /// Destruction (R13): deletes the presence lists of the decisions that produced these recordings, so that no
    /// pupil data is left about a recording that no longer exists (its tombstone has none; the audit log keeps its
    /// ids of pupils for accountability). Runs at once, inside the caller's transaction when one is open.
    /// </summary>
    Task ForgetPresenceAsync(IReadOnlyCollection<Guid> recordingIds, CancellationToken cancellationToken);

    /// <summary>
    /// The conditions the recording's decision carries (see <see cref="GateConditions"/>), e.g. R9's fixed viewer set
    /// for a closed-environment opleidingsschool. Empty for an unknown recording.
    /// </summary>
    Task<IReadOnlyList<string>> ConditionsForRecordingAsync(Guid recordingId, CancellationToken cancellationToken);
}

/// <summary>Stable names of the conditions a recording can carry from its gate decision.</summary>
public static class GateConditions
{
    /// <summary>R9: only employees of the schoollocatie and the Instituut directly involved in this placement may view.</summary>
    public const string ViewersDirectlyInvolved = "R9:viewers-directly-involved";
}

/// <summary>
/// Implemented by the host's recordings feature: told by the consent registry when a consent is withdrawn, so
/// that the recordings that include the pupil are marked for review (redact or destroy) by retention.
/// </summary>
public interface IConsentWithdrawalListener
{
    /// <summary>Adds the marks to the caller's unit of work; the caller saves.</summary>
    Task OnConsentWithdrawnAsync(Guid pupilId, IReadOnlyList<Guid> recordingIds, string medium, CancellationToken cancellationToken);
}
