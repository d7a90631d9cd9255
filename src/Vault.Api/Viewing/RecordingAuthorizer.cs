using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Api.Recordings;
using Vault.Shared.Problems;

namespace Vault.Api.Viewing;

/// <summary>The outcome of asking for a recording to do something with it.</summary>
internal sealed record RecordingGrant(Recording? Recording, bool Visible, bool Allowed)
{
    /// <summary>404 when the caller may not see the recording (ids cannot be probed), 403 when they see it but may not do this.</summary>
    public Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Refusal(string reason) =>
        Visible ? VaultProblems.Problem(VaultProblems.Forbidden, reason) : VaultProblems.NotFoundProblem();
}

/// <summary>Loads a recording and asks <see cref="RecordingAuthorizationHandler"/> through <see cref="IAuthorizationService"/>.</summary>
internal sealed class RecordingAuthorizer(VaultDbContext db, IAuthorizationService authorization, IHttpContextAccessor http)
{
    public async Task<RecordingGrant> AuthorizeAsync(Guid recordingId, OperationAuthorizationRequirement operation, CancellationToken cancellationToken)
    {
        var recording = await db.Set<Recording>().SingleOrDefaultAsync(r => r.Id == recordingId, cancellationToken);
        return recording is null ? new RecordingGrant(null, false, false) : await AuthorizeAsync(recording, operation);
    }

    public async Task<RecordingGrant> AuthorizeAsync(Recording recording, OperationAuthorizationRequirement operation)
    {
        var user = http.HttpContext?.User ?? new System.Security.Claims.ClaimsPrincipal();
        var visible = (await authorization.AuthorizeAsync(user, recording, RecordingOperations.View)).Succeeded;
        if (!visible)
        {
            return new RecordingGrant(null, false, false);
        }

        var allowed = ReferenceEquals(operation, RecordingOperations.View) || (await authorization.AuthorizeAsync(user, recording, operation)).Succeeded;
        return new RecordingGrant(recording, true, allowed);
    }
}
