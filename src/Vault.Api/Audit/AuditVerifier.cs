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
/// database, and reports the first entry that does not fit. The log is split into sequence ranges that are read
/// (<see cref="AuditChainReader"/>, one connection each) and hashed (one reused buffer each) in parallel; the ranges
/// are then stitched in order — each range's first link must be the previous range's last hash — so the answer is
/// exactly that of a sequential pass.
/// </summary>
public sealed class AuditVerifier(VaultDbContext db, IServiceScopeFactory scopes, AuditCheckpointStore checkpointStore, DeferredAudit deferred, IOptions<AuditOptions> options)
{
    public async Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        await deferred.FlushAsync(cancellationToken);
        var set = await checkpointStore.ReadAllAsync(cancellationToken);
        var checkpoints = set.Checkpoints.OrderBy(c => c.Sequence).ThenBy(c => c.WrittenAt).ToArray();
        var lastCheckpointAt = checkpoints.Length == 0 ? (DateTimeOffset?)null : checkpoints.Max(c => c.WrittenAt);
        if (set.MalformedLines.Count > 0)
        {
            return new(false, 0, null, Text.T(
                $"De checkpoints zijn onleesbaar gemaakt: {string.Join(", ", set.MalformedLines)}.",
                $"Checkpoint lines cannot be read: {string.Join(", ", set.MalformedLines)}."), null, 0, lastCheckpointAt);
        }

        var head = await new AuditChainReader(db).HeadAsync(cancellationToken);
        var size = Math.Max(1, options.Value.VerificationBatchSize);
        var ranges = new List<RangeCheck>();
        for (var from = 1L; from <= head; from += size)
        {
            ranges.Add(new RangeCheck(from, Math.Min(head, from + size - 1), checkpoints));
        }

        await Parallel.ForEachAsync(ranges, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, async (range, ct) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            await new AuditChainReader(scope.ServiceProvider.GetRequiredService<VaultDbContext>()).ReadAsync(range.From, range.To, range.Visit, ct);
            range.Finish();
        });

        return Stitch(ranges, checkpoints, head, lastCheckpointAt);
    }

    private static ChainVerification Stitch(List<RangeCheck> ranges, AuditCheckpoint[] checkpoints, long head, DateTimeOffset? lastCheckpointAt)
    {
        var previous = AuditChain.Genesis;
        var lastMatched = 0L;
        var passed = 0;
        foreach (var range in ranges)
        {
            if (range.FirstPreviousHash is { } first && !string.Equals(first, previous, StringComparison.Ordinal))
            {
                return Broken(range.From, Text.T($"De koppeling van regel {range.From} aan de vorige regel is verbroken.", $"The link of entry {range.From} to the previous entry is broken."));
            }

            foreach (var (sequence, checkpoint, matched) in range.CheckpointResults)
            {
                if (!matched)
                {
                    // A self-consistent chain that differs from what was checkpointed: everything after the last
                    // matching checkpoint was rewritten.
                    return Broken(lastMatched + 1, Text.T(
                        $"Regel {sequence} wijkt af van het checkpoint van {checkpoint.WrittenAt:u} ({checkpoint.Blob}); het log is na regel {lastMatched} herschreven.",
                        $"Entry {sequence} differs from the checkpoint of {checkpoint.WrittenAt:u} ({checkpoint.Blob}); the log was rewritten after entry {lastMatched}."), sequence - 1);
                }

                lastMatched = sequence;
                passed++;
            }

            if (range.Failure is { } failure)
            {
                return Broken(failure.Sequence, failure.Problem, failure.Sequence - 1);
            }

            previous = range.LastHash ?? previous;
        }

        if (passed < checkpoints.Length)
        {
            var missing = checkpoints[^1];
            return Broken(head + 1, Text.T(
                $"Het log eindigt bij regel {head}, maar het checkpoint van {missing.WrittenAt:u} ({missing.Blob}) legde regel {missing.Sequence} vast: de staart van het log is verwijderd.",
                $"The log ends at entry {head}, but the checkpoint of {missing.WrittenAt:u} ({missing.Blob}) recorded entry {missing.Sequence}: the tail of the log was removed."), head);
        }

        return new(true, head, null, null, head == 0 ? null : previous, checkpoints.Length, lastCheckpointAt);

        ChainVerification Broken(long sequence, string problem, long? checkedUpTo = null) =>
            new(false, checkedUpTo ?? sequence - 1, sequence, problem, null, passed, lastCheckpointAt);
    }

    /// <summary>One range of the chain, checked on its own; its first link is checked when the ranges are stitched.</summary>
    private sealed class RangeCheck(long from, long to, AuditCheckpoint[] checkpoints)
    {
        private readonly byte[] lastHash = new byte[64];
        private bool hasLastHash;
        private int next = FirstCheckpointAtOrAfter(checkpoints, from);

        public long From { get; } = from;

        public long To { get; } = to;

        public long Expected { get; private set; } = from;

        public string? FirstPreviousHash { get; private set; }

        public string? LastHash => hasLastHash ? System.Text.Encoding.ASCII.GetString(lastHash) : null;

        public List<(long Sequence, AuditCheckpoint Checkpoint, bool Matched)> CheckpointResults { get; } = [];

        public (long Sequence, string Problem)? Failure { get; private set; }

        public bool Visit(long sequence, ReadOnlySpan<byte> previousHash, ReadOnlySpan<byte> hash, bool contentMatches)
        {
            var expected = Expected;
            if (sequence != expected)
            {
                Failure = (expected, Text.T($"Regel {expected} ontbreekt.", $"Entry {expected} is missing."));
                return false;
            }

            if (!hasLastHash)
            {
                FirstPreviousHash = System.Text.Encoding.UTF8.GetString(previousHash);
            }
            else if (!previousHash.SequenceEqual(lastHash))
            {
                Failure = (expected, Text.T($"De koppeling van regel {expected} aan de vorige regel is verbroken.", $"The link of entry {expected} to the previous entry is broken."));
                return false;
            }

            if (!contentMatches || hash.Length != lastHash.Length)
            {
                Failure = (expected, Text.T($"De inhoud van regel {expected} past niet bij de hash.", $"The content of entry {expected} does not match its hash."));
                return false;
            }

            for (; next < checkpoints.Length && checkpoints[next].Sequence == expected; next++)
            {
                var matched = System.Text.Ascii.Equals(hash, checkpoints[next].Hash);
                CheckpointResults.Add((expected, checkpoints[next], matched));
                if (!matched)
                {
                    return false;
                }
            }

            hash.CopyTo(lastHash);
            hasLastHash = true;
            Expected = expected + 1;
            return true;
        }

        /// <summary>After reading: entries missing at the end of the range are a gap.</summary>
        public void Finish()
        {
            if (Failure is null && CheckpointResults.TrueForAll(c => c.Matched) && Expected != To + 1)
            {
                Failure = (Expected, Text.T($"Regel {Expected} ontbreekt.", $"Entry {Expected} is missing."));
            }
        }

        private static int FirstCheckpointAtOrAfter(AuditCheckpoint[] checkpoints, long sequence)
        {
            var index = 0;
            while (index < checkpoints.Length && checkpoints[index].Sequence < sequence)
            {
                index++;
            }

            return index;
        }
    }
}
