using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using SQLitePCL;

namespace Vault.Api.Audit;

/// <summary>
/// The verifier's reader for SQLite. SQLite itself assembles each entry's canonical form (see
/// <see cref="AuditChain"/>) in the query — text as stored (what Microsoft.Data.Sqlite encoded as UTF-8), ids as 32
/// lowercase hex digits, instants as the stored UTC ticks, empty for null — and the scanner hashes those bytes
/// straight from SQLite's buffer: four calls into SQLite per row instead of one per column, no string, no
/// <see cref="Guid"/>, no entity. <c>ChainReaderEquivalenceTests</c> holds it to the same verdicts as
/// <see cref="AuditHasher"/>. Ids stored in another form than EF Core's ("D" text) do not match: a verifier treats a
/// changed storage form as a changed row.
/// </summary>
internal static class SqliteChainScanner
{
    private const string NewLine = " || char(10) || ";

    /// <summary>Calls <paramref name="visit"/> for every entry from <paramref name="from"/> to <paramref name="to"/>, in order.</summary>
    public static bool Scan(SqliteConnection connection, IEntityType entries, long from, long to, ChainRowVisitor visit)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(handle, Query(entries), out var statement), handle);
        using (statement)
        {
            Check(raw.sqlite3_bind_int64(statement, 1, from), handle);
            Check(raw.sqlite3_bind_int64(statement, 2, to), handle);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            Span<char> hex = stackalloc char[SHA256.HashSizeInBytes * 2];
            int step;
            while ((step = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                SHA256.HashData(raw.sqlite3_column_blob(statement, 3), hash);
                Convert.TryToHexStringLower(hash, hex, out _);
                var stored = raw.sqlite3_column_blob(statement, 2);
                if (!visit(raw.sqlite3_column_int64(statement, 0), raw.sqlite3_column_blob(statement, 1), stored, System.Text.Ascii.Equals(stored, hex)))
                {
                    return false;
                }
            }

            Check(step == raw.SQLITE_DONE ? raw.SQLITE_OK : step, handle);
            return true;
        }
    }

    /// <summary>
    /// Sequence, PreviousHash, Hash and the canonical form, in the order <see cref="AuditChain.ComputeHash"/> defines;
    /// table and column names as the model maps them.
    /// </summary>
    private static string Query(IEntityType entries)
    {
        string Column(string property) => "\"" + (entries.FindProperty(property)?.GetColumnName() ?? throw new InvalidOperationException($"AuditEntry has no {property}.")) + "\"";
        string Text(string property) => $"ifnull({Column(property)}, '')";
        string Id(string property) => $"ifnull(lower(replace({Column(property)}, '-', '')), '')";
        string[] canonical =
        [
            "'v1'", Text(nameof(AuditEntry.Sequence)), Id(nameof(AuditEntry.Id)), Text(nameof(AuditEntry.OccurredAt)), Id(nameof(AuditEntry.ActorPersonId)),
            Text(nameof(AuditEntry.ActorName)), Text(nameof(AuditEntry.ActorRoles)), Text(nameof(AuditEntry.Action)), Text(nameof(AuditEntry.SubjectType)),
            Text(nameof(AuditEntry.SubjectId)), Id(nameof(AuditEntry.OpleidingsschoolId)), Id(nameof(AuditEntry.SchoolLocationId)), Id(nameof(AuditEntry.RecordingId)),
            Text(nameof(AuditEntry.PupilIds)), Text(nameof(AuditEntry.DetailsJson)), Text(nameof(AuditEntry.IpAddress)), Text(nameof(AuditEntry.UserAgent)),
            Text(nameof(AuditEntry.PreviousHash)),
        ];
        var sequence = Column(nameof(AuditEntry.Sequence));
        return $"SELECT {sequence}, {Column(nameof(AuditEntry.PreviousHash))}, {Column(nameof(AuditEntry.Hash))}, CAST({string.Join(NewLine, canonical)} AS BLOB) " +
            $"FROM \"{entries.GetTableName()}\" WHERE {sequence} >= ?1 AND {sequence} <= ?2 ORDER BY {sequence}";
    }

    private static void Check(int result, sqlite3 handle)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), result);
        }
    }
}

/// <summary>One row of the chain as the verifier needs it: its links as stored (hex, ASCII) and whether its content matches its hash.</summary>
internal delegate bool ChainRowVisitor(long sequence, ReadOnlySpan<byte> previousHash, ReadOnlySpan<byte> hash, bool contentMatches);
