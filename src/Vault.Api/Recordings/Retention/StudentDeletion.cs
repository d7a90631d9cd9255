using Vault.Retention.Runs;

namespace Vault.Api.Recordings.Retention;

/// <summary>
/// A student's deletion of their own recording before it is assessed (R16): once the request is saved
/// (<see cref="Recording.DeletionRequestedAt"/>), retention destroys it at once as a single destruction with its own
/// tombstone and record. Held recordings (R17) and recordings already assessed stay; the report says why. Should the
/// immediate destruction fail, the daily student-deletion sweep of retention picks the request up again.
/// </summary>
internal sealed class StudentDeletion(RetentionCatalog catalog, IRecordingDestruction destruction)
{
    /// <summary>Destroys the recording whose deletion was requested; null when it no longer exists.</summary>
    public async Task<RunReport?> DestroyRequestedAsync(Guid recordingId, string startedBy, CancellationToken cancellationToken)
    {
        if (await catalog.CandidateAsync(recordingId, cancellationToken) is not { } candidate)
        {
            return null;
        }

        if (!candidate.DeletionRequestedByStudent)
        {
            throw new InvalidOperationException("The recording's deletion was not requested (Recording.DeletionRequestedAt is not set).");
        }

        return await destruction.DestroyNowAsync(candidate, DestructionKind.StudentDeletion, startedBy, cancellationToken);
    }
}
