using System.Diagnostics;
using System.Text.Json;
using Vault.Testing;
using Xunit;

namespace Vault.Bench.Tests;

/// <summary>
/// The benchmark in --quick mode runs end to end against real Azurite, ffmpeg media and the vault on 127.0.0.1, and
/// reports every figure. No timing is asserted: the numbers belong to the machine, the rows belong to the bench.
/// Part of the normal test run: the quick bench takes about 1½ minutes on a quiet 2-core machine (longer while the
/// other test projects run beside it; the run is bounded at 6 minutes).
/// </summary>
public sealed class BenchQuickTests
{
    private static readonly string[] Figures =
    [
        "API upload of a",
        "API peak RSS during 32 MiB upload",
        "API peak RSS during 96 MiB upload",
        "1 MiB range at random offsets of a 32 MiB recording, p50",
        "1 MiB range at random offsets of a 32 MiB recording, p99",
        "consent import, 2,000 rows, preview + apply",
        "gate decision, 35-pupil group",
        "destruction of",
        "audit query by pupil",
        "audit query by recording",
        "audit chain verification",
    ];

    [Fact]
    public async Task The_quick_bench_prints_and_writes_every_figure_with_its_baseline()
    {
        var output = Path.Combine(Path.GetTempPath(), "mediavault-tests", "bench-" + Guid.NewGuid().ToString("N") + ".json");
        var bench = Path.Combine(AppContext.BaseDirectory.Replace("tests/Vault.Bench.Tests", "bench/Vault.Bench", StringComparison.Ordinal), "Vault.Bench.dll");
        Assert.True(File.Exists(bench), $"the bench is built with the tests: {bench}");

        var (exit, stdout) = await RunAsync(bench, "--quick", "--out", output);

        Assert.True(exit == 0, stdout);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.True(json.RootElement.GetProperty("quick").GetBoolean());
        Assert.Empty(json.RootElement.GetProperty("notMeasured").EnumerateArray());
        foreach (var figure in Figures)
        {
            var matching = rows.Where(r => r.GetProperty("Figure").GetString()!.StartsWith(figure, StringComparison.Ordinal)).ToList();
            Assert.True(matching.Count > 0, $"'{figure}' is reported:\n{stdout}");
            foreach (var row in matching)
            {
                Assert.Contains(row.GetProperty("Figure").GetString()!, stdout, StringComparison.Ordinal);
                Assert.True(row.GetProperty("Value").GetDouble() > 0, $"{row.GetProperty("Figure").GetString()} has a measured value");
            }
        }

        // Ratios are only meaningful with a baseline from the same run.
        Assert.All(rows.Where(r => r.GetProperty("Ratio").ValueKind == JsonValueKind.Number), r => Assert.True(r.GetProperty("Baseline").GetDouble() > 0));
        File.Delete(output);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string bench, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepositoryRoot.Path };
        info.ArgumentList.Add(bench);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(6));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + "\n" + await stderr);
    }
}
