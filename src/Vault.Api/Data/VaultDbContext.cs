using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Vault.Api.Agreements;
using Vault.Api.Audit;
using Vault.Api.Organisations;
using Vault.Api.People;
using Vault.Api.Placements;
using Vault.Shared.Data;

namespace Vault.Api.Data;

/// <summary>
/// The vault's one database. The host owns organisations, people, placements, agreements and the audit log;
/// the modules (Consent, Retention) contribute their own entity configurations from their assemblies.
/// Provider-specific subclasses carry their own migrations: <see cref="SqliteVaultDbContext"/> (embedded
/// default) and <see cref="SqlServerVaultDbContext"/> (production).
/// </summary>
public abstract partial class VaultDbContext(DbContextOptions options) : DbContext(options)
{
    private static readonly SemaphoreSlim AuditGate = new(1, 1);

    private static readonly Func<VaultDbContext, CancellationToken, Task<ChainHead?>> ChainHeadQuery = EF.CompileAsyncQuery(
        (VaultDbContext db, CancellationToken _) => db.AuditEntries.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new ChainHead(e.Sequence, e.Hash))
            .FirstOrDefault());

    /// <summary>Rows queued by <see cref="InsertInBulk"/> for the next save; never in the change tracker.</summary>
    private readonly List<IInsertedInBulk> queued = [];

    public DbSet<Opleidingsschool> Opleidingsscholen => Set<Opleidingsschool>();

    public DbSet<SchoolLocation> SchoolLocations => Set<SchoolLocation>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();

    public DbSet<Placement> Placements => Set<Placement>();

    public DbSet<PlacementCoach> PlacementCoaches => Set<PlacementCoach>();

    public DbSet<AgreementVersion> AgreementVersions => Set<AgreementVersion>();

    public DbSet<AgreementAcceptance> AgreementAcceptances => Set<AgreementAcceptance>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<AuditEntryPupil> AuditEntryPupils => Set<AuditEntryPupil>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(VaultDbContext).Assembly);
        foreach (var assembly in ModuleModels.Assemblies)
        {
            modelBuilder.ApplyConfigurationsFromAssembly(assembly);
        }

        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType)))
        {
            modelBuilder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: a privacy officer reading the database sees "Werkplekbegeleider", not 1.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(64);
    }

    /// <summary>
    /// Queues new rows for the next save, which writes them with its other bulk rows (<see cref="BulkInsertion"/>) in its
    /// transaction without ever tracking them: for rows the unit of work does not read back (a decision's presence list).
    /// A failed save keeps them queued, as it keeps added entities added; a context returned to the pool forgets them.
    /// </summary>
    public void InsertInBulk(IEnumerable<IInsertedInBulk> rows) => queued.AddRange(rows);

    public override void Dispose()
    {
        queued.Clear();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        queued.Clear();
        return base.DisposeAsync();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: audit chaining is asynchronous.");

    /// <summary>
    /// Stamps concurrency tokens, chains pending audit entries onto the log's head and writes bulk rows
    /// (<see cref="IInsertedInBulk"/>) in multi-row statements, all inside one transaction. Two writers racing for
    /// the same sequence number collide on its unique key; the loser re-reads the head and tries again, so the chain
    /// stays gap-free and linear on both providers and across processes.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // One scan of the graph; the rest of the save works on what it found. The bulk rows stay out of the change
        // tracker until they are written, also when a navigation still holds them.
        var detecting = ChangeTracker.AutoDetectChangesEnabled;
        if (detecting)
        {
            ChangeTracker.DetectChanges();
        }

        ChangeTracker.AutoDetectChangesEnabled = false;
        List<object> bulk = [];
        var gated = false;
        try
        {
            foreach (var entry in ChangeTracker.Entries<IVersioned>())
            {
                if (entry.State is EntityState.Added || (entry.State is EntityState.Modified))
                {
                    entry.Property(e => e.Version).CurrentValue = Guid.NewGuid();
                }
            }

            var pending = ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
            bulk = BulkInsertion.TakeAdded(this);
            var untracked = queued.ToList();
            if (pending.Count == 0 && bulk.Count == 0 && untracked.Count == 0)
            {
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }

            if (pending.Count > 0)
            {
                await AuditGate.WaitAsync(cancellationToken);
                gated = true;
            }

            for (var attempt = 1; ; attempt++)
            {
                var ownTransaction = Database.CurrentTransaction is null;
                await using var transaction = ownTransaction ? await Database.BeginTransactionAsync(cancellationToken) : null;
                var indexRows = new List<object>();
                try
                {
                    if (gated)
                    {
                        var head = await ChainHeadQuery(this, cancellationToken);
                        AuditChain.Link(pending, head?.Sequence ?? 0, head?.Hash ?? AuditChain.Genesis);
                        foreach (var entry in pending)
                        {
                            Entry(entry).DetectChanges();
                        }

                        indexRows.AddRange(pending.SelectMany(entry => entry.PupilIds.Split(',', StringSplitOptions.RemoveEmptyEntries)
                            .Select(pupil => new AuditEntryPupil { Sequence = entry.Sequence, PupilId = Guid.ParseExact(pupil, "N") })));
                    }

                    var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
                    await BulkInsertion.WriteAsync(this, [.. bulk, .. untracked, .. indexRows], cancellationToken);
                    if (transaction is not null)
                    {
                        await transaction.CommitAsync(cancellationToken);
                    }

                    if (acceptAllChangesOnSuccess)
                    {
                        ChangeTracker.AcceptAllChanges();
                    }

                    BulkInsertion.Accept(this, bulk);
                    queued.Clear();
                    return written + bulk.Count + untracked.Count + indexRows.Count;
                }
                catch (DbUpdateException) when (gated && ownTransaction && attempt < 5)
                {
                    // Another process took the sequence number: chain again after its entries.
                    await (transaction?.RollbackAsync(cancellationToken) ?? Task.CompletedTask);
                    await Task.Delay(Random.Shared.Next(5, 50) * attempt, cancellationToken);
                }
            }
        }
        catch
        {
            BulkInsertion.Restore(this, bulk);
            throw;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
            if (gated)
            {
                AuditGate.Release();
            }
        }
    }
}

/// <summary>The audit log's last entry, which the next entry chains onto.</summary>
internal sealed record ChainHead(long Sequence, string Hash);

/// <summary>Module assemblies whose entity configurations belong to <see cref="VaultDbContext"/>.</summary>
public static class ModuleModels
{
    public static readonly System.Reflection.Assembly[] Assemblies =
    [
        typeof(Vault.Consent.ConsentModule).Assembly,
        typeof(Vault.Retention.RetentionModule).Assembly,
    ];
}

/// <summary>The embedded default: one SQLite file under the data folder.</summary>
public sealed class SqliteVaultDbContext(DbContextOptions<SqliteVaultDbContext> options) : VaultDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite cannot compare or order DateTimeOffset values; the vault stores UTC instants as sortable integers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }
}

/// <summary>The production provider (Azure SQL). Its migrations are applied as a deployment step.</summary>
public sealed class SqlServerVaultDbContext(DbContextOptions<SqlServerVaultDbContext> options) : VaultDbContext(options);

internal sealed class DateTimeOffsetToUtcTicksConverter()
    : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
