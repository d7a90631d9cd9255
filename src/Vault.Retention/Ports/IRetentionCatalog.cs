namespace Vault.Retention.Ports;

/// <summary>What retention needs to know about one recording to decide whether it may, must or must not go.</summary>
public sealed record RetentionCandidate(
    Guid RecordingId,
    Guid PlacementId,
    Guid StudentId,
    Guid SchoolLocationId,
    Guid OpleidingsschoolId,
    DateOnly RecordedOn,
    DateTimeOffset StoredAt,
    /// <summary>R16: when the IO marked the assessment done (educational purpose achieved), if so.</summary>
    DateTimeOffset? AssessmentDoneAt,
    /// <summary>R13/R15: the placement's last day has passed (ended or period over).</summary>
    bool PlacementEnded,
    /// <summary>R4: a consent withdrawal marked this recording for review; destroy or redact by this deadline.</summary>
    DateTimeOffset? WithdrawalReviewDeadline,
    /// <summary>The student asked to delete it before assessment.</summary>
    bool DeletionRequestedByStudent,
    /// <summary>The IOs currently on the placement (to notify them of a preview).</summary>
    IReadOnlyList<Guid> InstituutsopleiderIds);

/// <summary>Facts a tombstone keeps after destruction: no pupil data, no names.</summary>
public sealed record DestroyedRecording(Guid RecordingId, Guid PlacementId, DateOnly RecordedOn, int BlobsDeleted, bool KeyDestroyed);

/// <summary>One recording a run asks the catalogue to destroy, with the stable reason code of the run item.</summary>
public sealed record DestructionOrder(Guid RecordingId, string Reason);

/// <summary>What became of one <see cref="DestructionOrder"/>: destroyed (also: already gone), or failed with the error.</summary>
public sealed record DestructionResult(Guid RecordingId, DestroyedRecording? Destroyed, Exception? Error);

/// <summary>
/// Implemented by the host's recordings feature. Retention plans over the catalogue and asks the destroyer to
/// destroy: every blob (original, renditions, thumbnails, redaction versions), the per-recording key
/// (crypto-shredding), comments and clips. Destroying must be idempotent: destroying a recording that is already
/// gone reports what is left to do (nothing) without failing.
/// </summary>
public interface IRetentionCatalog
{
    /// <summary>Recordings that still exist (not yet destroyed), optionally only those stored before a moment.</summary>
    IAsyncEnumerable<RetentionCandidate> CandidatesAsync(CancellationToken cancellationToken);

    Task<DestroyedRecording> DestroyAsync(Guid recordingId, string reason, CancellationToken cancellationToken);

    /// <summary>Only the given recordings (those that still exist). The default filters the whole catalogue.</summary>
    async Task<IReadOnlyList<RetentionCandidate>> CandidatesAsync(IReadOnlyCollection<Guid> recordingIds, CancellationToken cancellationToken)
    {
        var wanted = recordingIds.ToHashSet();
        var found = new List<RetentionCandidate>();
        await foreach (var candidate in CandidatesAsync(cancellationToken))
        {
            if (wanted.Contains(candidate.RecordingId))
            {
                found.Add(candidate);
            }
        }

        return found;
    }

    /// <summary>
    /// Destroys a batch of recordings, with at most <paramref name="degreeOfParallelism"/> storage calls at once. Returns
    /// one result per order it finished (a failure of one recording is its result, not an exception). When cancelled it
    /// returns what it finished so far (possibly nothing), so the run can write that down before it stops; orders
    /// without a result stay planned and are destroyed (idempotently) when the run resumes. The default destroys one
    /// by one and calls no hooks; the host destroys the batch's keys and rows in one transaction, calling
    /// <see cref="DestructionHooks.Shredding"/> inside it and <see cref="DestructionHooks.Committed"/> after it, and
    /// then deletes the blobs concurrently, so the run may start the next batch while these blobs go.
    /// </summary>
    async Task<IReadOnlyList<DestructionResult>> DestroyManyAsync(IReadOnlyList<DestructionOrder> orders, int degreeOfParallelism, DestructionHooks hooks, CancellationToken cancellationToken)
    {
        var results = new List<DestructionResult>(orders.Count);
        foreach (var order in orders)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            try
            {
                results.Add(new DestructionResult(order.RecordingId, await DestroyAsync(order.RecordingId, order.Reason, cancellationToken), null));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error)
            {
                results.Add(new DestructionResult(order.RecordingId, null, error));
            }
        }

        return results;
    }
}

/// <summary>What a run hands the catalogue with a batch (<see cref="IRetentionCatalog.DestroyManyAsync"/>).</summary>
/// <param name="Shredding">
/// Called with the recordings whose keys are about to be crypto-shredded, inside the unit of work that shreds them and
/// before it is saved: whatever the caller adds to the same scope's <c>IRetentionDb</c> is committed atomically with
/// the shredding. The run writes down there that those keys are destroyed, so a crash right after the commit cannot
/// lose that fact (the resumed run finds the recordings already gone).
/// </param>
/// <param name="Committed">Called once the keys and rows are committed, before the blobs are deleted.</param>
public sealed record DestructionHooks(Action<IReadOnlyCollection<Guid>>? Shredding = null, Action? Committed = null)
{
    public static DestructionHooks None { get; } = new();
}
