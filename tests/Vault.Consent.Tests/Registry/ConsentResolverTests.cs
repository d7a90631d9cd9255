using Vault.Consent.Registry;
using Xunit;

namespace Vault.Consent.Tests.Registry;

public sealed class ConsentResolverTests
{
    private static readonly DateOnly Birth = new(2010, 12, 1);
    private static int sequence;

    private static ConsentRecord Record(DateOnly on, MediumDecision beeld, MediumDecision geluid, ConsentGiver by = ConsentGiver.Ouder) => new()
    {
        Id = Guid.NewGuid(), PupilId = Guid.Empty, SchoolYear = 2026, Beeld = beeld, Geluid = geluid, GivenBy = by, GivenOn = on, InformedOn = on,
        RecordedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(Interlocked.Increment(ref sequence)),
    };

    [Fact]
    public void The_record_in_force_is_the_latest_given_on_or_before_the_day()
    {
        var first = Record(new(2026, 9, 1), MediumDecision.Gegeven, MediumDecision.Gegeven);
        var change = Record(new(2026, 10, 1), MediumDecision.Geweigerd, MediumDecision.Gegeven);

        Assert.Null(ConsentResolver.InForce([first, change], new(2026, 8, 31)));
        Assert.Same(first, ConsentResolver.InForce([first, change], new(2026, 9, 30)));
        Assert.Same(change, ConsentResolver.InForce([first, change], new(2026, 10, 1)));
    }

    [Fact]
    public void A_parents_consent_given_before_the_16th_birthday_still_counts_after_it()
    {
        var parent = Record(new(2026, 9, 1), MediumDecision.Gegeven, MediumDecision.Gegeven);

        var state = ConsentResolver.StateOn([parent], Birth, new(2026, 12, 2));

        Assert.Equal(new MediaConsent(ConsentState.Gegeven, ConsentState.Gegeven), state);
    }

    [Fact]
    public void The_pupils_own_refusal_at_16_wins_over_a_later_parents_consent()
    {
        var own = Record(new(2026, 12, 1), MediumDecision.Geweigerd, MediumDecision.Gegeven, ConsentGiver.Leerling);
        var parent = Record(new(2026, 12, 5), MediumDecision.Gegeven, MediumDecision.Gegeven);

        var state = ConsentResolver.StateOn([own, parent], Birth, new(2026, 12, 10));

        Assert.Equal(ConsentState.Geweigerd, state.Beeld);
        Assert.Equal(ConsentState.Gegeven, state.Geluid);
    }

    [Fact]
    public void A_withdrawal_after_the_recording_day_refuses_the_recording()
    {
        var given = Record(new(2026, 9, 1), MediumDecision.Gegeven, MediumDecision.Gegeven);
        var withdrawn = Record(new(2026, 11, 20), MediumDecision.Gegeven, MediumDecision.Geweigerd);

        var state = ConsentResolver.ForRecording([given, withdrawn], Birth, new(2026, 11, 10), new(2026, 11, 23));

        Assert.Equal(ConsentState.Geweigerd, state.Geluid);
        Assert.Equal(ConsentState.Gegeven, state.Beeld);
    }

    [Fact]
    public void A_consent_given_after_the_recording_day_does_not_cover_it()
    {
        var late = Record(new(2026, 11, 20), MediumDecision.Gegeven, MediumDecision.Gegeven);

        var state = ConsentResolver.ForRecording([late], Birth, new(2026, 11, 10), new(2026, 11, 23));

        Assert.Equal(MediaConsent.Missing, state);
    }
}
