using Vault.Retention.Holds;
using Vault.Retention.Planning;
using Vault.Retention.Runs;
using Vault.Retention.Tests.Support;
using Vault.Shared.Time;
using Xunit;
using static Vault.Retention.Tests.Support.Recordings;

namespace Vault.Retention.Tests;

/// <summary>The rules of what goes when (R4, R7, R13, R16, R17), as a pure function.</summary>
public sealed class PlannerTests
{
    private static readonly DateTimeOffset RunMoment = SchoolCalendar.FromAmsterdam(new DateOnly(2027, 9, 15), new TimeOnly(2, 0));

    private static PlanLine Only(DestructionKind kind, Vault.Retention.Ports.RetentionCandidate c, params LegalHold[] holds) =>
        Assert.Single(DestructionPlanner.Plan(kind, [c], holds, RunMoment, 24));

    [Fact]
    public void The_yearly_run_destroys_a_recording_whose_assessment_is_done()
    {
        var line = Only(DestructionKind.Yearly, Recording(new DateOnly(2027, 3, 1), assessedOn: new DateOnly(2027, 6, 1)));
        Assert.True(line.Destroy);
        Assert.Equal(RetentionReasons.AssessmentDone, line.Reason);
    }

    [Fact]
    public void The_yearly_run_destroys_a_recording_of_an_ended_placement_with_its_assessment_done_R13()
    {
        var line = Only(DestructionKind.Yearly, Recording(new DateOnly(2027, 3, 1), assessedOn: new DateOnly(2027, 6, 1), placementEnded: true));
        Assert.True(line.Destroy);
        Assert.Equal(RetentionReasons.PlacementEndedAssessed, line.Reason);
    }

    [Fact]
    public void A_recording_still_being_assessed_is_kept_with_the_reason_R16()
    {
        var line = Only(DestructionKind.Yearly, Recording(new DateOnly(2027, 3, 1), placementEnded: true));
        Assert.False(line.Destroy);
        Assert.Equal(RetentionReasons.AssessmentPending, line.Reason);
    }

    [Fact]
    public void A_recording_over_the_maximum_age_is_left_for_the_privacy_officer_to_decide()
    {
        var line = Only(DestructionKind.Yearly, Recording(new DateOnly(2025, 9, 1)));
        Assert.False(line.Destroy);
        Assert.Equal(RetentionReasons.MaximumAgeExceeded, line.Reason);
    }

    [Fact]
    public void An_assessment_marked_done_after_the_run_moment_does_not_count_yet()
    {
        var line = Only(DestructionKind.Yearly, Recording(new DateOnly(2027, 3, 1), assessedOn: new DateOnly(2027, 9, 16)));
        Assert.False(line.Destroy);
    }

    [Fact]
    public void A_held_recording_is_never_destroyed_R17_whether_held_by_recording_or_by_placement()
    {
        var recording = Recording(new DateOnly(2027, 3, 1), assessedOn: new DateOnly(2027, 6, 1));
        var byRecording = Hold(HoldScope.Recording, recording.RecordingId, recording.PlacementId);
        var byPlacement = Hold(HoldScope.Placement, null, recording.PlacementId);
        var lifted = Hold(HoldScope.Placement, null, recording.PlacementId);
        lifted.LiftedAt = RunMoment.AddDays(-1);

        Assert.Equal(RetentionReasons.LegalHold, Only(DestructionKind.Yearly, recording, byRecording).Reason);
        Assert.Equal(RetentionReasons.LegalHold, Only(DestructionKind.Withdrawal, recording with { WithdrawalReviewDeadline = RunMoment.AddDays(-1) }, byPlacement).Reason);
        Assert.True(DestructionPlanner.Plan(DestructionKind.Yearly, [recording], [], RunMoment, 24).Single().Destroy);
        Assert.False(lifted.Covers(recording.RecordingId, recording.PlacementId));
    }

    [Fact]
    public void A_withdrawal_is_destroyed_only_after_its_review_deadline_R4()
    {
        var recording = Recording(new DateOnly(2027, 3, 1), withdrawalDeadline: RunMoment.AddHours(1));
        Assert.Equal(RetentionReasons.WithdrawalReviewPending, Only(DestructionKind.Withdrawal, recording).Reason);
        Assert.True(DestructionPlanner.Plan(DestructionKind.Withdrawal, [recording], [], RunMoment.AddHours(1), 24).Single().Destroy);
        Assert.Empty(DestructionPlanner.Plan(DestructionKind.Withdrawal, [Recording(new DateOnly(2027, 3, 1))], [], RunMoment, 24));
    }

    [Fact]
    public void A_student_deletion_destroys_before_assessment_but_not_after()
    {
        Assert.True(Only(DestructionKind.StudentDeletion, Recording(new DateOnly(2027, 3, 1), deletionRequested: true)).Destroy);
        var assessed = Only(DestructionKind.StudentDeletion, Recording(new DateOnly(2027, 3, 1), assessedOn: new DateOnly(2027, 4, 1), deletionRequested: true));
        Assert.False(assessed.Destroy);
        Assert.Equal(RetentionReasons.AlreadyAssessed, assessed.Reason);
    }

    [Fact]
    public void The_destruction_record_hash_is_SHA256_of_the_sorted_lowercase_ids_each_on_a_line()
    {
        var a = Guid.Parse("b0000000-0000-0000-0000-000000000002");
        var b = Guid.Parse("A0000000-0000-0000-0000-000000000001");
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes("a0000000-0000-0000-0000-000000000001\nb0000000-0000-0000-0000-000000000002\n")));
        Assert.Equal(expected, DestructionRecord.Hash([a, b]));
        Assert.Equal(expected, DestructionRecord.Hash([b, a]));
        Assert.NotEqual(expected, DestructionRecord.Hash([a]));
    }

    [Theory]
    [InlineData("2027-08-20", "2027-09-15")]
    [InlineData("2027-09-15", "2027-09-15")]
    [InlineData("2027-10-01", "2028-09-15")]
    public void The_next_yearly_run_is_the_configured_day_in_September(string today, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            new RetentionOptions().NextRunDate(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_service_wakes_at_the_run_time_in_Amsterdam_also_across_daylight_saving()
    {
        // 25 October 2026 03:00 summer time becomes 02:00 winter time; 02:00 Amsterdam on 26 October is 01:00 UTC.
        var now = SchoolCalendar.FromAmsterdam(new DateOnly(2026, 10, 25), new TimeOnly(10, 0));
        var wait = Scheduling.RetentionService.UntilNextWake(now, new TimeOnly(2, 0));
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 1, 0, 0, TimeSpan.Zero), now + wait);
    }

    private static LegalHold Hold(HoldScope scope, Guid? recordingId, Guid placementId) => new()
    {
        Id = Guid.NewGuid(), Scope = scope, RecordingId = recordingId, PlacementId = placementId, Reason = "geschil", PlacedByName = "FG", PlacedAt = RunMoment.AddDays(-10),
    };
}

/// <summary>R4/R6: the withdrawal review deadline the host stamps on a recording.</summary>
public sealed class WithdrawalDeadlineTests
{
    [Fact]
    public void The_review_deadline_counts_whole_Amsterdam_days_and_prefers_the_opleidingsschool_setting()
    {
        var options = new RetentionOptions { WithdrawalReviewDays = 14 };
        var marked = SchoolCalendar.FromAmsterdam(new DateOnly(2027, 10, 1), new TimeOnly(23, 30));

        Assert.Equal(SchoolCalendar.FromAmsterdam(new DateOnly(2027, 10, 16), TimeOnly.MinValue), options.WithdrawalReviewDeadline(marked));
        Assert.Equal(SchoolCalendar.FromAmsterdam(new DateOnly(2027, 10, 9), TimeOnly.MinValue), options.WithdrawalReviewDeadline(marked, 7));
    }
}
