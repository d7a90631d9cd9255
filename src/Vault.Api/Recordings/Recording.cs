using Vault.Api.Data;
using Vault.Consent.Gate;

namespace Vault.Api.Recordings;

/// <summary>Whether a browser can play the stored recording, or a web-playable rendition is on its way.</summary>
public enum RenditionStatus
{
    NotNeeded = 0,
    Queued = 1,
    Processing = 2,
    Ready = 3,
    Failed = 4,
}

/// <summary>
/// A lesson recording: complete, validated, re-checked by the upload gate, cleaned of identifying metadata and
/// stored encrypted. Only its current version exists; a redaction replaces it and destroys the old one.
/// </summary>
internal sealed class Recording : IVersioned
{
    public Guid Id { get; set; }

    public Guid PlacementId { get; set; }

    public Guid StudentId { get; set; }

    public Guid SchoolLocationId { get; set; }

    public Guid OpleidingsschoolId { get; set; }

    public Guid TicketId { get; set; }

    /// <summary>R5: image and sound, or sound only (then the stored file has no video stream).</summary>
    public RecordingMedia Media { get; set; }

    /// <summary>R2: guidance or assessment, nothing else.</summary>
    public RecordingPurpose Purpose { get; set; }

    /// <summary>R8: device file or closed-environment capture.</summary>
    public CaptureMode Capture { get; set; }

    public DateTimeOffset RecordingAt { get; set; }

    /// <summary>The recording time the device embedded (before metadata removal), if any.</summary>
    public DateTimeOffset? EmbeddedRecordedAt { get; set; }

    /// <summary>The embedded date contradicts the declared recording date (flagged for the gate's date check).</summary>
    public bool RecordingDateMismatch { get; set; }

    public required string FileName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public RecordingContent Content { get; set; } = null!;

    public RenditionStatus Rendition { get; set; }

    public RecordingContent? WebRendition { get; set; }

    public string? RenditionError { get; set; }

    /// <summary>R4/R7: a consent was withdrawn; redact or destroy before this moment.</summary>
    public DateTimeOffset? ReviewDueAt { get; set; }

    public string? ReviewReason { get; set; }

    /// <summary>R16: when the IO marked the assessment done: "educational purpose achieved" for retention (R7).</summary>
    public DateTimeOffset? AssessmentDoneAt { get; set; }

    public Guid? AssessedByPersonId { get; set; }

    /// <summary>The student asked to delete the recording before it was assessed (retention destroys it).</summary>
    public DateTimeOffset? DeletionRequestedAt { get; set; }

    public Guid Version { get; set; }

    /// <summary>What a viewer streams: the rendition when the original does not play in browsers.</summary>
    public RecordingContent Playable => Rendition == RenditionStatus.Ready && WebRendition is not null ? WebRendition : Content;
}

/// <summary>One stored, encrypted file: where it is, the key it is encrypted with, and what it holds.</summary>
internal sealed class RecordingContent
{
    public int VersionNumber { get; set; }

    public required string BlobName { get; set; }

    public Guid KeyId { get; set; }

    /// <summary>Plaintext length in bytes (the blob is longer: GCM nonces and tags).</summary>
    public long Length { get; set; }

    public required string ContentType { get; set; }

    /// <summary>SHA-256 of the plaintext, hex; the strong ETag for range requests.</summary>
    public required string Sha256 { get; set; }

    public double DurationSeconds { get; set; }

    public bool HasVideo { get; set; }

    public bool HasAudio { get; set; }

    public string? VideoCodec { get; set; }

    public string? AudioCodec { get; set; }

    public int? Width { get; set; }

    public int? Height { get; set; }
}
