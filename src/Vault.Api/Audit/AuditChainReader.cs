using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Vault.Api.Data;

namespace Vault.Api.Audit;

/// <summary>
/// Streams the audit log in sequence ranges straight from a <see cref="DbDataReader"/> into one reused
/// <see cref="AuditEntry"/>: no change tracking, no materialiser, no entity per row. Ranges rather than LIMIT keep
/// the SQL the same on SQLite and SQL Server (sequences are gap-free, and a gap is what verification looks for),
/// and keep each read transaction short. Column names come from the EF model, so the mapping has one source.
/// </summary>
internal sealed class AuditChainReader(VaultDbContext db)
{
    private static readonly string[] Columns =
    [
        nameof(AuditEntry.Sequence), nameof(AuditEntry.Id), nameof(AuditEntry.OccurredAt), nameof(AuditEntry.ActorPersonId),
        nameof(AuditEntry.ActorName), nameof(AuditEntry.ActorRoles), nameof(AuditEntry.Action), nameof(AuditEntry.SubjectType),
        nameof(AuditEntry.SubjectId), nameof(AuditEntry.OpleidingsschoolId), nameof(AuditEntry.SchoolLocationId),
        nameof(AuditEntry.RecordingId), nameof(AuditEntry.PupilIds), nameof(AuditEntry.DetailsJson), nameof(AuditEntry.IpAddress),
        nameof(AuditEntry.UserAgent), nameof(AuditEntry.PreviousHash), nameof(AuditEntry.Hash),
    ];

    /// <summary>The highest sequence number at the start of the run; entries written later are not part of it.</summary>
    public async Task<long> HeadAsync(CancellationToken cancellationToken) =>
        await db.AuditEntries.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;

    /// <summary>
    /// Calls <paramref name="visit"/> for every entry with <c>from &lt;= Sequence &lt;= to</c>, in order, with its stored
    /// links and whether its content matches its hash. Stops when <paramref name="visit"/> returns false. On SQLite
    /// the rows are hashed straight from SQLite's buffers (<see cref="SqliteChainScanner"/>).
    /// </summary>
    public async Task<bool> ReadAsync(long from, long to, ChainRowVisitor visit, CancellationToken cancellationToken)
    {
        var entity = db.Model.FindEntityType(typeof(AuditEntry))!;
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                return SqliteChainScanner.Scan((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection(), entity, from, to, visit);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        return await ReadPortableAsync(from, to, visit, cancellationToken);
    }

    /// <summary>The provider-neutral form of <see cref="ReadAsync"/> (SQL Server), through ADO.NET and <see cref="AuditHasher"/>.</summary>
    public async Task<bool> ReadPortableAsync(long from, long to, ChainRowVisitor visit, CancellationToken cancellationToken)
    {
        var hasher = new AuditHasher();
        byte[] previous = [], hash = [];
        return await ReadEntriesAsync(from, to, entry => visit(entry.Sequence, Ascii(entry.PreviousHash, ref previous), Ascii(entry.Hash, ref hash), hasher.Matches(entry)), cancellationToken);

        static ReadOnlySpan<byte> Ascii(string text, ref byte[] buffer)
        {
            if (buffer.Length < System.Text.Encoding.UTF8.GetMaxByteCount(text.Length))
            {
                buffer = new byte[System.Text.Encoding.UTF8.GetMaxByteCount(text.Length)];
            }

            return buffer.AsSpan(0, System.Text.Encoding.UTF8.GetBytes(text, buffer));
        }
    }

    /// <summary>
    /// Calls <paramref name="visit"/> for every entry with <c>from &lt;= Sequence &lt;= to</c>, in order, with the same
    /// <see cref="AuditEntry"/> instance refilled each time. Stops when <paramref name="visit"/> returns false.
    /// </summary>
    public async Task<bool> ReadEntriesAsync(long from, long to, Func<AuditEntry, bool> visit, CancellationToken cancellationToken)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var entity = db.Model.FindEntityType(typeof(AuditEntry))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
        var sequence = Column(nameof(AuditEntry.Sequence));
        var ticks = db.Database.IsSqlite();

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText =
                $"SELECT {string.Join(", ", Columns.Select(Column))} FROM {sql.DelimitIdentifier(table.Name, table.Schema)} " +
                $"WHERE {sequence} >= @from AND {sequence} <= @to ORDER BY {sequence}";
            AddParameter(command, "@from", from);
            AddParameter(command, "@to", to);
            await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
            var entry = new AuditEntry { ActorName = "", ActorRoles = "", Action = "", SubjectType = "", PreviousHash = "", Hash = "" };
            while (await reader.ReadAsync(cancellationToken))
            {
                entry.Sequence = reader.GetInt64(0);
                entry.Id = reader.GetGuid(1);
                entry.OccurredAt = ticks ? new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero) : reader.GetFieldValue<DateTimeOffset>(2);
                entry.ActorPersonId = reader.IsDBNull(3) ? null : reader.GetGuid(3);
                entry.ActorName = reader.GetString(4);
                entry.ActorRoles = reader.GetString(5);
                entry.Action = reader.GetString(6);
                entry.SubjectType = reader.GetString(7);
                entry.SubjectId = reader.IsDBNull(8) ? null : reader.GetString(8);
                entry.OpleidingsschoolId = reader.IsDBNull(9) ? null : reader.GetGuid(9);
                entry.SchoolLocationId = reader.IsDBNull(10) ? null : reader.GetGuid(10);
                entry.RecordingId = reader.IsDBNull(11) ? null : reader.GetGuid(11);
                entry.PupilIds = reader.GetString(12);
                entry.DetailsJson = reader.IsDBNull(13) ? null : reader.GetString(13);
                entry.IpAddress = reader.IsDBNull(14) ? null : reader.GetString(14);
                entry.UserAgent = reader.IsDBNull(15) ? null : reader.GetString(15);
                entry.PreviousHash = reader.GetString(16);
                entry.Hash = reader.GetString(17);
                if (!visit(entry))
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void AddParameter(DbCommand command, string name, long value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
