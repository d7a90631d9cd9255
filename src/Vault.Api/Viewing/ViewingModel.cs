namespace Vault.Api.Viewing;

/// <summary>Dutch categories of feedback on a recording.</summary>
public enum CommentCategory
{
    Vraag = 0,
    Tip = 1,
    SterkPunt = 2,
    Aandachtspunt = 3,
}

/// <summary>
/// Time-stamped feedback on a recording: at a moment (<see cref="AtSeconds"/>) or over a range (to
/// <see cref="ToSeconds"/>), optionally a reply to another comment. May mention pupils: destroyed with the recording.
/// </summary>
internal sealed class RecordingComment
{
    public Guid Id { get; set; }

    public Guid RecordingId { get; set; }

    public Guid? ParentId { get; set; }

    public Guid AuthorPersonId { get; set; }

    public required string AuthorName { get; set; }

    public double AtSeconds { get; set; }

    public double? ToSeconds { get; set; }

    public CommentCategory Category { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? EditedAt { get; set; }
}

/// <summary>A named time range the student puts in front of their assessors: a reference, never a copy.</summary>
internal sealed class RecordingClip
{
    public Guid Id { get; set; }

    public Guid RecordingId { get; set; }

    public required string Name { get; set; }

    public double FromSeconds { get; set; }

    public double ToSeconds { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A second examiner the IO added to one recording, with a reason and an end date (R9).</summary>
internal sealed class ExtraAssessor
{
    public Guid Id { get; set; }

    public Guid RecordingId { get; set; }

    public Guid PersonId { get; set; }

    public required string Reason { get; set; }

    public DateOnly EndDate { get; set; }

    public Guid AddedByPersonId { get; set; }

    public DateTimeOffset AddedAt { get; set; }

    public DateTimeOffset? RemovedAt { get; set; }
}

/// <summary>
/// R14: the student refuses the Instituut's reuse of their work for publicity and databases, for one placement
/// (or all, when <see cref="PlacementId"/> is null). Recordings of pupils are never released for publicity anyway.
/// </summary>
internal sealed class CopyrightRefusal
{
    public Guid Id { get; set; }

    public Guid StudentId { get; set; }

    public Guid? PlacementId { get; set; }

    public DateTimeOffset RefusedAt { get; set; }
}
