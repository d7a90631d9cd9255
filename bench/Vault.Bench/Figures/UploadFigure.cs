using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Vault.Testing;

namespace Vault.Bench.Figures;

/// <summary>
/// Upload throughput, memory and range reads. Each size runs in a fresh process (<see cref="UploadRun"/>), so
/// that process's peak RSS (VmHWM, reset just before the API upload) is the vault's for that upload alone.
/// </summary>
public sealed class UploadFigure : IBenchFigure
{
    public string Name => "upload";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        long small = options.Quick ? 32L << 20 : 1L << 30;
        long large = options.Quick ? 96L << 20 : 4L << 30;
        var ranges = options.Quick ? 100 : 200;
        var first = await RunChildAsync(small, ranges, cancellationToken);
        var second = await RunChildAsync(large, 0, cancellationToken);
        var label = options.Quick ? "32 MiB" : "1 GiB";
        var largeLabel = options.Quick ? "96 MiB" : "4 GiB";
        var mbps = first.Bytes / first.ApiSeconds;
        var sdk = first.Bytes / first.SdkSeconds;
        var ratio = mbps / sdk;
        var peak = Math.Max(first.PeakRssMb, second.PeakRssMb);
        var spread = Math.Abs(second.PeakRssMb - first.PeakRssMb) / Math.Min(first.PeakRssMb, second.PeakRssMb);
        var rangeRatio = first.RangeP50 / first.RawRangeP50;
        var process = "the vault on Kestrel 127.0.0.1 (Release) as its own process, started per size by a fresh bench child whose client streams from disk";
        return
        [
            new BenchRow($"API upload of a {label} real video (PATCH bytes)", Math.Round(mbps / (1 << 20), 1), "MiB/s", Math.Round(sdk / (1 << 20), 1), "MiB/s SDK", Math.Round(ratio, 2), "≥ 0.9", ratio >= 0.9,
                $"{first.Bytes:N0} bytes of ffmpeg-made H.264/AAC MP4; baseline: BlockBlobClient.UploadAsync of the same file to the same Azurite; " +
                $"completion (validate with ffprobe, re-check gate, strip metadata, store) took {first.CompleteSeconds:0.0} s more, {second.CompleteSeconds:0.0} s for {largeLabel}; {process}"),
            new BenchRow($"API peak RSS during {label} upload", Math.Round(first.PeakRssMb), "MB", null, null, null, "< 300 MB", first.PeakRssMb < 300, $"VmHWM of the vault's own process (the test host as a child process, Release; clients and baseline run in the bench process), reset before the upload; RSS before: {first.StartRssMb:0} MB, peak after the PATCHes: {first.PatchPeakRssMb:0} MB (the rest is completion); {process}"),
            new BenchRow($"API peak RSS during {largeLabel} upload", Math.Round(second.PeakRssMb), "MB", Math.Round(first.PeakRssMb), $"MB at {label}", Math.Round(second.PeakRssMb / first.PeakRssMb, 2), "< 300 MB, within 10 %", peak < 300 && spread <= 0.10,
                $"RSS before: {second.StartRssMb:0} MB, peak after the PATCHes: {second.PatchPeakRssMb:0} MB; {largeLabel} API upload at {second.Bytes / second.ApiSeconds / (1 << 20):0.0} MiB/s vs SDK {second.Bytes / second.SdkSeconds / (1 << 20):0.0} MiB/s"),
            new BenchRow($"1 MiB range at random offsets of a {label} recording, p50", Math.Round(first.RangeP50, 2), "ms", Math.Round(first.RawRangeP50, 2), "ms raw blob", Math.Round(rangeRatio, 2), "≤ 1.5", rangeRatio <= 1.5,
                $"{ranges} ranges via GET /api/recordings/{{id}}/stream (Range header, decrypting, playback audited) vs ranged DownloadStreaming of the same encrypted blob, interleaved, " +
                $"once the vault's JIT had settled (after {first.WarmUpRanges} warm-up ranges); " +
                $"the vault's process used {first.RangeCpuMs:0.00} ms of CPU per range (Azurite, the vault and the bench share the machine's cores)"),
            new BenchRow($"1 MiB range at random offsets of a {label} recording, p99", Math.Round(first.RangeP99, 2), "ms", Math.Round(first.RawRangeP99, 2), "ms raw blob", Math.Round(first.RangeP99 / first.RawRangeP99, 2), "—", null),
        ];
    }

    private static async Task<UploadResult> RunChildAsync(long bytes, int ranges, CancellationToken cancellationToken)
    {
        var self = Environment.ProcessPath!;
        int exitCode;
        var info = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        info.Environment["Logging__Console__LogLevel__Default"] = Environment.GetEnvironmentVariable("MEDIAVAULT_BENCH_LOG") ?? "None";
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(UploadFigure).Assembly.Location);
        }

        foreach (var arg in new[] { UploadRun.Flag, bytes.ToString(CultureInfo.InvariantCulture), ranges.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        // Azurite on disk: its memory store is capped at half the machine's memory, and a 4 GiB run holds the baseline,
        // the staging segments and the stored recording at once.
        var azuriteData = Path.Combine(BenchMedia.Folder, "azurite-" + Guid.NewGuid().ToString("N")[..12]);
        info.Environment[Azurite.LocationVariable] = azuriteData;
        string output;
        try
        {
            using var child = Process.Start(info) ?? throw new InvalidOperationException("the upload run did not start");
            output = await child.StandardOutput.ReadToEndAsync(cancellationToken);
            await child.WaitForExitAsync(cancellationToken);
            exitCode = child.ExitCode;
        }
        finally
        {
            if (Directory.Exists(azuriteData))
            {
                Directory.Delete(azuriteData, recursive: true);
            }
        }

        var line = output.Split('\n').LastOrDefault(l => l.StartsWith(UploadRun.ResultPrefix, StringComparison.Ordinal));
        if (exitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"the upload run for {bytes:N0} bytes failed ({exitCode}): {output}");
        }

        return JsonSerializer.Deserialize<UploadResult>(line[UploadRun.ResultPrefix.Length..], UploadRun.Json)!;
    }
}

public sealed record UploadResult(long Bytes, double SdkSeconds, double ApiSeconds, double CompleteSeconds, double StartRssMb, double PatchPeakRssMb, double PeakRssMb,
    double RangeP50, double RangeP99, double RawRangeP50, double RawRangeP99, int WarmUpRanges, double RangeCpuMs);
