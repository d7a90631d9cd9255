using Microsoft.EntityFrameworkCore;
using Vault.Retention.Data;
using Vault.Retention.Holds;
using Vault.Retention.Ports;

namespace Vault.Retention.Erasure;

/// <summary>
/// Retention's side of an erasure request (AVG art. 17). Accepting decides per recording: already destroyed or gone
/// → <see cref="ErasureOutcome.NotFound"/>; under a legal hold (R17) → <see cref="ErasureOutcome.KeptUnderLegalHold"/>;
/// otherwise <see cref="ErasureOutcome.Pending"/> and marked for destruction. The marks are added to the caller's unit
/// of work; once it is saved, the <see cref="ErasureWorker"/> destroys the marked recordings AT ONCE (not after a
/// review period as with a withdrawal: the privacy officer has already decided, and art. 12(3) asks for no undue
/// delay) and reports each outcome. Handing the same request over again answers from the marks already made.
/// </summary>
internal sealed class ErasureHandler(IRetentionDb db, IRetentionCatalog catalog, ErasureSignal signal, TimeProvider time) : IErasureHandler
{
    public async Task<IReadOnlyList<ErasureRecordingResult>> AcceptAsync(ErasureOrder order, CancellationToken cancellationToken)
    {
        var ids = order.RecordingIds.Distinct().ToList();
        var existing = await db.ErasureMarks.Where(m => m.RequestId == order.RequestId).ToListAsync(cancellationToken);
        var byId = existing.ToDictionary(m => m.RecordingId);
        var missing = ids.Where(id => !byId.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            var now = time.GetUtcNow();
            var tombstones = await db.Tombstones.AsNoTracking().Where(t => missing.Contains(t.RecordingId)).ToDictionaryAsync(t => t.RecordingId, cancellationToken);
            var candidates = (await catalog.CandidatesAsync(missing, cancellationToken)).ToDictionary(c => c.RecordingId);
            var placements = candidates.Values.Select(c => c.PlacementId).Distinct().ToList();
            var holds = await db.LegalHolds.AsNoTracking()
                .Where(h => h.LiftedAt == null && ((h.RecordingId != null && missing.Contains(h.RecordingId.Value)) || placements.Contains(h.PlacementId)))
                .ToListAsync(cancellationToken);
            foreach (var id in missing)
            {
                var mark = new ErasureMark { RequestId = order.RequestId, RecordingId = id, PupilId = order.PupilId, AcceptedAt = now };
                if (!candidates.TryGetValue(id, out var candidate))
                {
                    mark.Outcome = ErasureOutcome.NotFound;
                    mark.Note = tombstones.TryGetValue(id, out var t)
                        ? $"Al vernietigd op {t.DestroyedAt:yyyy-MM-dd} ({t.Reason}). / Already destroyed."
                        : "Deze opname bestaat niet (meer). / This recording does not exist (any more).";
                }
                else if (holds.FirstOrDefault(h => h.Covers(id, candidate.PlacementId)) is { } hold)
                {
                    mark.Outcome = ErasureOutcome.KeptUnderLegalHold;
                    mark.Note = $"R17: bewaard wegens juridische bewaarplicht sinds {hold.PlacedAt:yyyy-MM-dd} ({hold.Reason}), tot die wordt opgeheven. / Kept under a legal hold until it is lifted.";
                }
                else
                {
                    mark.Outcome = ErasureOutcome.Pending;
                }

                db.ErasureMarks.Add(mark);
                byId[id] = mark;
            }
        }

        if (byId.Values.Any(m => m.Outcome == ErasureOutcome.Pending && m.ReportedAt is null))
        {
            // The marks exist once the caller's unit of work is saved; the worker looks for them from then on.
            EventHandler<SavedChangesEventArgs>? saved = null;
            saved = (_, _) =>
            {
                db.SavedChanges -= saved;
                signal.Raise(order.RequestId);
            };
            db.SavedChanges += saved;
        }

        return [.. ids.Select(id => new ErasureRecordingResult(id, byId[id].Outcome, byId[id].Note))];
    }
}
