using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vault.Api.Audit;

/// <summary>The hash chain of the audit log: how an entry's hash is computed from its content and its predecessor.</summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string ComputeHash(AuditEntry entry)
    {
        // Canonical form: one field a line, invariant formats, in a fixed order. Changing this order is a
        // breaking change of the log's format.
        var canonical = string.Join('\n',
            "v1",
            entry.Sequence.ToString(CultureInfo.InvariantCulture),
            entry.Id.ToString("N"),
            entry.OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            entry.ActorPersonId?.ToString("N") ?? "",
            entry.ActorName,
            entry.ActorRoles,
            entry.Action,
            entry.SubjectType,
            entry.SubjectId ?? "",
            entry.OpleidingsschoolId?.ToString("N") ?? "",
            entry.SchoolLocationId?.ToString("N") ?? "",
            entry.RecordingId?.ToString("N") ?? "",
            entry.PupilIds,
            entry.DetailsJson ?? "",
            entry.IpAddress ?? "",
            entry.UserAgent ?? "",
            entry.PreviousHash);

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var bytes = Encoding.UTF8.GetBytes(canonical);
        SHA256.HashData(bytes, hash);
        return Convert.ToHexStringLower(hash);
    }

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
