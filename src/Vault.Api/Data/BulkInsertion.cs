using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Vault.Shared.Data;

namespace Vault.Api.Data;

/// <summary>
/// Writes new <see cref="IInsertedInBulk"/> rows as multi-row INSERT statements on the context's connection and
/// transaction, after EF Core has saved everything else (their principals among it). One statement carries at most
/// <see cref="MaxParameters"/> parameters, which both SQLite and SQL Server (2,100) accept.
/// </summary>
internal static class BulkInsertion
{
    private const int MaxParameters = 999;

    /// <summary>
    /// Takes the added bulk rows out of the change tracker so that EF Core does not insert them one by one. The
    /// caller must keep automatic change detection off until <see cref="WriteAsync"/> and <see cref="Accept"/> ran.
    /// </summary>
    public static List<object> TakeAdded(DbContext db)
    {
        var rows = new List<object>();
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added && e.Entity is IInsertedInBulk).ToList())
        {
            rows.Add(entry.Entity);
            entry.State = EntityState.Detached;
        }

        return rows;
    }

    public static async Task WriteAsync(DbContext db, IReadOnlyList<object> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk rows are written inside the unit of work's transaction.");
        var sql = db.GetService<ISqlGenerationHelper>();
        foreach (var group in rows.GroupBy(r => r.GetType()))
        {
            var entityType = db.Model.FindEntityType(group.Key)
                ?? throw new InvalidOperationException($"{group.Key.Name} is not part of the vault's model.");
            var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            var columns = entityType.GetProperties().Select(p => (Property: p, Column: p.GetColumnName(table)!, Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping())).ToList();
            var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column)))}) VALUES ";
            foreach (var chunk in group.Chunk(MaxParameters / columns.Count))
            {
                await using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;
                var text = new StringBuilder(head);
                var index = 0;
                for (var row = 0; row < chunk.Length; row++)
                {
                    text.Append(row == 0 ? "(" : ", (");
                    for (var column = 0; column < columns.Count; column++)
                    {
                        var (property, _, mapping) = columns[column];
                        var name = $"@b{index++}";
                        text.Append(column == 0 ? name : ", " + name);
                        command.Parameters.Add(mapping.CreateParameter(command, name, property.GetGetter().GetClrValue(chunk[row]), property.IsNullable));
                    }

                    text.Append(')');
                }

                command.CommandText = text.ToString();
                try
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (DbException exception)
                {
                    // The same failure EF Core reports for a refused insert, so callers handle one exception type.
                    throw new DbUpdateException($"Writing {chunk.Length} {entityType.DisplayName()} rows failed: {exception.Message}", exception);
                }
            }
        }
    }

    /// <summary>Tracks written rows as unchanged, so that a later save of the same context does not insert them again.</summary>
    public static void Accept(DbContext db, IEnumerable<object> rows)
    {
        foreach (var row in rows)
        {
            db.Entry(row).State = EntityState.Unchanged;
        }
    }

    /// <summary>Puts rows that were not written back as added, as if the failed save had never started.</summary>
    public static void Restore(DbContext db, IEnumerable<object> rows)
    {
        foreach (var row in rows)
        {
            db.Entry(row).State = EntityState.Added;
        }
    }

    /// <summary>Refuses bulk row types that the writer cannot insert faithfully.</summary>
    public static void Validate(IModel model)
    {
        foreach (var entityType in model.GetEntityTypes().Where(t => typeof(IInsertedInBulk).IsAssignableFrom(t.ClrType)))
        {
            var problem = entityType.IsOwned() || entityType.GetNavigations().Any(n => n.TargetEntityType.IsOwned()) ? "has owned types"
                : entityType.GetProperties().Any(p => p.ValueGenerated != ValueGenerated.Never && !(p.IsKey() && p.ClrType == typeof(Guid)) && !p.IsForeignKey()) ? "has store-generated values"
                : entityType.GetReferencingForeignKeys().Any() ? "is referenced by another table"
                : entityType.GetTableName() is null ? "is not mapped to a table"
                : null;
            if (problem is not null)
            {
                throw new InvalidOperationException($"{entityType.DisplayName()} is marked {nameof(IInsertedInBulk)} but {problem}.");
            }
        }
    }
}
