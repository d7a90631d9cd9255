using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vault.Api.Data;
using Vault.Shared.Problems;

namespace Vault.Api.Audit;

/// <summary>
/// The outcome of a verification. <see cref="FirstBrokenSequence"/> is the first entry that can no longer be
/// trusted: the edited or missing entry, or (for a rewritten or truncated tail) the first entry after the last
/// checkpoint that still matches.
/// </summary>
public sealed record ChainVerification(
    bool Intact,
    long EntriesChecked,
    long? FirstBrokenSequence,
    string? Problem,
    string? HeadHash,
    int CheckpointsChecked,
    DateTimeOffset? LastCheckpointAt);

/// <summary>
/// Recomputes the audit chain from the first entry, compares it with the checkpoints written outside the
/// database, and reports the first entry that does not fit. Reads in keyset batches without tracking and hashes
/// into one reused buffer, so the cost per entry is the row itself.
/// </summary>
public sealed class AuditVerifier(VaultDbContext db, AuditCheckpointStore checkpointStore, IOptions<AuditOptions> options)
{
    public async Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var set = await checkpointStore.ReadAllAsync(cancellationToken);
        var checkpoints = set.Checkpoints.OrderBy(c => c.Sequence).ThenBy(c => c.WrittenAt).ToArray();
        var lastCheckpointAt = checkpoints.Length == 0 ? (DateTimeOffset?)null : checkpoints.Max(c => c.WrittenAt);
        if (set.MalformedLines.Count > 0)
        {
            return new(false, 0, null, Text.T(
                $"De checkpoints zijn onleesbaar gemaakt: {string.Join(", ", set.MalformedLines)}.",
                $"Checkpoint lines cannot be read: {string.Join(", ", set.MalformedLines)}."), null, 0, lastCheckpointAt);
        }

        var hasher = new AuditHasher();
        var batchSize = Math.Max(100, options.Value.VerificationBatchSize);
        var expected = 1L;
        var previous = AuditChain.Genesis;
        var next = 0;
        var lastMatched = 0L;
        while (true)
        {
            var from = expected;
            var batch = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Sequence >= from)
                .OrderBy(e => e.Sequence)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
            foreach (var entry in batch)
            {
                if (entry.Sequence != expected)
                {
                    return Broken(expected, Text.T($"Regel {expected} ontbreekt.", $"Entry {expected} is missing."));
                }

                if (!string.Equals(entry.PreviousHash, previous, StringComparison.Ordinal))
                {
                    return Broken(expected, Text.T($"De koppeling van regel {expected} aan de vorige regel is verbroken.", $"The link of entry {expected} to the previous entry is broken."));
                }

                if (!hasher.Matches(entry))
                {
                    return Broken(expected, Text.T($"De inhoud van regel {expected} past niet bij de hash.", $"The content of entry {expected} does not match its hash."));
                }

                for (; next < checkpoints.Length && checkpoints[next].Sequence == expected; next++)
                {
                    var checkpoint = checkpoints[next];
                    if (!string.Equals(checkpoint.Hash, entry.Hash, StringComparison.Ordinal))
                    {
                        // A self-consistent chain that differs from what was checkpointed: everything after the
                        // last matching checkpoint was rewritten.
                        return Broken(lastMatched + 1, Text.T(
                            $"Regel {expected} wijkt af van het checkpoint van {checkpoint.WrittenAt:u} ({checkpoint.Blob}); het log is na regel {lastMatched} herschreven.",
                            $"Entry {expected} differs from the checkpoint of {checkpoint.WrittenAt:u} ({checkpoint.Blob}); the log was rewritten after entry {lastMatched}."));
                    }

                    lastMatched = expected;
                }

                previous = entry.Hash;
                expected++;
            }

            if (batch.Count < batchSize)
            {
                break;
            }
        }

        var head = expected - 1;
        if (next < checkpoints.Length)
        {
            var missing = checkpoints[^1];
            return Broken(head + 1, Text.T(
                $"Het log eindigt bij regel {head}, maar het checkpoint van {missing.WrittenAt:u} ({missing.Blob}) legde regel {missing.Sequence} vast: de staart van het log is verwijderd.",
                $"The log ends at entry {head}, but the checkpoint of {missing.WrittenAt:u} ({missing.Blob}) recorded entry {missing.Sequence}: the tail of the log was removed."));
        }

        return new(true, head, null, null, head == 0 ? null : previous, checkpoints.Length, lastCheckpointAt);

        ChainVerification Broken(long sequence, string problem) =>
            new(false, expected - 1, sequence, problem, expected == 1 ? null : previous, next, lastCheckpointAt);
    }
}
