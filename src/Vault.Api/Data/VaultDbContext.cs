using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Vault.Api.Agreements;
using Vault.Api.Audit;
using Vault.Api.Organisations;
using Vault.Api.People;
using Vault.Api.Placements;

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

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: audit chaining is asynchronous.");

    /// <summary>
    /// Stamps concurrency tokens and chains pending audit entries onto the log's head inside one transaction.
    /// Two writers racing for the same sequence number collide on its unique key; the loser re-reads the head
    /// and tries again, so the chain stays gap-free and linear on both providers and across processes.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State is EntityState.Added || (entry.State is EntityState.Modified))
            {
                entry.Entity.Version = Guid.NewGuid();
            }
        }

        var pending = ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await AuditGate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var ownTransaction = Database.CurrentTransaction is null;
                await using var transaction = ownTransaction ? await Database.BeginTransactionAsync(cancellationToken) : null;
                try
                {
                    var head = await AuditEntries.AsNoTracking()
                        .OrderByDescending(e => e.Sequence)
                        .Select(e => new { e.Sequence, e.Hash })
                        .FirstOrDefaultAsync(cancellationToken);
                    AuditChain.Link(pending, head?.Sequence ?? 0, head?.Hash ?? AuditChain.Genesis);
                    foreach (var entry in pending)
                    {
                        foreach (var pupil in entry.PupilIds.Split(',', StringSplitOptions.RemoveEmptyEntries))
                        {
                            AuditEntryPupils.Add(new AuditEntryPupil { Sequence = entry.Sequence, PupilId = Guid.ParseExact(pupil, "N") });
                        }
                    }

                    var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
                    if (transaction is not null)
                    {
                        await transaction.CommitAsync(cancellationToken);
                    }

                    return written;
                }
                catch (DbUpdateException) when (ownTransaction && attempt < 5)
                {
                    // Another process took the sequence number: undo the index rows and chain again.
                    await (transaction?.RollbackAsync(cancellationToken) ?? Task.CompletedTask);
                    foreach (var index in ChangeTracker.Entries<AuditEntryPupil>().Where(e => e.State == EntityState.Added).ToList())
                    {
                        index.State = EntityState.Detached;
                    }

                    await Task.Delay(Random.Shared.Next(5, 50) * attempt, cancellationToken);
                }
            }
        }
        finally
        {
            AuditGate.Release();
        }
    }
}

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
