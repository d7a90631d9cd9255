using Vault.Consent.Gate;

namespace Vault.Api.Recordings;

/// <summary>A recording's metadata. <see cref="PlaybackUrl"/> is where the player POSTs for a short-lived stream URL (<see cref="PlaybackGrantView"/>).</summary>
public sealed record RecordingView(
    Guid Id,
    Guid PlacementId,
    RecordingMedia Media,
    RecordingPurpose Purpose,
    CaptureMode Capture,
    DateTimeOffset RecordingAt,
    DateTimeOffset? EmbeddedRecordedAt,
    bool RecordingDateMismatch,
    string FileName,
    int VersionNumber,
    long Length,
    string ContentType,
    double DurationSeconds,
    bool HasVideo,
    bool HasAudio,
    string? VideoCodec,
    string? AudioCodec,
    RenditionStatus Rendition,
    string PlayableContentType,
    DateTimeOffset? ReviewDueAt,
    string PlaybackUrl)
{
    internal static RecordingView Of(Recording r) => new(
        r.Id, r.PlacementId, r.Media, r.Purpose, r.Capture, r.RecordingAt, r.EmbeddedRecordedAt, r.RecordingDateMismatch, r.FileName,
        r.Content.VersionNumber, r.Content.Length, r.Content.ContentType, r.Content.DurationSeconds, r.Content.HasVideo, r.Content.HasAudio,
        r.Content.VideoCodec, r.Content.AudioCodec, r.Rendition, r.Playable.ContentType, r.ReviewDueAt, $"/api/recordings/{r.Id}/playback");
}
