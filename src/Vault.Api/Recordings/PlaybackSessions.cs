using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;

namespace Vault.Api.Recordings;

/// <summary>A short-lived grant to play one recording, for one viewer: the stream URL to give the player.</summary>
public sealed record PlaybackGrantView(Guid RecordingId, Guid SessionId, string StreamUrl, DateTimeOffset ExpiresAt);

/// <summary>
/// Playback sessions (R13: playback only, only for the people directly involved, every viewing audited). The player
/// first asks for a grant: a data-protected token bound to the viewer and the recording, valid for
/// <see cref="RecordingOptions.PlaybackGrantLifetime"/>, that also names the content it plays (blob, key id, length)
/// so that a range's download can start before the recording is looked up (<see cref="PlaybackPrefetch"/>); the
/// recording as it is then decides what is served. Starting a session is audited
/// (<see cref="AuditActions.PlaybackSession"/>); the stream endpoint then accepts a range request only from the
/// signed-in viewer the grant names, before it expires, and audits each range it serves
/// (<see cref="AuditActions.PlaybackRange"/>, with the session id), so "who watched what, when, which part" can be
/// answered. The grant is an extra lock, never a key on its own: access is decided again at every request.
/// </summary>
internal sealed class PlaybackSessions(
    IAuditTrail audit, ICurrentActor actor, TimeProvider time, IDataProtectionProvider protection, IOptions<RecordingOptions> options, PlaybackSessions.Tracker tracker)
{
    internal const string Purpose = "Vault.Recordings.PlaybackGrant.v1";

    private readonly IDataProtector protector = protection.CreateProtector(Purpose);

    /// <summary>Starts a playback session for the signed-in viewer (whose access the caller has checked) and audits it.</summary>
    public async Task<PlaybackGrantView> StartAsync(Recording recording, CancellationToken cancellationToken)
    {
        var viewer = actor.PersonId ?? throw new InvalidOperationException("Only a known, signed-in viewer can start playback.");
        var now = time.GetUtcNow();
        var session = Guid.CreateVersion7(now);
        var expiresAt = now + options.Value.PlaybackGrantLifetime;
        var content = recording.Playable;
        // The blob name comes last: it is the one part that is not a fixed-format value.
        var token = protector.Protect(string.Create(CultureInfo.InvariantCulture,
            $"{viewer:N}|{recording.Id:N}|{session:N}|{expiresAt.ToUnixTimeMilliseconds()}|{content.KeyId:N}|{content.Length}|{content.BlobName}"));
        await audit.FlushDeferredAsync(cancellationToken); // a new session follows the ranges of the ones before it in the log
        await audit.RecordNowAsync(Event(AuditActions.PlaybackSession, recording, new { session, version = content.VersionNumber, expiresAt }), cancellationToken);
        return new PlaybackGrantView(recording.Id, session, $"/api/recordings/{recording.Id}/stream?grant={Uri.EscapeDataString(token)}", expiresAt);
    }

    /// <summary>
    /// The grant as the vault issued it, or null when there is none or it is forged, damaged or made by another key
    /// ring. Nothing is decided yet: <see cref="Validate"/> says whether it holds for this viewer and recording.
    /// </summary>
    public PlaybackGrant? Read(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        string payload;
        try
        {
            payload = protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }

        // Seven parts since the grant names the content; four in grants made before (still valid for their lifetime).
        var parts = payload.Split('|', 7);
        if (parts.Length is not (4 or 7)
            || !Guid.TryParseExact(parts[0], "N", out var viewer)
            || !Guid.TryParseExact(parts[1], "N", out var recording)
            || !Guid.TryParseExact(parts[2], "N", out var session)
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return null;
        }

        var content = parts.Length == 7
            && Guid.TryParseExact(parts[4], "N", out var keyId)
            && long.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            && parts[6].Length > 0
                ? new GrantedContent(parts[6], keyId, length)
                : null;
        return new PlaybackGrant(viewer, recording, session, DateTimeOffset.FromUnixTimeMilliseconds(expires), content);
    }

    /// <summary>The session of a grant that names the signed-in viewer and this recording and has not expired; otherwise null.</summary>
    public Guid? Validate(PlaybackGrant? grant, Guid recordingId) =>
        grant is not null && grant.Holds(recordingId, time.GetUtcNow()) && actor.PersonId is { } viewer && grant.Viewer == viewer ? grant.Session : null;

    /// <summary>
    /// What an unexpired grant for this recording says it plays, before anyone has checked it against the recording or
    /// the viewer: enough to start fetching ciphertext, which nobody can read without the key the checks release.
    /// </summary>
    public GrantedContent? ContentToFetch(PlaybackGrant? grant, Guid recordingId) =>
        grant is not null && grant.Holds(recordingId, time.GetUtcNow()) ? grant.Content : null;

    /// <summary>Audits a range served in a session; the same range asked again straight after (a player's retry) only once.</summary>
    public async Task RecordRangeAsync(Recording recording, Guid session, string? rangeHeader, CancellationToken cancellationToken)
    {
        var content = recording.Playable;
        if (Unsatisfiable(rangeHeader, content.Length))
        {
            return; // answered 416: nothing is served, so nothing was watched
        }

        var range = Describe(rangeHeader, content.Length, content.DurationSeconds) ?? Whole(content.Length, content.DurationSeconds);
        var now = time.GetUtcNow();
        if (tracker.LastRange.TryGetValue(session, out var last) && last.Range == range)
        {
            return;
        }

        tracker.Remember(session, range, now, options.Value.PlaybackGrantLifetime);
        await audit.RecordDeferredAsync(Event(AuditActions.PlaybackRange, recording,
            new { session, version = content.VersionNumber, range = range.Bytes, fromSeconds = range.FromSeconds, toSeconds = range.ToSeconds }), cancellationToken);
    }

    private static AuditEvent Event(string action, Recording recording, object details) => new(action, "Recording", recording.Id.ToString())
    {
        RecordingId = recording.Id,
        SchoolLocationId = recording.SchoolLocationId,
        OpleidingsschoolId = recording.OpleidingsschoolId,
        Details = details,
    };

    /// <summary>Where serving the request starts: the start of its one range, or of the recording.</summary>
    internal static long RangeStart(string? rangeHeader, long length) =>
        Bounds(rangeHeader, length) is { } range ? range.From : 0;

    /// <summary>Where serving the request ends (exclusive): the end of its one range, or of the recording.</summary>
    internal static long RangeEnd(string? rangeHeader, long length) =>
        Bounds(rangeHeader, length) is { } range ? range.To + 1 : length;

    /// <summary>The requested byte range, and roughly which seconds it covers (bytes are proportional to time only approximately).</summary>
    internal static PlayedRange? Describe(string? rangeHeader, long length, double duration) =>
        Bounds(rangeHeader, length) is { } range ? Range(range.From, range.To, length, duration) : null;

    /// <summary>The one range asked for (inclusive bounds); none when the whole recording is served.</summary>
    private static (long From, long To)? Bounds(string? rangeHeader, long length)
    {
        // Several ranges are ignored by the range processing (the whole recording is served), so they describe the whole.
        if (string.IsNullOrWhiteSpace(rangeHeader) || !RangeHeaderValue.TryParse(rangeHeader, out var parsed) || parsed.Ranges.Count != 1 || length <= 0)
        {
            return null;
        }

        var first = parsed.Ranges.First();
        var from = first.From ?? Math.Max(0, length - (first.To ?? 0));
        var to = first.From is null ? length - 1 : Math.Min(first.To ?? length - 1, length - 1);
        return (from, to);
    }

    /// <summary>A single range that starts beyond the end (or asks the last 0 bytes): the stream answers 416.</summary>
    internal static bool Unsatisfiable(string? rangeHeader, long length) =>
        !string.IsNullOrWhiteSpace(rangeHeader) && RangeHeaderValue.TryParse(rangeHeader, out var parsed) && parsed.Ranges.Count == 1
        && parsed.Ranges.First() is var only && (only.From >= length || (only.From is null && only.To == 0));

    private static PlayedRange Whole(long length, double duration) => Range(0, Math.Max(0, length - 1), Math.Max(1, length), duration);

    private static PlayedRange Range(long from, long to, long length, double duration)
    {
        double Seconds(long b) => Math.Round(duration * b / length, 1);
        return new PlayedRange(string.Create(CultureInfo.InvariantCulture, $"{from}-{to}"), Seconds(from), Seconds(to + 1));
    }

    internal sealed record PlayedRange(string Bytes, double FromSeconds, double ToSeconds);

    /// <summary>A playback grant's contents (see <see cref="Read"/>).</summary>
    internal sealed record PlaybackGrant(Guid Viewer, Guid RecordingId, Guid Session, DateTimeOffset ExpiresAt, GrantedContent? Content)
    {
        public bool Holds(Guid recordingId, DateTimeOffset now) => RecordingId == recordingId && now < ExpiresAt;
    }

    /// <summary>The playable content a grant was made for; a redaction or a finished rendition replaces it meanwhile.</summary>
    internal sealed record GrantedContent(string BlobName, Guid KeyId, long Length)
    {
        public bool IsStill(RecordingContent content) => content.BlobName == BlobName && content.KeyId == KeyId && content.Length == Length;
    }

    /// <summary>The last range audited per session (process-wide), forgotten once the session's grant has expired.</summary>
    internal sealed class Tracker
    {
        public ConcurrentDictionary<Guid, (PlayedRange Range, DateTimeOffset Forget)> LastRange { get; } = new();

        public void Remember(Guid session, PlayedRange range, DateTimeOffset now, TimeSpan lifetime)
        {
            LastRange[session] = (range, now + lifetime + lifetime);
            if (LastRange.Count > 10_000)
            {
                foreach (var (key, value) in LastRange)
                {
                    if (value.Forget < now)
                    {
                        LastRange.TryRemove(key, out _);
                    }
                }
            }
        }
    }
}
