using Vault.Shared.Time;

namespace Vault.Consent.Registry;

/// <summary>A pupil's consent for one medium as the gate sees it.</summary>
public enum ConsentState
{
    /// <summary>No recorded decision: for a pupil under 16 this means no (R3).</summary>
    Ontbreekt = 0,
    Gegeven = 1,
    Geweigerd = 2,
}

public sealed record MediaConsent(ConsentState Beeld, ConsentState Geluid)
{
    public static readonly MediaConsent Missing = new(ConsentState.Ontbreekt, ConsentState.Ontbreekt);
}

/// <summary>
/// Which consent is in force: the append-only history of one pupil in one school year read at a day.
/// R3/R4: the latest record given on or before the day counts; a pupil of 16 or older who decided for themselves
/// and refused wins over a parent's consent, while a parent's consent given before the 16th birthday still counts
/// until the pupil decides otherwise. Refusals always win.
/// </summary>
public static class ConsentResolver
{
    /// <summary>The record in force on <paramref name="day"/> (the latest given on or before it), if any.</summary>
    public static ConsentRecord? InForce(IEnumerable<ConsentRecord> history, DateOnly day) =>
        history.Where(r => r.GivenOn <= day)
            .OrderByDescending(r => r.GivenOn).ThenByDescending(r => r.RecordedAt).ThenByDescending(r => r.Id)
            .FirstOrDefault();

    public static MediaConsent StateOn(IReadOnlyCollection<ConsentRecord> history, DateOnly birthDate, DateOnly day)
    {
        var latest = InForce(history, day);
        if (latest is null)
        {
            return MediaConsent.Missing;
        }

        var state = new MediaConsent(ToState(latest.Beeld), ToState(latest.Geluid));
        if (SchoolCalendar.AgeOn(birthDate, day) >= 16 && InForce(history.Where(r => r.GivenBy == ConsentGiver.Leerling), day) is { } own)
        {
            // R4: the pupil's own refusal wins over a parent's (later) consent.
            state = new MediaConsent(
                own.Beeld == MediumDecision.Geweigerd ? ConsentState.Geweigerd : state.Beeld,
                own.Geluid == MediumDecision.Geweigerd ? ConsentState.Geweigerd : state.Geluid);
        }

        return state;
    }

    /// <summary>
    /// The state for a recording made on <paramref name="recordingDay"/> and judged on <paramref name="today"/>:
    /// consent must have been in force on the recording day and must not have been withdrawn since.
    /// </summary>
    public static MediaConsent ForRecording(IReadOnlyCollection<ConsentRecord> history, DateOnly birthDate, DateOnly recordingDay, DateOnly today)
    {
        var then = StateOn(history, birthDate, recordingDay);
        if (today <= recordingDay)
        {
            return then;
        }

        var now = StateOn(history, birthDate, today);
        return new MediaConsent(Combine(then.Beeld, now.Beeld), Combine(then.Geluid, now.Geluid));
    }

    private static ConsentState Combine(ConsentState then, ConsentState now) =>
        then == ConsentState.Geweigerd || now == ConsentState.Geweigerd ? ConsentState.Geweigerd
        : then == ConsentState.Gegeven && now == ConsentState.Gegeven ? ConsentState.Gegeven
        : ConsentState.Ontbreekt;

    private static ConsentState ToState(MediumDecision decision) =>
        decision == MediumDecision.Gegeven ? ConsentState.Gegeven : ConsentState.Geweigerd;
}
