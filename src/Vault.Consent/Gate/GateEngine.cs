using Vault.Consent.Gate.Rules;

namespace Vault.Consent.Gate;

/// <summary>The gate's answer to one question.</summary>
public sealed record GateOutcome(bool Allowed, IReadOnlyList<GateReason> Reasons, bool SoundOnlyOffered, IReadOnlyList<string> RulesApplied)
{
    /// <summary>Conditions an allowed recording carries (e.g. <see cref="GateConditions.ViewersDirectlyInvolved"/>).</summary>
    public IReadOnlyList<string> Conditions { get; init; } = [];
}

/// <summary>
/// The policy engine: evaluates every rule that applies under the opleidingsschool's settings (R6) over the fact
/// snapshot and collects every reason, so a student learns all that stands in the way at once.
/// </summary>
internal sealed class GateEngine(IEnumerable<IGateRule> rules, IEnumerable<IGateCondition> conditions)
{
    private readonly IReadOnlyList<IGateRule> rules = [.. rules];
    private readonly IReadOnlyList<IGateCondition> conditions = [.. conditions];

    public GateOutcome Decide(GateFacts facts)
    {
        var applicable = rules.Where(r => r.AppliesTo(facts.Placement.Policy)).ToList();
        var reasons = Evaluate(applicable, facts);
        var soundOnly = false;

        // R5: when image is the only obstacle and sound is allowed for all, offer sound only.
        if (reasons.Count > 0 && facts.Question.Media == RecordingMedia.BeeldEnGeluid && facts.Placement.Policy.OfferSoundOnlyFallback)
        {
            var soundOnlyFacts = facts with { Question = facts.Question with { Media = RecordingMedia.AlleenGeluid } };
            soundOnly = Evaluate(applicable, soundOnlyFacts).Count == 0;
            if (soundOnly)
            {
                reasons.Add(new GateReason("R5", "sound-only-possible",
                    "Alleen geluid opnemen mag wel: kies 'alleen geluid'; het beeld wordt dan niet bewaard.",
                    "Recording sound only is allowed: choose 'sound only'; the image is then not kept.",
                    []));
            }
        }

        return new GateOutcome(reasons.Count == 0, reasons, soundOnly, [.. applicable.Select(r => r.Rule).Distinct()])
        {
            Conditions = [.. conditions.Where(c => c.AppliesTo(facts.Placement.Policy)).Select(c => c.Condition).Distinct()],
        };
    }

    private static List<GateReason> Evaluate(IEnumerable<IGateRule> applicable, GateFacts facts) =>
        [.. applicable.SelectMany(r => r.Evaluate(facts))];
}
