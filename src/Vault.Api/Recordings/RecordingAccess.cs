using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Shared.Identity;

namespace Vault.Api.Recordings;

/// <summary>
/// The one place that decides who may view a recording: the student of the placement and its current coaches
/// (R9: directly involved). Everyone else gets a 404, so recording ids cannot be probed. The viewing issue turns
/// this into a resource-based authorization handler (RecordingOperations.View).
/// </summary>
internal sealed class RecordingAccess(VaultDbContext db, ICurrentActor actor)
{
    public async Task<Recording?> FindViewableAsync(Guid recordingId, CancellationToken cancellationToken)
    {
        if (actor.PersonId is not { } personId)
        {
            return null;
        }

        return await db.Set<Recording>()
            .Where(r => r.Id == recordingId)
            .Where(r => r.StudentId == personId
                || db.PlacementCoaches.Any(c => c.PlacementId == r.PlacementId && c.PersonId == personId && c.RemovedAt == null))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
