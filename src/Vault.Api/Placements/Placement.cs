using Vault.Api.Data;

namespace Vault.Api.Placements;

public enum PlacementKind
{
    /// <summary>Werkplekleren under the Raamovereenkomst.</summary>
    Werkplekleren = 0,

    /// <summary>Werkend leren (dual): student-werknemer, with a tripartite agreement (seed 002).</summary>
    WerkendLeren = 1,
}

/// <summary>R15 / Art. 15: why werkplekleren ended.</summary>
public enum PlacementEndReason
{
    PeriodOver = 0,
    Uitschrijving = 1,
    InOverleg = 2,
    Overig = 3,
}

/// <summary>A coach's part on a placement.</summary>
public enum CoachRole
{
    Instituutsopleider = 0,
    Werkplekbegeleider = 1,
    Schoolopleider = 2,
    Werkbegeleider = 3,
    ContactpersoonInstituut = 4,
    ContactpersoonWerkgever = 5,
}

/// <summary>One student at one schoollocatie for a period, with their coaches (a plaatsing).</summary>
public sealed class Placement : IVersioned
{
    public Guid Id { get; set; }

    public Guid StudentId { get; set; }

    public Guid SchoolLocationId { get; set; }

    public PlacementKind Kind { get; set; }

    public DateOnly StartDate { get; set; }

    public DateOnly EndDate { get; set; }

    /// <summary>Set when werkplekleren ended (R15); from then on no new recordings.</summary>
    public DateOnly? EndedOn { get; set; }

    public PlacementEndReason? EndReason { get; set; }

    public string? EndNote { get; set; }

    /// <summary>Werkend leren: the employer (werkgever) of the student-werknemer.</summary>
    public string? Employer { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<PlacementCoach> Coaches { get; set; } = [];

    public Guid Version { get; set; }

    /// <summary>The last day recordings may be made.</summary>
    public DateOnly LastDay => EndedOn is { } ended && ended < EndDate ? ended : EndDate;

    public bool IsActiveOn(DateOnly day) => day >= StartDate && day <= LastDay;

    public IEnumerable<PlacementCoach> CurrentCoaches => Coaches.Where(c => c.RemovedAt is null);
}

/// <summary>
/// A coach on a placement. Replacing a coach closes this row (RemovedAt) and adds a new one: history is kept,
/// and access follows the open rows only.
/// </summary>
public sealed class PlacementCoach
{
    public Guid Id { get; set; }

    public Guid PlacementId { get; set; }

    public CoachRole Role { get; set; }

    public Guid PersonId { get; set; }

    public DateTimeOffset AssignedAt { get; set; }

    public Guid? AssignedByPersonId { get; set; }

    public DateTimeOffset? RemovedAt { get; set; }

    public Guid? RemovedByPersonId { get; set; }
}
