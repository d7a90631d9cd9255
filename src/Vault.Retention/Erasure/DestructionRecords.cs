using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Vault.Retention.Data;
using Vault.Retention.Runs;
using Vault.Shared.Identity;

namespace Vault.Retention.Erasure;

/// <summary>
/// Every destroyed recording from its tombstone and run (yearly runs, withdrawals, student deletions, abandoned
/// uploads, erasure requests) within a privacy officer's scope: an opleidingsschool's officer sees the recordings
/// of its own opleidingsschool and schoollocaties, the Instituut's officer all of them. Newest first.
/// </summary>
internal sealed class DestructionRecords(IRetentionDb db) : IDestructionRecords
{
    public async IAsyncEnumerable<DestructionRecord> ReadAsync(PrivacyScope scope, DateTimeOffset? from, DateTimeOffset? to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var tombstones = db.Tombstones.AsNoTracking();
        if (!scope.Instituut)
        {
            var schools = scope.OpleidingsschoolIds.ToList();
            var locations = scope.SchoolLocationIds.ToList();
            tombstones = tombstones.Where(t => schools.Contains(t.OpleidingsschoolId) || locations.Contains(t.SchoolLocationId));
        }

        if (from is { } start)
        {
            tombstones = tombstones.Where(t => t.DestroyedAt >= start);
        }

        if (to is { } end)
        {
            tombstones = tombstones.Where(t => t.DestroyedAt <= end);
        }

        var rows = tombstones.Join(db.DestructionRuns.AsNoTracking(), t => t.RunId, r => r.Id, (t, r) => new { Tombstone = t, r.StartedBy })
            .AsAsyncEnumerable();
        var records = new List<DestructionRecord>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var t = row.Tombstone;
            records.Add(new DestructionRecord(t.RecordingId, t.DestroyedAt, DestructionRunner.KindName(t.Kind), t.RunId, t.OpleidingsschoolId, t.SchoolLocationId, t.Reason, row.StartedBy));
        }

        // Sorted here: SQLite cannot order by DateTimeOffset.
        foreach (var record in records.OrderByDescending(r => r.DestroyedAt).ThenBy(r => r.RecordingId))
        {
            yield return record;
        }
    }
}
