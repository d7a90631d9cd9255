using System.Globalization;
using Microsoft.Extensions.Options;
using Vault.Retention.Notices;
using Vault.Retention.Planning;
using Vault.Retention.Runs;
using Vault.Shared.Commands;
using Vault.Shared.Time;

namespace Vault.Retention.Commands;

/// <summary><c>retention plan [--publish]</c>: what the next yearly run will destroy and keep, and why.</summary>
internal sealed class RetentionPlanCommand(DestructionRunner runner, PreviewPublisher previews, SchoolCalendar calendar, IOptions<RetentionOptions> settings) : IVaultCommand
{
    public IReadOnlyList<string> Words { get; } = ["retention", "plan"];

    public string Description => "Toon het plan van de jaarlijkse vernietiging (--publish: publiceer het voorbericht) / Show the yearly destruction plan";

    public async Task<int> RunAsync(IReadOnlyList<string> options, TextWriter output, CancellationToken cancellationToken)
    {
        var unknown = options.Where(o => o is not "--publish").ToList();
        if (unknown.Count > 0)
        {
            await output.WriteLineAsync($"Onbekende optie / unknown option: {string.Join(' ', unknown)}");
            return 64;
        }

        var runDate = settings.Value.NextRunDate(calendar.Today);
        if (options.Contains("--publish"))
        {
            var plan = await previews.PublishAsync(runDate, cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Voorbericht / preview {plan.Id} for {runDate:yyyy-MM-dd}: {plan.ToDestroyCount} to destroy, {plan.ToKeepCount} kept"));
            return 0;
        }

        var lines = await runner.PlanAsync(DestructionKind.Yearly, null, cancellationToken);
        await RetentionOutput.WriteLinesAsync(output, runDate, lines);
        return 0;
    }
}

/// <summary><c>retention run [--dry-run] [--kind yearly|withdrawal|student-deletion]</c>: run a destruction by hand.</summary>
internal sealed class RetentionRunCommand(DestructionRunner runner, SchoolCalendar calendar, IOptions<RetentionOptions> settings) : IVaultCommand
{
    public IReadOnlyList<string> Words { get; } = ["retention", "run"];

    public string Description => "Voer de vernietiging uit (--dry-run, --kind yearly|withdrawal|student-deletion) / Run the destruction";

    public async Task<int> RunAsync(IReadOnlyList<string> options, TextWriter output, CancellationToken cancellationToken)
    {
        var dryRun = false;
        var kind = DestructionKind.Yearly;
        for (var i = 0; i < options.Count; i++)
        {
            switch (options[i])
            {
                case "--dry-run":
                    dryRun = true;
                    break;
                case "--kind" when i + 1 < options.Count && ParseKind(options[i + 1]) is { } parsed:
                    kind = parsed;
                    i++;
                    break;
                default:
                    await output.WriteLineAsync($"Onbekende optie / unknown option: {options[i]}");
                    return 64;
            }
        }

        var today = calendar.Today;
        var runDate = kind == DestructionKind.Yearly ? settings.Value.RunDateIn(today.Year) : today;
        if (kind == DestructionKind.Yearly && today < runDate && !dryRun)
        {
            // R7: destruction happens once a year, in September; not earlier by hand.
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"De jaarlijkse vernietiging is pas op {runDate:yyyy-MM-dd} (R7) / The yearly run is not due until {runDate:yyyy-MM-dd}"));
            return 3;
        }

        var report = await runner.RunAsync(new RunRequest(kind, runDate, "operator", dryRun), cancellationToken);
        if (dryRun)
        {
            await RetentionOutput.WriteLinesAsync(output, runDate, report.Lines);
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{report.Key}: {report.Outcome}; planned {report.Planned}, destroyed {report.Destroyed} (now {report.DestroyedNow}), skipped {report.Skipped}, failed {report.Failed}; list sha256 {report.ListSha256}{(report.Note is null ? "" : "; " + report.Note)}"));
        return report.Outcome switch
        {
            RunOutcome.Incomplete => 1,
            RunOutcome.LeaseHeldElsewhere => 75,
            _ => 0,
        };
    }

    private static DestructionKind? ParseKind(string text) => text switch
    {
        "yearly" => DestructionKind.Yearly,
        "withdrawal" => DestructionKind.Withdrawal,
        "student-deletion" => DestructionKind.StudentDeletion,
        _ => null,
    };
}

internal static class RetentionOutput
{
    public static async Task WriteLinesAsync(TextWriter output, DateOnly runDate, IReadOnlyList<PlanLine> lines)
    {
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Plan voor / plan for {runDate:yyyy-MM-dd}: {lines.Count(l => l.Destroy)} vernietigen / destroy, {lines.Count(l => !l.Destroy)} bewaren / keep"));
        foreach (var line in lines)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{(line.Destroy ? "DESTROY" : "KEEP   ")} {line.Candidate.RecordingId:D} placement {line.Candidate.PlacementId:D} recorded {line.Candidate.RecordedOn:yyyy-MM-dd} {line.Reason}"));
        }
    }
}
