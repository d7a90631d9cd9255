using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vault.Api.Audit;

/// <summary>
/// Computes an entry's chain hash without building strings: the canonical form (see <see cref="AuditChain"/>) is
/// written as UTF-8 into one reusable buffer and hashed in place. One instance per thread of work (verification
/// keeps one for the whole run); not thread-safe.
/// </summary>
internal sealed class AuditHasher
{
    private const byte NewLine = (byte)'\n';
    private byte[] buffer = new byte[2048];
    private int length;

    /// <summary>Writes the SHA-256 of the entry's canonical form into <paramref name="destination"/> (32 bytes).</summary>
    public void Hash(AuditEntry entry, Span<byte> destination)
    {
        length = 0;
        Write("v1");
        Write(entry.Sequence);
        Write(entry.Id);
        Write(entry.OccurredAt.UtcTicks);
        Write(entry.ActorPersonId);
        Write(entry.ActorName);
        Write(entry.ActorRoles);
        Write(entry.Action);
        Write(entry.SubjectType);
        Write(entry.SubjectId);
        Write(entry.OpleidingsschoolId);
        Write(entry.SchoolLocationId);
        Write(entry.RecordingId);
        Write(entry.PupilIds);
        Write(entry.DetailsJson);
        Write(entry.IpAddress);
        Write(entry.UserAgent);
        Write(entry.PreviousHash, last: true);
        SHA256.HashData(buffer.AsSpan(0, length), destination);
    }

    public string HashHex(AuditEntry entry)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(entry, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>True when the entry's stored <see cref="AuditEntry.Hash"/> is the hash of its content (no allocation).</summary>
    public bool Matches(AuditEntry entry)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(entry, hash);
        Span<char> hex = stackalloc char[SHA256.HashSizeInBytes * 2];
        Convert.TryToHexStringLower(hash, hex, out _);
        return hex.SequenceEqual(entry.Hash);
    }

    private void Write(string? value, bool last = false)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Ensure(Encoding.UTF8.GetMaxByteCount(value.Length));
            length += Encoding.UTF8.GetBytes(value, buffer.AsSpan(length));
        }

        if (!last)
        {
            Ensure(1);
            buffer[length++] = NewLine;
        }
    }

    private void Write(long value)
    {
        Ensure(21);
        value.TryFormat(buffer.AsSpan(length), out var written, default, CultureInfo.InvariantCulture);
        length += written;
        buffer[length++] = NewLine;
    }

    private void Write(Guid? value)
    {
        Ensure(33);
        if (value is { } guid)
        {
            guid.TryFormat(buffer.AsSpan(length), out var written, "N");
            length += written;
        }

        buffer[length++] = NewLine;
    }

    private void Ensure(int extra)
    {
        if (length + extra > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + extra));
        }
    }
}
