using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vault.Consent.Gate;

namespace Vault.Consent.Registry;

internal sealed class PupilConfiguration : IEntityTypeConfiguration<Pupil>
{
    public void Configure(EntityTypeBuilder<Pupil> b)
    {
        b.ToTable("ConsentPupils");
        b.Property(p => p.PupilNumber).HasMaxLength(32);
        b.Property(p => p.Name).HasMaxLength(200);
        b.HasIndex(p => new { p.SchoolLocationId, p.PupilNumber }).IsUnique();
    }
}

internal sealed class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> b)
    {
        b.ToTable("ConsentGroups");
        b.Property(g => g.Name).HasMaxLength(64);
        b.HasIndex(g => new { g.SchoolLocationId, g.SchoolYear, g.Name }).IsUnique();
    }
}

internal sealed class GroupMembershipConfiguration : IEntityTypeConfiguration<GroupMembership>
{
    public void Configure(EntityTypeBuilder<GroupMembership> b)
    {
        b.ToTable("ConsentGroupMemberships");
        b.HasOne<Group>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Pupil>().WithMany().HasForeignKey(m => m.PupilId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => new { m.GroupId, m.PupilId });
        b.HasIndex(m => m.PupilId);
    }
}

internal sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> b)
    {
        b.ToTable("ConsentRecords");
        b.HasOne<Pupil>().WithMany().HasForeignKey(r => r.PupilId).OnDelete(DeleteBehavior.Restrict);

        // The gate reads one group's pupils' records for one school year in one query.
        b.HasIndex(r => new { r.PupilId, r.SchoolYear, r.GivenOn });
        b.HasIndex(r => new { r.SchoolLocationId, r.SchoolYear });
    }
}

internal sealed class GateDecisionConfiguration : IEntityTypeConfiguration<GateDecision>
{
    public void Configure(EntityTypeBuilder<GateDecision> b)
    {
        b.ToTable("GateDecisions");
        b.Property(d => d.ReasonsJson).HasMaxLength(16_000);
        b.Property(d => d.RulesApplied).HasMaxLength(400);
        b.Property(d => d.Conditions).HasMaxLength(400);
        b.HasIndex(d => d.TicketId).IsUnique().HasFilter("TicketId IS NOT NULL");
        b.HasIndex(d => d.RedeemedByRecordingId);
        b.HasIndex(d => new { d.PlacementId, d.Allowed });
        b.HasMany(d => d.Present).WithOne().HasForeignKey(p => p.DecisionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GatePresenceConfiguration : IEntityTypeConfiguration<GatePresence>
{
    public void Configure(EntityTypeBuilder<GatePresence> b)
    {
        b.ToTable("GatePresences");
        b.HasKey(p => new { p.DecisionId, p.PupilId });
        b.HasIndex(p => p.PupilId);
    }
}
