using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Api.Viewing;

namespace Vault.Api.Recordings;

/// <summary>
/// Finds a recording the caller may view. The decision itself is <see cref="RecordingAuthorizationHandler"/>'s
/// (RecordingOperations.View); everyone else gets null, which endpoints answer with a 404.
/// </summary>
internal sealed class RecordingAccess(RecordingAuthorizer authorizer, VaultDbContext db)
{
    // Compiled once: every range request of a player asks it (see RecordingParticipation).
    private static readonly Func<VaultDbContext, Guid, CancellationToken, Task<Recording?>> UncheckedQuery = EF.CompileAsyncQuery(
        (VaultDbContext db, Guid id, CancellationToken _) => db.Set<Recording>().AsNoTracking().SingleOrDefault(r => r.Id == id));

    public async Task<Recording?> FindViewableAsync(Guid recordingId, CancellationToken cancellationToken) =>
        (await authorizer.AuthorizeAsync(recordingId, RecordingOperations.View, cancellationToken)).Recording;

    /// <summary>
    /// The recording, not yet authorized: only for work that may start before the decision and is undone when the
    /// answer is no (a playback range's download). Nothing may leave the vault before <see cref="MayViewAsync"/> said yes.
    /// </summary>
    public Task<Recording?> FindUncheckedAsync(Guid recordingId, CancellationToken cancellationToken) =>
        UncheckedQuery(db, recordingId, cancellationToken);

    public async Task<bool> MayViewAsync(Recording recording) =>
        (await authorizer.AuthorizeAsync(recording, RecordingOperations.View)).Recording is not null;
}
