namespace Vault.Api.Audit;

/// <summary>The hash chain of the audit log: how an entry's hash is computed from its content and its predecessor.</summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    [ThreadStatic]
    private static AuditHasher? hasher;

    /// <summary>
    /// SHA-256 over the canonical form: the lines "v1", Sequence, Id (N), OccurredAt (UTC ticks), ActorPersonId,
    /// ActorName, ActorRoles, Action, SubjectType, SubjectId, OpleidingsschoolId, SchoolLocationId, RecordingId,
    /// PupilIds, DetailsJson, IpAddress, UserAgent, PreviousHash, joined by '\n' in UTF-8, invariant formats, empty
    /// for null. Changing this order is a breaking change of the log's format (see <see cref="AuditHasher"/>).
    /// </summary>
    public static string ComputeHash(AuditEntry entry) => (hasher ??= new AuditHasher()).HashHex(entry);

    /// <summary>Links <paramref name="entries"/> after the head (sequence, hash), in order.</summary>
    public static void Link(IReadOnlyList<AuditEntry> entries, long headSequence, string headHash)
    {
        var sequence = headSequence;
        var previous = headHash;
        foreach (var entry in entries)
        {
            entry.Sequence = ++sequence;
            entry.PreviousHash = previous;
            entry.Hash = ComputeHash(entry);
            previous = entry.Hash;
        }
    }
}
