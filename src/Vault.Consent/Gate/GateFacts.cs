using Vault.Consent.Registry;

namespace Vault.Consent.Gate;

/// <summary>
/// The student's question: "I want to record (or have recorded) this lesson". The pupils present default to the
/// whole group on that day; the student marks who was absent.
/// </summary>
public sealed record GateQuestion(
    Guid PlacementId,
    Guid StudentId,
    Guid GroupId,
    DateTimeOffset RecordingAt,
    IReadOnlyList<Guid> AbsentPupilIds,
    RecordingMedia Media,
    RecordingPurpose Purpose,
    CaptureMode Capture,
    InformedHow? Informed);

/// <summary>A pupil present at the recording, with their age and consent on the recording day.</summary>
public sealed record PresentPupil(Guid Id, string Name, DateOnly BirthDate, int AgeOnRecordingDay, MediaConsent Consent)
{
    public GatePupil ToGatePupil() => new(Id, Name);
}

/// <summary>The snapshot the rules decide on: no rule touches the database.</summary>
public sealed record GateFacts(
    GateQuestion Question,
    PlacementFacts Placement,
    DateOnly RecordingDay,
    DateTimeOffset Now,
    DateTimeOffset? InformedAttestedAt,
    IReadOnlyList<PresentPupil> Present)
{
    public bool RecordsImage => Question.Media == RecordingMedia.BeeldEnGeluid;

    /// <summary>The media recorded, with the consent state of each for a pupil.</summary>
    public IEnumerable<(string Medium, ConsentState State)> RecordedMedia(PresentPupil pupil)
    {
        if (RecordsImage)
        {
            yield return (Medium.Beeld, pupil.Consent.Beeld);
        }

        yield return (Medium.Geluid, pupil.Consent.Geluid);
    }
}

/// <summary>The media's names as they appear in reasons and in the withdrawal listener.</summary>
public static class Medium
{
    public const string Beeld = "beeld";
    public const string Geluid = "geluid";

    /// <summary>Both media (a withdrawal of image and sound), as passed to <see cref="IConsentWithdrawalListener"/>.</summary>
    public const string BeeldEnGeluid = "beeld+geluid";

    public static string Dutch(string medium) => medium == Beeld ? "beeld" : "geluid";

    public static string English(string medium) => medium == Beeld ? "image" : "sound";
}
