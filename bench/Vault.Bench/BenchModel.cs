using System.Diagnostics;

namespace Vault.Bench;

/// <summary>One line of the results table: a figure, its baseline measured in the same run, and the goal.</summary>
public sealed record BenchRow(string Figure, double Value, string Unit, double? Baseline, string? BaselineUnit, double? Ratio, string Goal, bool? GoalMet, string? Note = null);

public sealed class BenchOptions
{
    public bool Quick { get; init; }

    public string? Only { get; init; }

    public string Output { get; init; } = Path.Combine(Vault.Testing.RepositoryRoot.Path, "bench", "results", "latest.json");

    public static BenchOptions Parse(string[] args) => new()
    {
        Quick = args.Contains("--quick"),
        Only = Value(args, "--only"),
        Output = Value(args, "--out") ?? new BenchOptions().Output,
    };

    private static string? Value(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}

/// <summary>A group of figures measured together.</summary>
public interface IBenchFigure
{
    string Name { get; }

    Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, CancellationToken cancellationToken);
}

public static class Stats
{
    public static double Percentile(IReadOnlyList<double> samples, double p)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var rank = p / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }

    public static async Task<double> TimeAsync(Func<Task> work)
    {
        var watch = Stopwatch.StartNew();
        await work();
        return watch.Elapsed.TotalMilliseconds;
    }
}
