namespace Vault.Consent.Gate;

/// <summary>R6: an opleidingsschool's own arrangements as the gate reads them (data, not code branches).</summary>
public sealed record GatePolicy(bool ClosedEnvironmentRules, int RequiredRecordingsPerPlacement, bool OfferSoundOnlyFallback, int WithdrawalReviewDays)
{
    public static readonly GatePolicy General = new(false, 0, true, 14);
}

public enum PlacementKindFact
{
    Werkplekleren = 0,
    WerkendLeren = 1,
}

/// <summary>
/// What the host knows about a placement on a day: where it is, under which opleidingsschool and policy, and
/// why the student may not record on it (R1 agreement, R15 active placement and its student).
/// </summary>
public sealed record PlacementFacts(
    Guid PlacementId,
    Guid StudentId,
    Guid SchoolLocationId,
    Guid OpleidingsschoolId,
    string OpleidingsschoolCode,
    PlacementKindFact Kind,
    GatePolicy Policy,
    IReadOnlyList<GateReason> EligibilityReasons,
    bool RegulationAcknowledged);

/// <summary>The port through which the gate asks the host about placements (implemented by the host).</summary>
public interface IPlacementFacts
{
    /// <summary>The facts of a placement for a recording by <paramref name="studentId"/> on <paramref name="day"/>; null when it does not exist.</summary>
    Task<PlacementFacts?> GetAsync(Guid placementId, Guid studentId, DateOnly day, CancellationToken cancellationToken);

    /// <summary>Whether the person is the placement's student or one of its current coaches.</summary>
    Task<bool> IsInvolvedAsync(Guid placementId, Guid personId, CancellationToken cancellationToken);
}
