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
    /// Calls <paramref name="visit"/> for every entry with <c>from &lt;= Sequence &lt;= to</c>, in order, with the same
    /// <see cref="AuditEntry"/> instance refilled each time. Stops when <paramref name="visit"/> returns false.
    /// </summary>
    public async Task<bool> ReadAsync(long from, long to, Func<AuditEntry, bool> visit, CancellationToken cancellationToken)
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
