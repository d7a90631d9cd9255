using System.Globalization;
using System.Text.Json;
using Vault.Bench;
using Vault.Bench.Figures;

// MediaVault benchmarks: `dotnet run -c Release --project bench/Vault.Bench [-- --quick] [--only NAME]`.
// Every figure with a baseline is measured against it in the same run, so ratios hold on a noisy machine.
if (args.Length == 3 && args[0] == UploadRun.Flag)
{
    return await UploadRun.MainAsync(long.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), CancellationToken.None);
}

if (args.Length == 4 && args[0] == LoadRun.Flag)
{
    return await LoadRun.MainAsync(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture), CancellationToken.None);
}

var options = BenchOptions.Parse(args);
IBenchFigure[] figures =
[
    new UploadFigure(),
    new ConsentFigure(),
    new DestructionFigure(),
    new AuditQueryFigure(),
    new AuditChainFigure(),
    new LoadFigure(),
];

var rows = new List<BenchRow>();
var missing = new List<string>();
foreach (var figure in figures.Where(f => options.Only is null || f.Name == options.Only))
{
    Console.Error.WriteLine($"[bench] {figure.Name}{(options.Quick ? " (quick)" : "")} …");
    rows.AddRange(await figure.RunAsync(options, CancellationToken.None));
}

if (options.Only is not null && rows.Count == 0)
{
    missing.Add($"no figure named '{options.Only}' (figures: {string.Join(", ", figures.Select(f => f.Name))})");
}

Console.WriteLine();
Console.WriteLine($"{"figure",-58} {"value",16} {"baseline",16} {"ratio",7}  goal");
foreach (var row in rows)
{
    var value = $"{Number(row.Value)} {row.Unit}";
    var baseline = row.Baseline is { } b ? $"{Number(b)} {row.BaselineUnit}" : "—";
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
}, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
Console.Error.WriteLine($"[bench] results written to {options.Output}");
return 0;

static string Number(double value) => value.ToString(Math.Abs(value) < 100 ? "0.##" : "N0", CultureInfo.InvariantCulture);
