using System.Diagnostics;

namespace Vault.Testing;

/// <summary>Real media made by Debian's ffmpeg inside the test, so tests never depend on committed binaries.</summary>
public static class TestMedia
{
    /// <summary>An H.264/AAC MP4 with a test pattern and a tone; optional location and device tags to prove metadata removal.</summary>
    public static async Task<string> CreateVideoAsync(string folder, double seconds = 2, bool withIdentifyingMetadata = false, string name = "lesson.mp4")
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        List<string> args =
        [
            "-hide_banner", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", $"testsrc2=size=320x240:rate=25:duration={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            "-f", "lavfi", "-i", $"sine=frequency=440:duration={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
        ];
        if (withIdentifyingMetadata)
        {
            args.AddRange(["-metadata", "location=+51.9225+004.4792/", "-metadata", "com.apple.quicktime.make=Apple",
                "-metadata", "com.apple.quicktime.model=iPhone 15", "-metadata", "encoder=PhoneCam 1.0", "-movflags", "use_metadata_tags"]);
        }

        args.Add(path);
        await RunAsync("ffmpeg", args);
        return path;
    }

    public static async Task<string> RunAsync(string tool, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await stderr}");
        }

        return await stdout;
    }
}
