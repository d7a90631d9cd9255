using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Vault.Retention.Erasure;
using Vault.Retention.Holds;
using Vault.Retention.Notices;
using Vault.Retention.Runs;

namespace Vault.Retention.Data;

/// <summary>Where a placement is: enough for a privacy officer's scope check.</summary>
public sealed record RetentionPlacement(Guid PlacementId, Guid SchoolLocationId, Guid OpleidingsschoolId);

/// <summary>
/// The retention module's view of the vault's database, implemented by the host's <c>VaultDbContext</c>. Saving
/// also writes the audit events recorded through <c>IAuditTrail</c> in the same scope, in one transaction.
/// </summary>
public interface IRetentionDb
{
    DbSet<LegalHold> LegalHolds { get; }

    DbSet<DestructionPlan> DestructionPlans { get; }

    DbSet<DestructionPlanItem> DestructionPlanItems { get; }

    DbSet<RetentionNotice> RetentionNotices { get; }

    DbSet<DestructionRun> DestructionRuns { get; }

    DbSet<DestructionRunItem> DestructionRunItems { get; }

    DbSet<Tombstone> Tombstones { get; }

    DbSet<RetentionLease> RetentionLeases { get; }

    DbSet<ErasureMark> ErasureMarks { get; }

    /// <summary>Raised after a save succeeded (EF Core's <c>DbContext.SavedChanges</c>): work handed over in the unit of work may start.</summary>
    event EventHandler<SavedChangesEventArgs>? SavedChanges;

    ChangeTracker ChangeTracker { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>The placement and its schoollocatie, or null when there is no such placement.</summary>
    Task<RetentionPlacement?> FindPlacementAsync(Guid placementId, CancellationToken cancellationToken);
}
