using Microsoft.EntityFrameworkCore;
using Vault.Retention.Data;
using Vault.Retention.Holds;
using Vault.Retention.Notices;
using Vault.Retention.Runs;

namespace Vault.Api.Data;

/// <summary>The retention module's tables, and the placement facts it may read.</summary>
public abstract partial class VaultDbContext : IRetentionDb
{
    public DbSet<LegalHold> LegalHolds => Set<LegalHold>();

    public DbSet<DestructionPlan> DestructionPlans => Set<DestructionPlan>();

    public DbSet<DestructionPlanItem> DestructionPlanItems => Set<DestructionPlanItem>();

    public DbSet<RetentionNotice> RetentionNotices => Set<RetentionNotice>();

    public DbSet<DestructionRun> DestructionRuns => Set<DestructionRun>();

    public DbSet<DestructionRunItem> DestructionRunItems => Set<DestructionRunItem>();

    public DbSet<Tombstone> Tombstones => Set<Tombstone>();

    public DbSet<RetentionLease> RetentionLeases => Set<RetentionLease>();

    public DbSet<Vault.Retention.Erasure.ErasureMark> ErasureMarks => Set<Vault.Retention.Erasure.ErasureMark>();

    async Task<RetentionPlacement?> IRetentionDb.FindPlacementAsync(Guid placementId, CancellationToken cancellationToken) =>
        await Placements.AsNoTracking()
            .Where(p => p.Id == placementId)
            .Join(SchoolLocations, p => p.SchoolLocationId, l => l.Id, (p, l) => new RetentionPlacement(p.Id, l.Id, l.OpleidingsschoolId))
            .FirstOrDefaultAsync(cancellationToken);
}
