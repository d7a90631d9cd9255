using System.Globalization;
using System.Text.Json;

namespace Vault.Api.Privacy;

/// <summary>
/// "Which parts were watched": a playback session is audited when it starts, each range served under its session id
/// (see Recordings/PlaybackSessions). For the report every session gets its ranges, in seconds, as <c>ranges</c>.
/// </summary>
internal static class PlaybackReport
{
    public static IEnumerable<AuditEventView> WithRanges(IEnumerable<AuditEventView> sessions, IEnumerable<AuditEventView> ranges)
    {
        var bySession = ranges
            .Where(r => r.Details is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty("session", out _))
            .OrderBy(r => r.Sequence)
            .GroupBy(r => r.Details!.Value.GetProperty("session").GetString() ?? "")
            .ToDictionary(g => g.Key, g => g.Select(Seconds).Where(s => s is not null).Distinct().ToList());
        foreach (var session in sessions)
        {
            if (session.Details is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty("session", out var id)
                && bySession.TryGetValue(id.GetString() ?? "", out var played))
            {
                var details = JsonSerializer.SerializeToElement(new { session = id.GetString(), ranges = played });
                yield return session with { Details = details };
            }
            else
            {
                yield return session;
            }
        }
    }

    private static string? Seconds(AuditEventView range)
    {
        var d = range.Details!.Value;
        return d.TryGetProperty("fromSeconds", out var from) && d.TryGetProperty("toSeconds", out var to) && from.ValueKind == JsonValueKind.Number && to.ValueKind == JsonValueKind.Number
            ? string.Create(CultureInfo.InvariantCulture, $"{Clock(from.GetDouble())}–{Clock(to.GetDouble())}")
            : null;
    }

    private static string Clock(double seconds) =>
        TimeSpan.FromSeconds(Math.Floor(seconds)).ToString(seconds >= 3600 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);
}
