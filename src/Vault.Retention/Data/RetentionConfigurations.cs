using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vault.Retention.Erasure;
using Vault.Retention.Holds;
using Vault.Retention.Notices;
using Vault.Retention.Runs;

namespace Vault.Retention.Data;

internal sealed class LegalHoldConfiguration : IEntityTypeConfiguration<LegalHold>
{
    public void Configure(EntityTypeBuilder<LegalHold> b)
    {
        b.ToTable("LegalHolds");
        b.Property(h => h.Reason).HasMaxLength(2000);
        b.Property(h => h.LiftReason).HasMaxLength(2000);
        b.Property(h => h.PlacedByName).HasMaxLength(200);
        b.Property(h => h.LiftedByName).HasMaxLength(200);
        b.Ignore(h => h.IsActive);
        b.HasIndex(h => h.RecordingId);
        b.HasIndex(h => h.PlacementId);
        b.HasIndex(h => h.LiftedAt);
    }
}

internal sealed class DestructionPlanConfiguration : IEntityTypeConfiguration<DestructionPlan>
{
    public void Configure(EntityTypeBuilder<DestructionPlan> b)
    {
        b.ToTable("DestructionPlans");
        b.HasIndex(p => p.RunDate).IsUnique();
        b.HasMany(p => p.Items).WithOne().HasForeignKey(i => i.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DestructionPlanItemConfiguration : IEntityTypeConfiguration<DestructionPlanItem>
{
    public void Configure(EntityTypeBuilder<DestructionPlanItem> b)
    {
        b.ToTable("DestructionPlanItems");
        b.HasKey(i => new { i.PlanId, i.RecordingId });
        b.Property(i => i.Reason).HasMaxLength(64);
    }
}

internal sealed class RetentionNoticeConfiguration : IEntityTypeConfiguration<RetentionNotice>
{
    public void Configure(EntityTypeBuilder<RetentionNotice> b)
    {
        b.ToTable("RetentionNotices");
        b.Property(n => n.Role).HasMaxLength(64);
        b.HasIndex(n => new { n.PlanId, n.PersonId, n.RecordingId }).IsUnique();
        b.HasIndex(n => n.PersonId);
        b.HasOne<DestructionPlan>().WithMany().HasForeignKey(n => n.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DestructionRunConfiguration : IEntityTypeConfiguration<DestructionRun>
{
    public void Configure(EntityTypeBuilder<DestructionRun> b)
    {
        b.ToTable("DestructionRuns");
        b.Property(r => r.Key).HasMaxLength(100);
        b.Property(r => r.StartedBy).HasMaxLength(200);
        b.Property(r => r.ListSha256).HasMaxLength(64);
        b.HasIndex(r => r.Key).IsUnique();
        b.HasIndex(r => r.StartedAt);
    }
}

internal sealed class DestructionRunItemConfiguration : IEntityTypeConfiguration<DestructionRunItem>
{
    public void Configure(EntityTypeBuilder<DestructionRunItem> b)
    {
        b.ToTable("DestructionRunItems");
        b.HasKey(i => new { i.RunId, i.RecordingId });
        b.Property(i => i.Reason).HasMaxLength(64);
        b.Property(i => i.LastError).HasMaxLength(1000);
        b.HasIndex(i => new { i.RunId, i.State, i.Sequence });
        b.HasIndex(i => i.RecordingId);
        b.HasOne<DestructionRun>().WithMany().HasForeignKey(i => i.RunId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TombstoneConfiguration : IEntityTypeConfiguration<Tombstone>
{
    public void Configure(EntityTypeBuilder<Tombstone> b)
    {
        b.ToTable("Tombstones");
        b.HasKey(t => t.RecordingId);
        b.Property(t => t.RecordingId).ValueGeneratedNever();
        b.Property(t => t.Reason).HasMaxLength(64);
        b.HasIndex(t => t.PlacementId);
        b.HasIndex(t => t.RunId);
        b.HasIndex(t => new { t.OpleidingsschoolId, t.DestroyedAt });
        b.HasIndex(t => t.DestroyedAt);
        b.HasOne<DestructionRun>().WithMany().HasForeignKey(t => t.RunId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RetentionLeaseConfiguration : IEntityTypeConfiguration<RetentionLease>
{
    public void Configure(EntityTypeBuilder<RetentionLease> b)
    {
        b.ToTable("RetentionLeases");
        b.HasKey(l => l.Name);
        b.Property(l => l.Name).HasMaxLength(64);
        b.Property(l => l.Owner).HasMaxLength(200);
        b.HasData(new RetentionLease { Name = RetentionLease.Destruction });
    }
}

internal sealed class ErasureMarkConfiguration : IEntityTypeConfiguration<ErasureMark>
{
    public void Configure(EntityTypeBuilder<ErasureMark> b)
    {
        b.ToTable("ErasureMarks");
        b.HasKey(m => new { m.RequestId, m.RecordingId });
        b.Property(m => m.Note).HasMaxLength(1000);
        b.HasIndex(m => m.Outcome);
        b.HasIndex(m => m.RecordingId);
    }
}
