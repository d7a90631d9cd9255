using Vault.Api.Viewing;

namespace Vault.Api.Recordings;

/// <summary>
/// Finds a recording the caller may view. The decision itself is <see cref="RecordingAuthorizationHandler"/>'s
/// (RecordingOperations.View); everyone else gets null, which endpoints answer with a 404.
/// </summary>
internal sealed class RecordingAccess(RecordingAuthorizer authorizer)
{
    public async Task<Recording?> FindViewableAsync(Guid recordingId, CancellationToken cancellationToken) =>
        (await authorizer.AuthorizeAsync(recordingId, RecordingOperations.View, cancellationToken)).Recording;
}
