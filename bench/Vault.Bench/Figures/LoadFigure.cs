using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Vault.Bench.Figures;

/// <summary>
/// Issue 11's load in full: 20 students uploading one real recording after another and 100 viewers seeking with Range
/// requests for 60 s on 127.0.0.1, in a fresh process. Zero errors, every upload stored, every playback audited, and the
/// process's peak memory. Left out of <c>--quick</c> (the test command runs the 10 s form) unless asked for with
/// <c>--only load</c>, which then runs that short form.
/// </summary>
public sealed class LoadFigure : IBenchFigure
{
    private const double PeakRssGoalMb = 600;

    /// <summary>Bounded: the second half of the run peaks no more than this much above the first half.</summary>
    private const double GrowthAllowed = 0.15;

    public string Name => "load";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        if (options.Quick && options.Only != Name)
        {
            Console.Error.WriteLine("[bench]   skipped in --quick (the test command runs its 10 s form; --quick --only load runs that here)");
            return [];
        }

        var (uploaders, viewers, seconds) = options.Quick ? (5, 20, 10) : (20, 100, 60);
        var r = await RunChildAsync(uploaders, viewers, seconds, cancellationToken);
        var label = $"Load: {r.Uploaders} uploading, {r.Viewers} seeking for {r.Seconds} s";
        var growth = r.FirstHalfPeakRssMb > 0 ? (r.SecondHalfPeakRssMb / r.FirstHalfPeakRssMb) - 1 : double.NaN;
        var activity = $"{r.Stored} uploads stored ({r.Stored * 60 / r.ElapsedSeconds:0} per minute), {r.Sessions} playback sessions, {r.Ranges} ranges ({r.Ranges / r.ElapsedSeconds:0}/s) in {r.ElapsedSeconds:0.0} s";
        return
        [
            new BenchRow($"{label}: failed requests", r.Errors, "errors", null, null, null, "0", r.Errors == 0,
                r.Errors == 0 ? activity : $"{activity}; first: {string.Join(" | ", r.FirstErrors)}"),
            new BenchRow($"{label}: uploads stored", r.Stored, "uploads", r.Recorded, "recording rows", null, "every upload stored, none open", r.EveryUploadStored,
                "clients' completed uploads vs recording rows of the uploaders' placements; no upload session left open"),
            new BenchRow($"{label}: playback sessions audited", r.Audited, "entries", r.Sessions, "sessions", null, "every session audited", r.EveryPlaybackAudited,
                "playback-session audit entries naming each granted session"),
            new BenchRow($"{label}: peak RSS", Math.Round(r.PeakRssMb), "MB", Math.Round(r.StartRssMb), "MB before", Math.Round(r.PeakRssMb / r.StartRssMb, 2),
                $"< {PeakRssGoalMb:0} MB, 2nd half ≤ 1st half + {GrowthAllowed:P0}", r.PeakRssMb < PeakRssGoalMb && growth <= GrowthAllowed,
                $"VmHWM of the one process holding the vault (Release, workstation GC) and all its clients, reset as the load starts; " +
                $"VmRSS sampled every 0.5 s peaks at {r.FirstHalfPeakRssMb:0} MB in the first half of the load window and {r.SecondHalfPeakRssMb:0} MB in the second ({growth:+0%;-0%}); " +
                $"managed heap after a full collection: {r.HeapBeforeMb:0} MB before the load, {r.HeapAfterMb:0} MB after"),
        ];
    }

    private static async Task<LoadResult> RunChildAsync(int uploaders, int viewers, int seconds, CancellationToken cancellationToken)
    {
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        info.Environment["Logging__Console__LogLevel__Default"] = "None";
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(LoadFigure).Assembly.Location);
        }

        foreach (var arg in new[] { LoadRun.Flag, uploaders.ToString(CultureInfo.InvariantCulture), viewers.ToString(CultureInfo.InvariantCulture), seconds.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        using var child = Process.Start(info) ?? throw new InvalidOperationException("the load run did not start");
        var output = await child.StandardOutput.ReadToEndAsync(cancellationToken);
        await child.WaitForExitAsync(cancellationToken);
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith(UploadRun.ResultPrefix, StringComparison.Ordinal));
        if (child.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"the load run failed ({child.ExitCode}): {output}");
        }

        return JsonSerializer.Deserialize<LoadResult>(line[UploadRun.ResultPrefix.Length..], UploadRun.Json)!;
    }
}
