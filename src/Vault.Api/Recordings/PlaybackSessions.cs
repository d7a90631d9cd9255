using System.Collections.Concurrent;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;

namespace Vault.Api.Recordings;

/// <summary>
/// Audits each playback session once: a video element makes many range requests while seeking, so a viewer's
/// requests for one recording within <see cref="Window"/> of the last one belong to the same session.
/// </summary>
internal sealed class PlaybackSessions(IAuditTrail audit, ICurrentActor actor, TimeProvider time, PlaybackSessions.Tracker tracker)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    public async Task RecordAsync(Recording recording, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var key = (actor.PersonId ?? Guid.Empty, recording.Id);
        var last = tracker.Seen.GetValueOrDefault(key);
        tracker.Seen[key] = now;
        if (now - last < Window)
        {
            return;
        }

        await audit.RecordNowAsync(new AuditEvent(AuditActions.RecordingPlayback, "Recording", recording.Id.ToString())
        {
            RecordingId = recording.Id,
            SchoolLocationId = recording.SchoolLocationId,
            OpleidingsschoolId = recording.OpleidingsschoolId,
            Details = new { version = recording.Playable.VersionNumber },
        }, cancellationToken);
    }

    /// <summary>The last request per viewer and recording (process-wide).</summary>
    internal sealed class Tracker
    {
        public ConcurrentDictionary<(Guid Person, Guid Recording), DateTimeOffset> Seen { get; } = new();
    }
}
