using System.ComponentModel.DataAnnotations;

namespace Vault.Retention;

/// <summary>The configuration section <c>Vault:Retention</c>.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Vault:Retention";

    /// <summary>R7: the day in September of the yearly run (Europe/Amsterdam).</summary>
    [Range(1, 30)]
    public int RunDayInSeptember { get; set; } = 15;

    /// <summary>The time of day (Amsterdam) at which the service does the day's work.</summary>
    public TimeOnly RunTime { get; set; } = new(2, 0);

    /// <summary>How many weeks before the yearly run the preview is published and the people concerned are told.</summary>
    [Range(1, 12)]
    public int PreviewLeadWeeks { get; set; } = 4;

    /// <summary>R4: days after a consent withdrawal to redact or destroy, where the opleidingsschool sets none.</summary>
    [Range(1, 90)]
    public int WithdrawalReviewDays { get; set; } = 14;

    /// <summary>Months after recording after which a recording still not assessed is reported for the privacy officer to decide.</summary>
    [Range(1, 120)]
    public int MaximumAgeMonths { get; set; } = 24;

    /// <summary>Run the daily background service (the operator commands work either way).</summary>
    public bool ScheduleEnabled { get; set; } = true;

    public LeaseOptions Lease { get; set; } = new();

    /// <summary>How many storage calls (blob listings and deletes) a batch makes at once.</summary>
    [Range(1, 256)]
    public int DegreeOfParallelism { get; set; } = 16;

    /// <summary>How many recordings are destroyed (keys and rows in one transaction) and written to the run's bookkeeping (one more transaction) at once.</summary>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// R4: the moment by which a recording marked for review after a consent withdrawal must be redacted or is
    /// destroyed: the opleidingsschool's own number of days (R6) or else <see cref="WithdrawalReviewDays"/>, counted
    /// in Amsterdam days and ending at the start of the following day. The host stamps it on the recording.
    /// </summary>
    public DateTimeOffset WithdrawalReviewDeadline(DateTimeOffset markedAt, int? opleidingsschoolDays = null)
    {
        var days = opleidingsschoolDays is > 0 ? opleidingsschoolDays.Value : WithdrawalReviewDays;
        var lastDay = Vault.Shared.Time.SchoolCalendar.DateInAmsterdam(markedAt).AddDays(days);
        return Vault.Shared.Time.SchoolCalendar.FromAmsterdam(lastDay.AddDays(1), TimeOnly.MinValue);
    }

    public DateOnly RunDateIn(int year) => new(year, 9, RunDayInSeptember);

    /// <summary>The yearly run on or after <paramref name="today"/>.</summary>
    public DateOnly NextRunDate(DateOnly today) => today <= RunDateIn(today.Year) ? RunDateIn(today.Year) : RunDateIn(today.Year + 1);
}

public sealed class LeaseOptions
{
    /// <summary>How long a lease lasts without renewal: a crashed instance's lease expires after this.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a second instance waits for the lease before it skips (zero: skip at once).</summary>
    public TimeSpan Wait { get; set; } = TimeSpan.Zero;

    /// <summary>How often a waiting instance tries again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);
}
