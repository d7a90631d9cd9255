namespace Vault.Consent.Gate.Rules;

/// <summary>
/// One rule of the upload gate's policy. A rule reads only the fact snapshot and returns every reason it
/// refuses for (empty = no objection), each carrying the rule's id.
/// </summary>
internal interface IGateRule
{
    /// <summary>The rule id of shared/DOMAIN.md (R1…R17).</summary>
    string Rule { get; }

    /// <summary>R6: whether the rule applies under an opleidingsschool's settings.</summary>
    bool AppliesTo(GatePolicy policy);

    IEnumerable<GateReason> Evaluate(GateFacts facts);
}

/// <summary>
/// A condition that an allowed recording carries for its whole life (e.g. R9: only directly involved viewers). The
/// viewing and retention features read the stored conditions through <see cref="IUploadGate.ConditionsForRecordingAsync"/>.
/// </summary>
internal interface IGateCondition
{
    bool AppliesTo(GatePolicy policy);

    string Condition { get; }
}
