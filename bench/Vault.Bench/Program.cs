using System.Globalization;
using System.Text.Json;
using Vault.Bench;
using Vault.Bench.Figures;

// MediaVault benchmarks: `dotnet run -c Release --project bench/Vault.Bench [-- --quick] [--only NAME]`.
// Every figure with a baseline is measured against it in the same run, so ratios hold on a noisy machine.
var options = BenchOptions.Parse(args);
IBenchFigure[] figures =
[
    new AuditChainFigure(),
];

var rows = new List<BenchRow>();
var missing = new List<string>();
foreach (var figure in figures.Where(f => options.Only is null || f.Name == options.Only))
{
    Console.Error.WriteLine($"[bench] {figure.Name}{(options.Quick ? " (quick)" : "")} …");
    rows.AddRange(await figure.RunAsync(options, CancellationToken.None));
}

string[] notYetMeasured =
[
    "API upload of a 1 GiB real video vs plain SDK upload",
    "API peak memory during 1 GiB and 4 GiB uploads",
    "1 MiB range at random offsets vs plain ranged read",
    "gate decision for a 35-pupil group (10k pupils / 100k consents)",
    "consent import, 2,000 rows, preview + apply",
    "destruction of 10,000 recordings vs raw SDK deletes",
    "audit query by pupil and by recording with 1M events",
];
missing.AddRange(notYetMeasured);

Console.WriteLine();
Console.WriteLine($"{"figure",-58} {"value",16} {"baseline",16} {"ratio",7}  goal");
foreach (var row in rows)
{
    var value = $"{row.Value.ToString("N0", CultureInfo.InvariantCulture)} {row.Unit}";
    var baseline = row.Baseline is { } b ? $"{b.ToString("N0", CultureInfo.InvariantCulture)} {row.BaselineUnit}" : "—";
    var ratio = row.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "—";
    var met = row.GoalMet switch { true => "met", false => "MISSED", null => "" };
    Console.WriteLine($"{row.Figure,-58} {value,16} {baseline,16} {ratio,7}  {row.Goal} {met}");
}

foreach (var name in missing)
{
    Console.WriteLine($"{name,-58} {"not measured yet",16}");
}

Directory.CreateDirectory(Path.GetDirectoryName(options.Output)!);
await File.WriteAllTextAsync(options.Output, JsonSerializer.Serialize(new
{
    machine = new { Environment.ProcessorCount, os = Environment.OSVersion.ToString(), runtime = Environment.Version.ToString() },
    quick = options.Quick,
    rows,
    notMeasured = missing,
}, new JsonSerializerOptions { WriteIndented = true }));
Console.Error.WriteLine($"[bench] results written to {options.Output}");
return 0;
