using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vault.Api.Media;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Recordings;

public sealed class MediaToolsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Endless = ["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "3600", "-f", "null", "-"];

    /// <summary>An endless ffmpeg run that carries a marker, so the test can find its process.</summary>
    private static string[] EndlessMarked(string marker) =>
        ["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "3600", "-metadata", "comment=" + marker, "-f", "null", "-"];

    /// <summary>Whether an ffmpeg process with the marker is still alive (a reaped or zombie process is not).</summary>
    private static bool IsRunning(string marker)
    {
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(folder, "cmdline")).Contains(marker, StringComparison.Ordinal)
                    && !File.ReadAllText(Path.Combine(folder, "stat")).Split(") ")[^1].StartsWith('Z'))
                {
                    return true;
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return false;
    }

    /// <summary>Waits (bounded) for the killed process to be gone; the bound only keeps a broken kill from hanging the test.</summary>
    private static async Task<bool> IsGoneAsync(string marker)
    {
        for (var i = 0; i < 100 && IsRunning(marker); i++)
        {
            await Task.Delay(100, Ct);
        }

        return !IsRunning(marker);
    }

    [Fact]
    public async Task An_ffmpeg_run_that_exceeds_its_timeout_is_killed_and_reported()
    {
        using var tools = new MediaTools(Options.Create(new MediaOptions()), NullLogger<MediaTools>.Instance);
        var marker = Guid.NewGuid().ToString("N");

        var failure = await Assert.ThrowsAsync<MediaToolException>(() => tools.FfmpegAsync(EndlessMarked(marker), null, TimeSpan.FromSeconds(1), Ct));

        Assert.Contains("longer than", failure.Message, StringComparison.Ordinal);
        Assert.True(await IsGoneAsync(marker), "the ffmpeg process outlived its timeout");
    }

    [Fact]
    public async Task Cancelling_stops_the_ffmpeg_process()
    {
        using var tools = new MediaTools(Options.Create(new MediaOptions()), NullLogger<MediaTools>.Instance);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromSeconds(1));
        var marker = Guid.NewGuid().ToString("N");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tools.FfmpegAsync(EndlessMarked(marker), null, TimeSpan.FromMinutes(10), cancel.Token));

        Assert.True(await IsGoneAsync(marker), "the ffmpeg process outlived the cancellation");
    }

    [Fact]
    public async Task No_more_processes_run_at_once_than_the_cap_allows()
    {
        using var tools = new MediaTools(Options.Create(new MediaOptions { MaxConcurrentProcesses = 1 }), NullLogger<MediaTools>.Instance);
        using var first = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var running = tools.FfmpegAsync(Endless, null, TimeSpan.FromMinutes(10), first.Token);
        await Task.Delay(300, Ct);
        using var second = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        second.CancelAfter(TimeSpan.FromSeconds(1));

        // The second run waits for a slot and is cancelled while still waiting: it never started a process.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tools.ProbeAsync(new Uri("http://127.0.0.1:9/none"), second.Token));
        Assert.False(running.IsCompleted);
        await first.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public async Task The_vault_does_not_start_without_an_upload_gate()
    {
        // Fail closed: recordings may only be accepted through Vault.Consent's gate.
        await using var bare = new VaultWithoutGate();

        var refusal = await Assert.ThrowsAnyAsync<Exception>(async () => await bare.InitializeAsync());

        Assert.Contains("IUploadGate", refusal.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>The vault with Vault.Consent's upload gate taken out, to prove the host refuses to start without one.</summary>
internal sealed class VaultWithoutGate : VaultApiFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            foreach (var registration in services.Where(d => d.ServiceType == typeof(Vault.Consent.Gate.IUploadGate)).ToList())
            {
                services.Remove(registration);
            }
        });
    }
}
