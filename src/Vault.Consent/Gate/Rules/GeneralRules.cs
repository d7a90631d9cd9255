using Vault.Consent.Registry;

namespace Vault.Consent.Gate.Rules;

/// <summary>R1: a valid akkoord on the agreement in force for the placement's kind (tripartite for werkend leren).</summary>
internal sealed class AgreementRule : IGateRule
{
    public string Rule => "R1";

    public bool AppliesTo(GatePolicy policy) => true;

    public IEnumerable<GateReason> Evaluate(GateFacts facts) => facts.Placement.EligibilityReasons.Where(r => r.Rule == Rule);
}

/// <summary>R15: the placement is active on the recording day and the uploader is its student.</summary>
internal sealed class ActivePlacementRule : IGateRule
{
    public string Rule => "R15";

    public bool AppliesTo(GatePolicy policy) => true;

    public IEnumerable<GateReason> Evaluate(GateFacts facts) => facts.Placement.EligibilityReasons.Where(r => r.Rule == Rule);
}

/// <summary>R3: every present pupil under 16 on the recording day has a parent's consent in force for each medium recorded.</summary>
internal sealed class ParentalConsentRule : IGateRule
{
    public string Rule => "R3";

    public bool AppliesTo(GatePolicy policy) => true;

    public IEnumerable<GateReason> Evaluate(GateFacts facts)
    {
        foreach (var medium in new[] { Medium.Beeld, Medium.Geluid })
        {
            var missing = facts.Present
                .Where(p => p.AgeOnRecordingDay < 16 && facts.RecordedMedia(p).Any(m => m.Medium == medium && m.State == ConsentState.Ontbreekt))
                .Select(p => p.ToGatePupil())
                .ToList();
            if (missing.Count > 0)
            {
                yield return new GateReason(Rule, $"no-parental-consent-{medium}",
                    $"Voor deze leerlingen jonger dan 16 is geen toestemming van een ouder voor {Medium.Dutch(medium)} geregistreerd; zonder uitdrukkelijk 'ja' geen opname.",
                    $"No parental consent for {Medium.English(medium)} is recorded for these pupils under 16; without an explicit 'yes' there is no recording.",
                    missing);
            }
        }
    }
}

/// <summary>R4: no present pupil (or their parent) refused or withdrew a medium that is recorded.</summary>
internal sealed class RefusalRule : IGateRule
{
    public string Rule => "R4";

    public bool AppliesTo(GatePolicy policy) => true;

    public IEnumerable<GateReason> Evaluate(GateFacts facts)
    {
        foreach (var medium in new[] { Medium.Beeld, Medium.Geluid })
        {
            var refused = facts.Present
                .Where(p => facts.RecordedMedia(p).Any(m => m.Medium == medium && m.State == ConsentState.Geweigerd))
                .Select(p => p.ToGatePupil())
                .ToList();
            if (refused.Count > 0)
            {
                yield return new GateReason(Rule, $"refused-{medium}",
                    $"Voor deze leerlingen is toestemming voor {Medium.Dutch(medium)} geweigerd of ingetrokken.",
                    $"Consent for {Medium.English(medium)} was refused or withdrawn for these pupils.",
                    refused);
            }
        }
    }
}
