namespace Vault.Api.Recordings;

/// <summary>
/// Per-recording data kept by other features (comments, clips, extra assessors, assessment marks). When a
/// recording is destroyed (R7, R13) every registered implementation deletes what it holds for it, in the
/// caller's unit of work (the caller saves), so that nothing that may mention pupils outlives the recording.
/// </summary>
public interface IRecordingAttachments
{
    /// <summary>Marks everything held for the recording for deletion; returns how many rows go.</summary>
    Task<int> DeleteAllAsync(Guid recordingId, CancellationToken cancellationToken);

    /// <summary>The same for many recordings (retention's batches); the default asks one by one.</summary>
    async Task<int> DeleteAllAsync(IReadOnlyCollection<Guid> recordingIds, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var id in recordingIds)
        {
            count += await DeleteAllAsync(id, cancellationToken);
        }

        return count;
    }
}
