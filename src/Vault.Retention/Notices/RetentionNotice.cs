namespace Vault.Retention.Notices;

/// <summary>
/// A published preview of the yearly run: what will go on <see cref="RunDate"/> and what will not (with the
/// reason), weeks before it, so an assessment in progress can still be finished.
/// </summary>
public sealed class DestructionPlan
{
    public Guid Id { get; set; }

    public DateOnly RunDate { get; set; }

    public DateTimeOffset PublishedAt { get; set; }

    public int ToDestroyCount { get; set; }

    public int ToKeepCount { get; set; }

    public List<DestructionPlanItem> Items { get; set; } = [];
}

public sealed class DestructionPlanItem
{
    public Guid PlanId { get; set; }

    public Guid RecordingId { get; set; }

    public Guid PlacementId { get; set; }

    public Guid SchoolLocationId { get; set; }

    public DateOnly RecordedOn { get; set; }

    public bool WillBeDestroyed { get; set; }

    public required string Reason { get; set; }
}

/// <summary>A notification to a student or IO concerned: this recording of yours will be destroyed on this date.</summary>
public sealed class RetentionNotice
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public Guid PlanId { get; set; }

    public Guid RecordingId { get; set; }

    public Guid PlacementId { get; set; }

    public DateOnly RecordedOn { get; set; }

    public DateOnly RunDate { get; set; }

    /// <summary><c>Student</c> or <c>Instituutsopleider</c>.</summary>
    public required string Role { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
