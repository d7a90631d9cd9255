namespace Vault.Retention.Holds;

/// <summary>What a legal hold covers: one recording, or every recording of a placement (also those still to come).</summary>
public enum HoldScope
{
    Recording = 0,
    Placement = 1,
}

/// <summary>
/// R17: a dispute (Art. 14) requires keeping material until it is settled. While a hold is active (not lifted),
/// no run destroys what it covers. Placed and lifted by a privacy officer or an institute administrator, each
/// with a reason; both are audited.
/// </summary>
public sealed class LegalHold
{
    public Guid Id { get; set; }

    public HoldScope Scope { get; set; }

    /// <summary>Set for <see cref="HoldScope.Recording"/>.</summary>
    public Guid? RecordingId { get; set; }

    /// <summary>The placement held, or the placement of the held recording.</summary>
    public Guid PlacementId { get; set; }

    public Guid SchoolLocationId { get; set; }

    public required string Reason { get; set; }

    public Guid PlacedByPersonId { get; set; }

    public required string PlacedByName { get; set; }

    public DateTimeOffset PlacedAt { get; set; }

    public Guid? LiftedByPersonId { get; set; }

    public string? LiftedByName { get; set; }

    public DateTimeOffset? LiftedAt { get; set; }

    public string? LiftReason { get; set; }

    public bool IsActive => LiftedAt is null;

    public bool Covers(Guid recordingId, Guid placementId) =>
        IsActive && (Scope == HoldScope.Placement ? PlacementId == placementId : RecordingId == recordingId);
}
