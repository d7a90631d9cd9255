using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Vault.Api.Viewing;

/// <summary>
/// What can be done with a recording. <see cref="RecordingAuthorizationHandler"/> decides each of them against
/// the placement (R9: only the people directly involved). Whoever may not <see cref="View"/> gets a 404.
/// </summary>
internal static class RecordingOperations
{
    /// <summary>Watch the recording and read its metadata, comments and clips.</summary>
    public static readonly OperationAuthorizationRequirement View = new() { Name = nameof(View) };

    /// <summary>Add comments and replies (edit/delete of one's own comments is checked on the comment).</summary>
    public static readonly OperationAuthorizationRequirement Comment = new() { Name = nameof(Comment) };

    /// <summary>R16: mark the assessment done (the IO only).</summary>
    public static readonly OperationAuthorizationRequirement Assess = new() { Name = nameof(Assess) };

    /// <summary>Add or remove an extra assessor (the IO only).</summary>
    public static readonly OperationAuthorizationRequirement AddAssessor = new() { Name = nameof(AddAssessor) };

    /// <summary>R5: cut, blur or anonymise (the student only).</summary>
    public static readonly OperationAuthorizationRequirement Redact = new() { Name = nameof(Redact) };

    /// <summary>Ask for the recording to be deleted before it is assessed (the student only).</summary>
    public static readonly OperationAuthorizationRequirement Delete = new() { Name = nameof(Delete) };

    /// <summary>Make clips: named time ranges put in front of the assessors (the student only).</summary>
    public static readonly OperationAuthorizationRequirement Clip = new() { Name = nameof(Clip) };

    /// <summary>R17: legal holds are placed by privacy officers and administrators in Vault.Retention, never here.</summary>
    public static readonly OperationAuthorizationRequirement PlaceHold = new() { Name = nameof(PlaceHold) };
}
