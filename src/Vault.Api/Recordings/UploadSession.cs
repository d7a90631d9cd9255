using Vault.Api.Data;
using Vault.Consent.Gate;

namespace Vault.Api.Recordings;

public enum UploadStatus
{
    Open = 0,
    Completing = 1,
    Completed = 2,
    Refused = 3,
    Expired = 4,
}

/// <summary>
/// A resumable upload (or closed-environment capture) in progress. Bytes arrive in segments, each stored as an
/// encrypted staging blob under the upload's own key; nothing is a recording until completion succeeds.
/// </summary>
internal sealed class UploadSession : IVersioned
{
    public Guid Id { get; set; }

    public Guid StudentId { get; set; }

    public Guid TicketId { get; set; }

    public Guid PlacementId { get; set; }

    public CaptureMode Capture { get; set; }

    public required string FileName { get; set; }

    /// <summary>The size the client announced, if any; more bytes are refused.</summary>
    public long? DeclaredSize { get; set; }

    public long MaxSize { get; set; }

    public long Received { get; set; }

    /// <summary>The staging key; destroyed with the upload (completed, refused or expired).</summary>
    public Guid KeyId { get; set; }

    public UploadStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastActivityAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public Guid? RecordingId { get; set; }

    public string? RefusalType { get; set; }

    public List<UploadSegment> Segments { get; set; } = [];

    public Guid Version { get; set; }

    /// <summary>
    /// A segment's blob is named by its offset and length, not its index: a segment stored but not yet recorded
    /// (a crash before the progress commit) is simply overwritten with the same bytes when the client resumes, and
    /// no writer can overwrite a recorded segment with bytes of another range.
    /// </summary>
    public string SegmentBlob(UploadSegment segment) => $"{StorageLayout.UploadsPrefix}{Id:N}/{segment.Offset:D13}-{segment.Length}";

    public string StagingPrefix => $"{StorageLayout.UploadsPrefix}{Id:N}/";
}

/// <summary>A contiguous piece of the upload, stored as one encrypted staging blob.</summary>
internal sealed class UploadSegment
{
    public Guid UploadId { get; set; }

    public int Index { get; set; }

    public long Offset { get; set; }

    public long Length { get; set; }
}
