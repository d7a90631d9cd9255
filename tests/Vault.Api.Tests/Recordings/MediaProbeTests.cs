using Vault.Api.Media;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Recordings;

/// <summary>ffprobe's JSON, recorded from real files, normalised into the vault's own <see cref="MediaProbe"/>.</summary>
public sealed class MediaProbeTests
{
    [Fact]
    public void A_phone_style_mp4_is_h264_aac_web_playable_and_its_location_tag_is_seen()
    {
        var probe = Load("iphone-style-h264-aac.json");

        Assert.Equal(MediaContainer.Mp4, probe.Container);
        Assert.Equal("h264", probe.Video!.Codec);
        Assert.Equal(320, probe.Video.Width);
        Assert.Equal("aac", probe.Audio!.Codec);
        Assert.True(probe.IsWebPlayable);
        Assert.Equal(2, probe.Duration.TotalSeconds, 0.1);
        Assert.Contains("location", probe.Tags.Keys);
    }

    [Fact]
    public void An_hevc_mov_needs_a_web_rendition_and_reports_its_embedded_recording_time()
    {
        var probe = Load("hevc-mov.json");

        Assert.Equal(MediaContainer.Mp4, probe.Container);
        Assert.Equal("hevc", probe.Video!.Codec);
        Assert.False(probe.IsWebPlayable);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 8, 15, 0, TimeSpan.Zero), probe.EmbeddedRecordedAt);
        Assert.NotNull(RemuxPlan.For(probe, soundOnly: false)!.OutputArguments.SingleOrDefault(a => a.StartsWith("filter_units", StringComparison.Ordinal)));
    }

    [Fact]
    public void Cover_art_in_an_mp3_is_not_a_video_stream()
    {
        var probe = Load("mp3-with-cover-art.json");

        Assert.Equal(MediaContainer.Mp3, probe.Container);
        Assert.False(probe.HasVideo);
        Assert.Equal("mp3", Assert.Single(probe.Streams).Codec);
        Assert.Equal("audio/mpeg", RemuxPlan.For(probe, soundOnly: false)!.ContentType);
    }

    [Fact]
    public void An_image_is_not_a_supported_recording()
    {
        var probe = Load("png-image.json");

        Assert.Null(probe.Container);
        Assert.Null(RemuxPlan.For(probe, soundOnly: false));
    }

    [Fact]
    public void Sound_only_drops_the_image_and_every_metadata_source()
    {
        var plan = RemuxPlan.For(Load("iphone-style-h264-aac.json"), soundOnly: true)!;

        Assert.Contains("-vn", plan.OutputArguments);
        Assert.DoesNotContain("0:V?", plan.OutputArguments);
        Assert.Equal("audio/mp4", plan.ContentType);
        Assert.Contains("-map_metadata", plan.OutputArguments);
        Assert.Contains("-map_chapters", plan.OutputArguments);
    }

    private static MediaProbe Load(string name) =>
        MediaProbe.Parse(File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, "tests", "Vault.Api.Tests", "Recordings", "Fixtures", name)));
}
