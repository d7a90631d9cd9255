using System.Globalization;
using System.Text.Json;
using Vault.Testing;

namespace Vault.Bench.Figures;

/// <summary>
/// The load in its own process (<see cref="LoadFigure"/> starts it): the vault on 127.0.0.1 and the load's clients,
/// driven by the same <see cref="LoadDriver"/> as the test command's short form. The process's peak RSS (VmHWM, reset
/// when the load starts) covers the vault and its clients together.
/// </summary>
public static class LoadRun
{
    public const string Flag = "--load-run";

    public static async Task<int> MainAsync(int uploaders, int viewers, int seconds, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "mediavault-bench", "load-" + Guid.NewGuid().ToString("N"));
        await using var vault = new BenchVault();
        await vault.InitializeAsync();
        try
        {
            GC.Collect();
            var heapAtStart = GC.GetTotalMemory(forceFullCollection: true) / 1e6;
            var startRss = Rss("VmRSS");
            File.WriteAllText("/proc/self/clear_refs", "5"); // peak RSS from here on (Linux)
            using var sampling = new CancellationTokenSource();
            var samples = SampleAsync(sampling.Token);
            var outcome = await LoadDriver.RunAsync(vault, new LoadShape(uploaders, viewers, TimeSpan.FromSeconds(seconds)), folder, cancellationToken);
            await sampling.CancelAsync();
            var ended = TimeProvider.System.GetTimestamp();

            // Halves of the load window itself (the driver arranges its placements first).
            var window = (await samples).Where(s => TimeProvider.System.GetElapsedTime(s.At, ended) <= outcome.Elapsed).ToList();
            var middle = ended - (long)(outcome.Elapsed.TotalSeconds / 2 * TimeProvider.System.TimestampFrequency);
            var heapBefore = heapAtStart;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var heapAfter = GC.GetTotalMemory(forceFullCollection: true) / 1e6;
            var result = new LoadResult(uploaders, viewers, seconds, outcome.Errors.Count, outcome.Errors.Take(3).ToList(), outcome.Stored.Count, outcome.Recorded.Count,
                outcome.EveryUploadStored && outcome.OpenUploads == 0, outcome.Sessions.Count, outcome.AuditedSessionDetails.Count, outcome.EveryPlaybackAudited,
                outcome.Ranges, outcome.Elapsed.TotalSeconds, startRss, Rss("VmHWM"), 
                window.Where(s => s.At < middle).Select(s => s.RssMb).DefaultIfEmpty(0).Max(), window.Where(s => s.At >= middle).Select(s => s.RssMb).DefaultIfEmpty(0).Max(), heapBefore, heapAfter);
            Console.WriteLine(UploadRun.ResultPrefix + JsonSerializer.Serialize(result, UploadRun.Json));
            return 0;
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>VmRSS every half second until cancelled: whether memory levels off or keeps growing under steady load.</summary>
    private static async Task<List<(long At, double RssMb)>> SampleAsync(CancellationToken cancellationToken)
    {
        var samples = new List<(long At, double RssMb)>();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                samples.Add((TimeProvider.System.GetTimestamp(), Rss("VmRSS")));
            }
        }
        catch (OperationCanceledException)
        {
        }

        return samples;
    }

    private static double Rss(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }
}

public sealed record LoadResult(int Uploaders, int Viewers, int Seconds, int Errors, IReadOnlyList<string> FirstErrors, int Stored, int Recorded, bool EveryUploadStored,
    int Sessions, int Audited, bool EveryPlaybackAudited, int Ranges, double ElapsedSeconds, double StartRssMb, double PeakRssMb,
    double FirstHalfPeakRssMb, double SecondHalfPeakRssMb, double HeapBeforeMb, double HeapAfterMb);
