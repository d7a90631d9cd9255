using Vault.Retention.Ports;
using Vault.Shared.Time;

namespace Vault.Retention.Tests.Support;

/// <summary>Recordings' retention facts as the catalogue would report them.</summary>
public static class Recordings
{
    public static RetentionCandidate Recording(
        DateOnly recordedOn,
        DateOnly? assessedOn = null,
        Guid? placementId = null,
        bool placementEnded = false,
        DateTimeOffset? withdrawalDeadline = null,
        bool deletionRequested = false,
        Guid? studentId = null,
        Guid? ioId = null,
        Guid? schoolLocationId = null) =>
        new(
            Guid.NewGuid(),
            placementId ?? Guid.NewGuid(),
            studentId ?? Guid.NewGuid(),
            schoolLocationId ?? Guid.NewGuid(),
            Guid.NewGuid(),
            recordedOn,
            SchoolCalendar.FromAmsterdam(recordedOn, new TimeOnly(16, 0)),
            assessedOn is { } day ? SchoolCalendar.FromAmsterdam(day, new TimeOnly(12, 0)) : null,
            placementEnded,
            withdrawalDeadline,
            deletionRequested,
            [ioId ?? Guid.NewGuid()]);

    public static RetentionCandidate Assessed(this RetentionCandidate recording, DateOnly on) =>
        recording with { AssessmentDoneAt = SchoolCalendar.FromAmsterdam(on, new TimeOnly(12, 0)) };
}
