namespace Vault.Api.Media;

/// <summary>Configuration section <c>Vault:Media</c>: limits for every ffmpeg/ffprobe process.</summary>
public sealed class MediaOptions
{
    public const string Section = "Vault:Media";

    /// <summary>How many ffmpeg/ffprobe processes may run at once on this host.</summary>
    public int MaxConcurrentProcesses { get; set; } = 2;

    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Remuxing copies streams without re-encoding; an 8 GB lesson takes minutes, not hours.</summary>
    public TimeSpan RemuxTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Re-encoding (web-playable rendition, redaction) is CPU-heavy.</summary>
    public TimeSpan EncodeTimeout { get; set; } = TimeSpan.FromHours(3);

    /// <summary>How much of the start of a file is fully decoded to prove its streams can be decoded.</summary>
    public TimeSpan DecodeCheckDuration { get; set; } = TimeSpan.FromSeconds(30);
}
