using Vault.Api.Tests.Recordings;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Reliability;

/// <summary>
/// Issue 11's load test in its shortened form (the full 60 s / 20 uploads / 100 viewers is the benchmark's load figure,
/// with the same <see cref="LoadDriver"/>): for ten seconds on 127.0.0.1, students upload one recording after another
/// while viewers seek through stored recordings with playback grants. It stops by itself and asserts outcomes only,
/// never timings: no error, every upload stored, every playback session audited.
/// </summary>
public sealed class ShortLoadTests(RecordingsVault vault) : IClassFixture<RecordingsVault>
{
    private static readonly LoadShape Shape = new(Uploaders: 5, Viewers: 20, Window: TimeSpan.FromSeconds(10));

    [Fact]
    public async Task Five_students_uploading_while_twenty_viewers_seek_for_ten_seconds_lose_nothing_and_every_session_is_audited()
    {
        var outcome = await LoadDriver.RunAsync(vault, Shape, vault.Folder, TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine($"{outcome.Stored.Count} uploads stored, {outcome.Sessions.Count} playback sessions, {outcome.Ranges} ranges in {Shape.Window.TotalSeconds} s");
        Assert.Empty(outcome.Errors);
        Assert.NotEmpty(outcome.Stored);
        Assert.True(outcome.Ranges >= Shape.Viewers, $"every viewer seeked at least once ({outcome.Ranges} ranges)");
        Assert.Equal(outcome.Stored.Order(), outcome.Recorded.Order());
        Assert.Equal(0, outcome.OpenUploads);
        Assert.True(outcome.EveryPlaybackAudited, $"{outcome.Sessions.Count} sessions, {outcome.AuditedSessionDetails.Count} audited");
    }
}
