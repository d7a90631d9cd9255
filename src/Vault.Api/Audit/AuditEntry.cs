using Vault.Shared.Data;

namespace Vault.Api.Audit;

/// <summary>
/// One row of the append-only audit log. <see cref="Hash"/> = SHA-256 over the previous entry's hash and
/// this entry's canonical content; editing or removing any row breaks the chain from there on.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Position in the chain, gap-free from 1; unique, so two writers cannot both take the same place.</summary>
    public long Sequence { get; set; }

    public Guid Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public Guid? ActorPersonId { get; set; }

    public required string ActorName { get; set; }

    /// <summary>The actor's roles at the time, comma-separated.</summary>
    public required string ActorRoles { get; set; }

    public required string Action { get; set; }

    public required string SubjectType { get; set; }

    public string? SubjectId { get; set; }

    public Guid? OpleidingsschoolId { get; set; }

    public Guid? SchoolLocationId { get; set; }

    public Guid? RecordingId { get; set; }

    /// <summary>Pupil ids the event is about, comma-separated (also indexed in <see cref="AuditEntryPupil"/>).</summary>
    public string PupilIds { get; set; } = "";

    public string? DetailsJson { get; set; }

    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }
}

/// <summary>Index row: which audit entries concern which pupil (AVG art. 15 questions).</summary>
public sealed class AuditEntryPupil : IInsertedInBulk
{
    public long Sequence { get; set; }

    public Guid PupilId { get; set; }
}
