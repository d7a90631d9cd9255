using Vault.Shared.Data;

namespace Vault.Consent.Gate;

/// <summary>R11: how the student informed the pupils present before recording.</summary>
public enum InformedHow
{
    Mondeling = 0,
    Schriftelijk = 1,
}

/// <summary>
/// One stored answer of the upload gate with the question it answered. An allowed decision carries the ticket;
/// redeeming the ticket binds it to the recording, and the presence list then leads from a pupil to that recording.
/// </summary>
public sealed class GateDecision
{
    public Guid Id { get; set; }

    public DateTimeOffset DecidedAt { get; set; }

    public Guid PlacementId { get; set; }

    public Guid StudentId { get; set; }

    public Guid SchoolLocationId { get; set; }

    public Guid OpleidingsschoolId { get; set; }

    public Guid GroupId { get; set; }

    public DateTimeOffset RecordingAt { get; set; }

    public RecordingMedia Media { get; set; }

    public RecordingPurpose Purpose { get; set; }

    public CaptureMode Capture { get; set; }

    /// <summary>R11: the moment the student attested that all present pupils were informed (server time).</summary>
    public DateTimeOffset? InformedAttestedAt { get; set; }

    public InformedHow? InformedHow { get; set; }

    public bool Allowed { get; set; }

    /// <summary>R5: refused with image, but sound only would be allowed.</summary>
    public bool SoundOnlyOffered { get; set; }

    /// <summary>The reasons as JSON (rule, code, pupils by id), for the record.</summary>
    public string ReasonsJson { get; set; } = "[]";

    /// <summary>The rule ids that applied (R6: chosen by the opleidingsschool's settings), comma-separated.</summary>
    public string RulesApplied { get; set; } = "";

    /// <summary>Conditions the recording carries (comma-separated, see <see cref="GateConditions"/>).</summary>
    public string Conditions { get; set; } = "";

    public Guid? TicketId { get; set; }

    public DateTimeOffset? TicketExpiresAt { get; set; }

    public Guid? RedeemedByRecordingId { get; set; }

    public DateTimeOffset? RedeemedAt { get; set; }

    public List<GatePresence> Present { get; set; } = [];
}

/// <summary>A pupil present at the recording (the presence list).</summary>
public sealed class GatePresence : IInsertedInBulk
{
    public Guid DecisionId { get; set; }

    public Guid PupilId { get; set; }
}
