using System.Globalization;
using System.Text.Json;
using FFMpegCore;

namespace Vault.Api.Media;

internal enum MediaContainer
{
    Mp4 = 0,
    Matroska = 1,
    WebM = 2,
    Mp3 = 3,
    Wav = 4,
    Ogg = 5,
    Flac = 6,
}

internal sealed record MediaStream(int Index, string Kind, string Codec, int? Width, int? Height, int? SampleRate, int? Channels);

/// <summary>
/// What ffprobe says a file is, normalised: the container the vault supports (or null), the audio/video streams
/// (cover art is not a video), the duration, and any recording time embedded by the device.
/// </summary>
internal sealed record MediaProbe(
    string FormatName,
    MediaContainer? Container,
    TimeSpan Duration,
    IReadOnlyList<MediaStream> Streams,
    DateTimeOffset? EmbeddedRecordedAt,
    IReadOnlyDictionary<string, string> Tags)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public bool HasVideo => Streams.Any(s => s.Kind == "video");

    public bool HasAudio => Streams.Any(s => s.Kind == "audio");

    public MediaStream? Video => Streams.FirstOrDefault(s => s.Kind == "video");

    public MediaStream? Audio => Streams.FirstOrDefault(s => s.Kind == "audio");

    /// <summary>Codecs every current browser plays in the stored container (otherwise a rendition is made).</summary>
    public bool IsWebPlayable => Container switch
    {
        MediaContainer.Mp4 => Video?.Codec is null or "h264" && Audio?.Codec is null or "aac" or "mp3",
        MediaContainer.WebM => Video?.Codec is null or "vp8" or "vp9" or "av1" && Audio?.Codec is null or "opus" or "vorbis",
        MediaContainer.Mp3 or MediaContainer.Wav => true,
        _ => false,
    };

    public static MediaProbe Parse(ReadOnlySpan<byte> ffprobeJson)
    {
        var analysis = JsonSerializer.Deserialize<FFProbeAnalysis>(ffprobeJson, Json)
            ?? throw new MediaToolException("ffprobe gave no answer.");
        var format = analysis.Format ?? throw new MediaToolException("ffprobe found no container.");
        var streams = (analysis.Streams ?? [])
            .Where(s => s.CodecType is "audio" or "video" && !string.IsNullOrEmpty(s.CodecName))
            .Where(s => s.Disposition is null || !s.Disposition.TryGetValue("attached_pic", out var pic) || pic == 0)
            .Select(s => new MediaStream(s.Index, s.CodecType!, s.CodecName!, s.CodecType == "video" ? s.Width : null, s.CodecType == "video" ? s.Height : null,
                int.TryParse(s.SampleRate, CultureInfo.InvariantCulture, out var rate) ? rate : null, s.CodecType == "audio" ? s.Channels : null))
            .ToList();
        var tags = new Dictionary<string, string>(format.Tags ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        foreach (var stream in analysis.Streams ?? [])
        {
            foreach (var (key, value) in stream.Tags ?? new Dictionary<string, string>())
            {
                tags.TryAdd($"stream{stream.Index}:{key}", value);
            }
        }

        return new MediaProbe(
            format.FormatName ?? "",
            ContainerOf(format.FormatName ?? "", streams),
            double.TryParse(format.Duration, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero,
            streams,
            RecordedAt(tags),
            tags);
    }

    private static MediaContainer? ContainerOf(string formatName, List<MediaStream> streams) => formatName switch
    {
        "mov,mp4,m4a,3gp,3g2,mj2" => MediaContainer.Mp4,
        "matroska,webm" when streams.All(s => s.Codec is "vp8" or "vp9" or "av1" or "opus" or "vorbis") => MediaContainer.WebM,
        "matroska,webm" => MediaContainer.Matroska,
        "mp3" => MediaContainer.Mp3,
        "wav" => MediaContainer.Wav,
        "ogg" => MediaContainer.Ogg,
        "flac" => MediaContainer.Flac,
        _ => null,
    };

    /// <summary>The device's recording time: QuickTime's creation date (with zone) first, then the container's creation_time.</summary>
    private static DateTimeOffset? RecordedAt(Dictionary<string, string> tags)
    {
        foreach (var key in new[] { "com.apple.quicktime.creationdate", "creation_time", "date" })
        {
            if (tags.TryGetValue(key, out var value)
                && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                && at.Year > 1970)
            {
                return at;
            }
        }

        return null;
    }
}
