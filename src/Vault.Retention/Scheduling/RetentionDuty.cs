using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vault.Retention.Data;
using Vault.Retention.Notices;
using Vault.Retention.Runs;
using Vault.Shared.Time;

namespace Vault.Retention.Scheduling;

/// <summary>What the day's work did.</summary>
public sealed record DutyReport(DateOnly Today, DateOnly NextYearlyRun, bool PreviewPublished, IReadOnlyList<RunReport> Runs);

/// <summary>
/// The day's retention work, the same whether the service wakes or an operator asks: publish the preview when
/// the lead time is reached, run the yearly destruction on (or, if it was missed, after) the day in September,
/// and sweep withdrawals past their deadline, students' deletions and unfinished erasure requests every day.
/// </summary>
internal sealed class RetentionDuty(IRetentionDb db, DestructionRunner runner, PreviewPublisher previews, Erasure.ErasureExecution erasures, SchoolCalendar calendar, IOptions<RetentionOptions> options)
{
    public async Task<DutyReport> RunDueAsync(string startedBy, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var today = calendar.Today;
        var thisYearsRun = settings.RunDateIn(today.Year);
        var next = settings.NextRunDate(today);
        var published = false;
        var runs = new List<RunReport>();

        // The preview, weeks ahead (only once per run date).
        if (today < next && today >= next.AddDays(-7 * settings.PreviewLeadWeeks)
            && !await db.DestructionPlans.AnyAsync(p => p.RunDate == next, cancellationToken))
        {
            await previews.PublishAsync(next, cancellationToken);
            published = true;
        }

        // R7: the yearly run on its day; if the vault was down that day, as soon as it is up again.
        if (today >= thisYearsRun)
        {
            runs.Add(await runner.RunAsync(new RunRequest(DestructionKind.Yearly, thisYearsRun, startedBy), cancellationToken));
        }

        runs.Add(await runner.RunAsync(new RunRequest(DestructionKind.Withdrawal, today, startedBy), cancellationToken));
        runs.Add(await runner.RunAsync(new RunRequest(DestructionKind.StudentDeletion, today, startedBy), cancellationToken));

        // AVG art. 17: erasures are destroyed as soon as they are handed over; this catches any a crash left behind.
        await erasures.RunPendingAsync(startedBy, cancellationToken);
        return new DutyReport(today, next, published, runs);
    }
}
