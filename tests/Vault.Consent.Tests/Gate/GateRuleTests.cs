using Microsoft.Extensions.DependencyInjection;
using Vault.Consent.Gate;
using Vault.Consent.Registry;
using Xunit;
using static Vault.Consent.Registry.ConsentState;

namespace Vault.Consent.Tests.Gate;

/// <summary>
/// Table-driven tests of every gate rule through the engine as the module registers it: each refusal case names the
/// reason (rule and code) that must appear, so removing a rule fails its cases.
/// </summary>
public sealed class GateRuleTests
{
    private static readonly DateOnly Day = new(2026, 11, 23);
    private static readonly GatePolicy General = GatePolicy.General;
    private static readonly GatePolicy Haagse = new(true, 2, true, 14);

    private static readonly GateEngine Engine = new ServiceCollection().AddConsent().BuildServiceProvider().GetRequiredService<GateEngine>();

    public sealed record Case(string Name, GatePolicy Policy, RecordingMedia Media, CaptureMode Capture, PresentPupil[] Pupils, bool Informed = true, bool RegulationAcknowledged = true, GateReason[]? Eligibility = null)
    {
        public override string ToString() => Name;
    }

    private static PresentPupil Pupil(int age, ConsentState beeld, ConsentState geluid, string name = "Sam") =>
        new(Guid.NewGuid(), name, Day.AddYears(-age).AddDays(-40), age, new MediaConsent(beeld, geluid));

    private static GateFacts Facts(Case c)
    {
        var placement = new PlacementFacts(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "X", PlacementKindFact.Werkplekleren, c.Policy, c.Eligibility ?? [], c.RegulationAcknowledged);
        var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var question = new GateQuestion(placement.PlacementId, placement.StudentId, Guid.NewGuid(), now, [], c.Media, RecordingPurpose.Beoordeling, c.Capture, c.Informed ? InformedHow.Mondeling : null);
        return new GateFacts(question, placement, Day, now, c.Informed ? now.AddMinutes(-1) : null, c.Pupils);
    }

    public static TheoryData<Case, string> Refusals => new()
    {
        { new Case("R1 no akkoord", General, RecordingMedia.BeeldEnGeluid, CaptureMode.DeviceFile, [Pupil(12, Gegeven, Gegeven)], Eligibility: [new("R1", "no-akkoord", "-", "-", [])]), "R1:no-akkoord" },
        { new Case("R15 placement ended", General, RecordingMedia.BeeldEnGeluid, CaptureMode.DeviceFile, [Pupil(12, Gegeven, Gegeven)], Eligibility: [new("R15", "placement-ended", "-", "-", [])]), "R15:placement-ended" },
        { new Case("R3 under 16 without image consent", General, RecordingMedia.BeeldEnGeluid, CaptureMode.DeviceFile, [Pupil(12, Ontbreekt, Gegeven)]), "R3:no-parental-consent-beeld" },
        { new Case("R3 under 16 without sound consent, sound only", General, RecordingMedia.AlleenGeluid, CaptureMode.DeviceFile, [Pupil(15, Gegeven, Ontbreekt)]), "R3:no-parental-consent-geluid" },
        { new Case("R4 image refused", General, RecordingMedia.BeeldEnGeluid, CaptureMode.DeviceFile, [Pupil(12, Geweigerd, Gegeven)]), "R4:refused-beeld" },
        { new Case("R4 sound refused by a pupil of 17", General, RecordingMedia.BeeldEnGeluid, CaptureMode.DeviceFile, [Pupil(17, Gegeven, Geweigerd)]), "R4:refused-geluid" },
        { new Case("R4 sound refused, sound only", General, RecordingMedia.AlleenGeluid, CaptureMode.DeviceFile, [Pupil(12, Gegeven, Geweigerd)]), "R4:refused-geluid" },
        { new Case("R5 image refused, sound allowed: offer sound only", General, RecordingMedia.BeeldEnGeluid, CaptureMode.DeviceFile, [Pupil(12, Geweigerd, Gegeven), Pupil(13, Gegeven, Gegeven)]), "R5:sound-only-possible" },
        { new Case("R8 Haagse device file", Haagse, RecordingMedia.BeeldEnGeluid, CaptureMode.DeviceFile, [Pupil(12, Gegeven, Gegeven)]), "R8:closed-environment-only" },
        { new Case("R10 Haagse pupil of 16 without given consent", Haagse, RecordingMedia.BeeldEnGeluid, CaptureMode.ClosedEnvironment, [Pupil(16, Ontbreekt, Gegeven)]), "R10:consent-not-given-beeld" },
        { new Case("R11 Haagse pupils not informed", Haagse, RecordingMedia.BeeldEnGeluid, CaptureMode.ClosedEnvironment, [Pupil(12, Gegeven, Gegeven)], Informed: false), "R11:pupils-not-informed" },
        { new Case("R12 Haagse regulation not acknowledged", Haagse, RecordingMedia.BeeldEnGeluid, CaptureMode.ClosedEnvironment, [Pupil(12, Gegeven, Gegeven)], RegulationAcknowledged: false), "R12:regulation-not-acknowledged" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_recording_is_refused_with_the_rules_reason(Case c, string expected)
    {
        var outcome = Engine.Decide(Facts(c));

        Assert.False(outcome.Allowed);
        Assert.Contains(expected, outcome.Reasons.Select(r => $"{r.Rule}:{r.Code}"));
    }

    public static TheoryData<Case> Allowed => new()
    {
        new Case("all consents given", General, RecordingMedia.BeeldEnGeluid, CaptureMode.DeviceFile, [Pupil(12, Gegeven, Gegeven), Pupil(14, Gegeven, Gegeven)]),
        new Case("R4 general: a pupil of 16 who did not refuse needs no recorded consent", General, RecordingMedia.BeeldEnGeluid, CaptureMode.DeviceFile, [Pupil(16, Ontbreekt, Ontbreekt)]),
        new Case("R5 sound only with an image refusal", General, RecordingMedia.AlleenGeluid, CaptureMode.DeviceFile, [Pupil(12, Geweigerd, Gegeven)]),
        new Case("R8 general: device file accepted", General, RecordingMedia.BeeldEnGeluid, CaptureMode.DeviceFile, [Pupil(12, Gegeven, Gegeven)], Informed: false, RegulationAcknowledged: false),
        new Case("Haagse: closed environment, informed, consent given", Haagse, RecordingMedia.BeeldEnGeluid, CaptureMode.ClosedEnvironment, [Pupil(12, Gegeven, Gegeven), Pupil(17, Gegeven, Gegeven)]),
        new Case("empty class", General, RecordingMedia.BeeldEnGeluid, CaptureMode.DeviceFile, []),
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void A_recording_is_allowed(Case c)
    {
        var outcome = Engine.Decide(Facts(c));

        Assert.True(outcome.Allowed, string.Join("; ", outcome.Reasons.Select(r => $"{r.Rule}:{r.Code}")));
        Assert.Empty(outcome.Reasons);
    }

    [Fact]
    public void Pupil_reasons_name_exactly_the_pupils_concerned()
    {
        var refused = Pupil(12, Geweigerd, Gegeven, "Ayla");
        var missing = Pupil(11, Gegeven, Ontbreekt, "Bram");
        var fine = Pupil(12, Gegeven, Gegeven, "Chris");

        var outcome = Engine.Decide(Facts(new("mixed", General, RecordingMedia.BeeldEnGeluid, CaptureMode.DeviceFile, [refused, missing, fine])));

        Assert.Equal([refused.Id], outcome.Reasons.Single(r => r.Code == "refused-beeld").Pupils.Select(p => p.PupilId));
        Assert.Equal([missing.Id], outcome.Reasons.Single(r => r.Code == "no-parental-consent-geluid").Pupils.Select(p => p.PupilId));
        Assert.Equal("Bram", outcome.Reasons.Single(r => r.Code == "no-parental-consent-geluid").Pupils.Single().Name);
        Assert.DoesNotContain(outcome.Reasons, r => r.Rule == "R5");
    }

    [Fact]
    public void R5_no_sound_only_offer_when_the_opleidingsschool_switched_it_off()
    {
        var policy = General with { OfferSoundOnlyFallback = false };

        var outcome = Engine.Decide(Facts(new("off", policy, RecordingMedia.BeeldEnGeluid, CaptureMode.DeviceFile, [Pupil(12, Geweigerd, Gegeven)])));

        Assert.False(outcome.SoundOnlyOffered);
        Assert.DoesNotContain(outcome.Reasons, r => r.Rule == "R5");
    }

    [Fact]
    public void R5_no_sound_only_offer_when_sound_is_blocked_too()
    {
        var outcome = Engine.Decide(Facts(new("both", General, RecordingMedia.BeeldEnGeluid, CaptureMode.DeviceFile, [Pupil(12, Geweigerd, Gegeven), Pupil(12, Gegeven, Geweigerd)])));

        Assert.False(outcome.SoundOnlyOffered);
    }

    [Fact]
    public void R6_the_haagse_rules_apply_by_setting_and_not_by_school_code()
    {
        var general = Engine.Decide(Facts(new("general", General, RecordingMedia.BeeldEnGeluid, CaptureMode.DeviceFile, [])));
        var haagse = Engine.Decide(Facts(new("haagse", Haagse, RecordingMedia.BeeldEnGeluid, CaptureMode.DeviceFile, [])));

        Assert.DoesNotContain("R8", general.RulesApplied);
        Assert.Contains("R8", haagse.RulesApplied);
        Assert.Contains(haagse.Reasons, r => r.Rule == "R8");
        Assert.Empty(general.Conditions);
        Assert.Equal([GateConditions.ViewersDirectlyInvolved], haagse.Conditions);
    }
}
