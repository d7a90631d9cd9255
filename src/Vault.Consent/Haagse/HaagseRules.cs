using Vault.Consent.Gate;
using Vault.Consent.Gate.Rules;
using Vault.Consent.Registry;

namespace Vault.Consent.Haagse;

/// <summary>
/// The closed-environment rules of Art. 10.2 for the Haagse opleidingsscholen (OSH, NOD, 4OLS, HOS). They apply
/// where an opleidingsschool's settings switch them on (R6), never by school code.
/// </summary>
internal abstract class HaagseRule : IGateRule
{
    public abstract string Rule { get; }

    public bool AppliesTo(GatePolicy policy) => policy.ClosedEnvironmentRules;

    public abstract IEnumerable<GateReason> Evaluate(GateFacts facts);
}

/// <summary>R8: recordings only inside the closed environment; a file made on a device and uploaded later is not.</summary>
internal sealed class ClosedEnvironmentRule : HaagseRule
{
    public override string Rule => "R8";

    public override IEnumerable<GateReason> Evaluate(GateFacts facts)
    {
        if (facts.Question.Capture != CaptureMode.ClosedEnvironment)
        {
            yield return new GateReason(Rule, "closed-environment-only",
                "Bij deze opleidingsschool mogen opnames alleen in de besloten omgeving worden gemaakt: neem op met de opnameknop van de kluis, niet met een eigen telefoon of camera.",
                "At this opleidingsschool recordings may only be made in the closed environment: record with the vault's recorder, not with your own phone or camera.",
                []);
        }
    }
}

/// <summary>
/// R10: every present pupil needs a consent that was given (by a parent under 16, by the pupil or a parent from 16):
/// here the absence of a refusal is not enough. Pupils under 16 without a parent's consent are already named by R3.
/// </summary>
internal sealed class ConsentGivenRule : HaagseRule
{
    public override string Rule => "R10";

    public override IEnumerable<GateReason> Evaluate(GateFacts facts)
    {
        foreach (var medium in new[] { Medium.Beeld, Medium.Geluid })
        {
            var missing = facts.Present
                .Where(p => p.AgeOnRecordingDay >= 16 && facts.RecordedMedia(p).Any(m => m.Medium == medium && m.State == ConsentState.Ontbreekt))
                .Select(p => p.ToGatePupil())
                .ToList();
            if (missing.Count > 0)
            {
                yield return new GateReason(Rule, $"consent-not-given-{medium}",
                    $"Volgens de regeling van de school moet voor iedere aanwezige leerling toestemming voor {Medium.Dutch(medium)} gegeven zijn; voor deze leerlingen is niets vastgelegd.",
                    $"Under the school's regulation every pupil present must have given consent for {Medium.English(medium)}; nothing is recorded for these pupils.",
                    missing);
            }
        }
    }
}

/// <summary>R11: before recording, the student attests that all pupils present were informed, orally or in writing.</summary>
internal sealed class InformedRule : HaagseRule
{
    public override string Rule => "R11";

    public override IEnumerable<GateReason> Evaluate(GateFacts facts)
    {
        if (facts.Question.Informed is null || facts.InformedAttestedAt is not { } attested || attested > facts.Now)
        {
            yield return new GateReason(Rule, "pupils-not-informed",
                "Verklaar eerst dat u alle aanwezige leerlingen mondeling of schriftelijk hebt geïnformeerd over de opname.",
                "First declare that you informed all pupils present about the recording, orally or in writing.",
                []);
        }
    }
}

/// <summary>R12: the student has explicitly acknowledged the regulation 'Beeld- en Geluidsopnames' and its privacy statement.</summary>
internal sealed class RegulationRule : HaagseRule
{
    public override string Rule => "R12";

    public override IEnumerable<GateReason> Evaluate(GateFacts facts)
    {
        if (!facts.Placement.RegulationAcknowledged)
        {
            yield return new GateReason(Rule, "regulation-not-acknowledged",
                "U hebt de regeling 'Beeld- en Geluidsopnames' en de privacyverklaring nog niet expliciet erkend.",
                "You have not yet explicitly acknowledged the 'Beeld- en Geluidsopnames' regulation and privacy statement.",
                []);
        }
    }
}

/// <summary>R9: the viewer set of a recording here is fixed to the directly involved employees of the schoollocatie and the Instituut.</summary>
internal sealed class RestrictedViewersCondition : IGateCondition
{
    public bool AppliesTo(GatePolicy policy) => policy.ClosedEnvironmentRules;

    public string Condition => GateConditions.ViewersDirectlyInvolved;
}
