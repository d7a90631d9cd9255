namespace Vault.Api.Media;

/// <summary>
/// How a validated file is stored: its streams copied (no re-encoding) into the same kind of container, with all
/// identifying metadata left behind — global tags (GPS location, device make/model/serial, software), stream
/// tags, chapters, data tracks (GPS/timecode), subtitles and cover art. Written to a pipe: MP4 as fragmented MP4.
/// </summary>
internal sealed record RemuxPlan(IReadOnlyList<string> OutputArguments, string ContentType, MediaContainer Container)
{
    public static RemuxPlan? For(MediaProbe probe, bool soundOnly)
    {
        if (probe.Container is not { } container || (soundOnly && !probe.HasAudio))
        {
            return null;
        }

        var video = probe.HasVideo && !soundOnly;
        List<string> args = video ? ["-map", "0:V?", "-map", "0:a?"] : ["-map", "0:a", "-vn"];
        // Encoder/device user data travels in the video bitstream as SEI units (x264 writes its settings there;
        // cameras write their own): dropped without re-encoding.
        var sei = !video ? null : probe.Video?.Codec switch
        {
            "h264" => "filter_units=remove_types=6",
            "hevc" => "filter_units=remove_types=39|40",
            _ => null,
        };
        if (sei is not null)
        {
            args.AddRange(["-bsf:v", sei]);
        }

        args.AddRange(["-dn", "-sn", "-map_metadata", "-1", "-map_chapters", "-1", "-c", "copy",
            "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact"]);
        var (format, type) = container switch
        {
            MediaContainer.Mp4 => (new[] { "-f", "mp4", "-movflags", "+frag_keyframe+empty_moov+default_base_moof" }, video ? "video/mp4" : "audio/mp4"),
            MediaContainer.WebM => (["-f", "webm"], video ? "video/webm" : "audio/webm"),
            MediaContainer.Matroska => (["-f", "matroska"], video ? "video/x-matroska" : "audio/x-matroska"),
            MediaContainer.Mp3 => (["-f", "mp3", "-id3v2_version", "0", "-write_xing", "0"], "audio/mpeg"),
            MediaContainer.Wav => (["-f", "wav"], "audio/wav"),
            MediaContainer.Ogg => (["-f", "ogg"], "audio/ogg"),
            _ => (["-f", "flac"], "audio/flac"),
        };
        args.AddRange(format);
        return new RemuxPlan(args, type, container);
    }
}
