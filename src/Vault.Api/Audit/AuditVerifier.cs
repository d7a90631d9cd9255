using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;

namespace Vault.Api.Audit;

public sealed record ChainVerification(bool Intact, long EntriesChecked, long? FirstBrokenSequence, string? Problem, string? HeadHash);

/// <summary>Recomputes the audit chain from the first entry and reports the first entry that does not fit.</summary>
public sealed class AuditVerifier(VaultDbContext db)
{
    public async Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var expectedSequence = 1L;
        var previous = AuditChain.Genesis;
        const int Batch = 5_000;
        while (true)
        {
            var from = expectedSequence;
            var batch = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Sequence >= from)
                .OrderBy(e => e.Sequence)
                .Take(Batch)
                .ToListAsync(cancellationToken);
            foreach (var entry in batch)
            {
                if (entry.Sequence != expectedSequence)
                {
                    return new(false, expectedSequence - 1, expectedSequence, $"entry {expectedSequence} is missing", previous);
                }

                if (!string.Equals(entry.PreviousHash, previous, StringComparison.Ordinal))
                {
                    return new(false, expectedSequence - 1, entry.Sequence, "the link to the previous entry is broken", previous);
                }

                if (!string.Equals(AuditChain.ComputeHash(entry), entry.Hash, StringComparison.Ordinal))
                {
                    return new(false, expectedSequence - 1, entry.Sequence, "the entry's content does not match its hash", previous);
                }

                previous = entry.Hash;
                expectedSequence++;
            }

            if (batch.Count < Batch)
            {
                return new(true, expectedSequence - 1, null, null, previous);
            }
        }
    }
}
