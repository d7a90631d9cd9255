using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Net.Http.Headers;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;

namespace Vault.Api.Recordings;

/// <summary>
/// Audits playback. A video element makes many range requests while seeking, so a viewer's requests for one
/// recording within <see cref="Window"/> of the last one belong to one session: the session is audited once
/// (<see cref="AuditActions.PlaybackSession"/>, with the first range), and every further range the player asks
/// for (a seek) as <see cref="AuditActions.PlaybackRange"/> with the session id, so "which ranges" can be answered.
/// Both carry RecordingId and SchoolLocationId for the privacy workspace.
/// </summary>
internal sealed class PlaybackSessions(IAuditTrail audit, ICurrentActor actor, TimeProvider time, PlaybackSessions.Tracker tracker)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    public async Task RecordAsync(Recording recording, string? rangeHeader, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var key = (actor.PersonId ?? Guid.Empty, recording.Id);
        var content = recording.Playable;
        var range = Describe(rangeHeader, content.Length, content.DurationSeconds);
        var last = tracker.Seen.GetValueOrDefault(key);
        var started = last is null || now - last.LastSeen >= Window;
        var session = started ? new Session(Guid.CreateVersion7(), now, null) : last! with { LastSeen = now };
        var repeat = !started && range is not null && range == last!.LastRange;
        tracker.Seen[key] = session with { LastRange = range ?? session.LastRange };
        if (!started && (range is null || repeat))
        {
            return;
        }

        await audit.RecordNowAsync(new AuditEvent(started ? AuditActions.PlaybackSession : AuditActions.PlaybackRange, "Recording", recording.Id.ToString())
        {
            RecordingId = recording.Id,
            SchoolLocationId = recording.SchoolLocationId,
            OpleidingsschoolId = recording.OpleidingsschoolId,
            Details = new { session = session.Id, version = content.VersionNumber, range = range?.Bytes, fromSeconds = range?.FromSeconds, toSeconds = range?.ToSeconds },
        }, cancellationToken);
    }

    /// <summary>The requested byte range, and roughly which seconds it covers (bytes are proportional to time only approximately).</summary>
    internal static PlayedRange? Describe(string? rangeHeader, long length, double duration)
    {
        if (string.IsNullOrWhiteSpace(rangeHeader) || !RangeHeaderValue.TryParse(rangeHeader, out var parsed) || parsed.Ranges.Count == 0 || length <= 0)
        {
            return null;
        }

        var first = parsed.Ranges.First();
        var from = first.From ?? Math.Max(0, length - (first.To ?? 0));
        var to = first.From is null ? length - 1 : Math.Min(first.To ?? length - 1, length - 1);
        double Seconds(long b) => Math.Round(duration * b / length, 1);
        return new PlayedRange(string.Create(CultureInfo.InvariantCulture, $"{from}-{to}"), Seconds(from), Seconds(to + 1));
    }

    internal sealed record PlayedRange(string Bytes, double FromSeconds, double ToSeconds);

    internal sealed record Session(Guid Id, DateTimeOffset LastSeen, PlayedRange? LastRange);

    /// <summary>The open session per viewer and recording (process-wide).</summary>
    internal sealed class Tracker
    {
        public ConcurrentDictionary<(Guid Person, Guid Recording), Session> Seen { get; } = new();
    }
}
