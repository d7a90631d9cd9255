using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Vault.Api.Recordings;
using Vault.Shared.Identity;

namespace Vault.Api.Viewing;

/// <summary>
/// The one place that decides what a person may do with a recording (resource-based). It knows the placement:
/// the student, the IO/WPB/SO (werkend leren: werkbegeleider) currently on it, and the extra assessors the IO
/// added (R9). Roles alone grant nothing: a privacy officer, consent administrator or administrator sees no
/// media unless they are on the placement themselves. Default deny for unknown operations.
/// </summary>
internal sealed class RecordingAuthorizationHandler(ICurrentActor actor, IRecordingParticipation participation)
    : AuthorizationHandler<OperationAuthorizationRequirement, Recording>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, Recording recording)
    {
        if (actor.PersonId is not { } personId)
        {
            return;
        }

        var who = await participation.OfAsync(personId, recording.Id, recording.PlacementId, recording.StudentId, CancellationToken.None);
        if (Allows(requirement, who))
        {
            context.Succeed(requirement);
        }
    }

    /// <summary>The decision table, operation by operation.</summary>
    internal static bool Allows(OperationAuthorizationRequirement operation, Participation who)
    {
        var viewer = who.IsStudent || who.IsGuidingCoach || who.IsExtraAssessor; // R9
        return operation.Name switch
        {
            nameof(RecordingOperations.View) => viewer,
            nameof(RecordingOperations.Comment) => viewer,
            nameof(RecordingOperations.Assess) => who.IsInstituutsopleider, // R16: the Instituut (the IO) assesses
            nameof(RecordingOperations.AddAssessor) => who.IsInstituutsopleider,
            nameof(RecordingOperations.Redact) => who.IsStudent, // R5
            nameof(RecordingOperations.Delete) => who.IsStudent,
            nameof(RecordingOperations.Clip) => who.IsStudent,
            _ => false, // PlaceHold and anything unknown: not through the recording's viewers (R17 lives in Vault.Retention)
        };
    }
}
