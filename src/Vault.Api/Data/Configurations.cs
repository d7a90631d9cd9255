using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vault.Api.Agreements;
using Vault.Api.Audit;
using Vault.Api.Organisations;
using Vault.Api.People;
using Vault.Api.Placements;

namespace Vault.Api.Data;

internal sealed class OpleidingsschoolConfiguration : IEntityTypeConfiguration<Opleidingsschool>
{
    public void Configure(EntityTypeBuilder<Opleidingsschool> b)
    {
        b.Property(o => o.Code).HasMaxLength(32);
        b.Property(o => o.Name).HasMaxLength(200);
        b.HasIndex(o => o.Code).IsUnique();
        b.OwnsOne(o => o.Policy, p =>
        {
            p.Property(x => x.ClosedEnvironmentRules).HasColumnName("Policy_ClosedEnvironmentRules");
            p.Property(x => x.RequiredRecordingsPerPlacement).HasColumnName("Policy_RequiredRecordings");
            p.Property(x => x.OfferSoundOnlyFallback).HasColumnName("Policy_OfferSoundOnly");
            p.Property(x => x.WithdrawalReviewDays).HasColumnName("Policy_WithdrawalReviewDays");
            p.HasData(OpleidingsschoolSeed.All.Select(s => new
            {
                OpleidingsschoolId = s.Id,
                ClosedEnvironmentRules = s.IsHaagse,
                RequiredRecordingsPerPlacement = s.IsHaagse ? 2 : 0,
                OfferSoundOnlyFallback = true,
                WithdrawalReviewDays = 14,
            }));
        });
        b.Navigation(o => o.Policy).IsRequired();
        b.HasMany(o => o.Locations).WithOne(l => l.Opleidingsschool).HasForeignKey(l => l.OpleidingsschoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasData(OpleidingsschoolSeed.All.Select(s => new { s.Id, s.Code, s.Name, s.IsHaagse, Version = s.Id }));
    }
}

internal sealed class SchoolLocationConfiguration : IEntityTypeConfiguration<SchoolLocation>
{
    public void Configure(EntityTypeBuilder<SchoolLocation> b)
    {
        b.Property(l => l.Name).HasMaxLength(200);
        b.Property(l => l.BrinCode).HasMaxLength(16);
        b.Property(l => l.City).HasMaxLength(100);
        b.HasIndex(l => new { l.OpleidingsschoolId, l.Name }).IsUnique();
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.Property(p => p.DisplayName).HasMaxLength(200);
        b.Property(p => p.Email).HasMaxLength(320);
        b.Property(p => p.EntraObjectId).HasMaxLength(64);
        b.Property(p => p.EntraTenantId).HasMaxLength(64);
        b.HasIndex(p => new { p.EntraTenantId, p.EntraObjectId }).IsUnique().HasFilter("EntraObjectId IS NOT NULL");
        b.HasIndex(p => p.EntraObjectId);
        b.HasMany(p => p.Roles).WithOne().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> b)
    {
        b.Property(r => r.Role).HasMaxLength(64);
        b.HasIndex(r => new { r.PersonId, r.Role, r.OpleidingsschoolId, r.SchoolLocationId }).IsUnique();
        b.HasOne<Opleidingsschool>().WithMany().HasForeignKey(r => r.OpleidingsschoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SchoolLocation>().WithMany().HasForeignKey(r => r.SchoolLocationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlacementConfiguration : IEntityTypeConfiguration<Placement>
{
    public void Configure(EntityTypeBuilder<Placement> b)
    {
        b.Property(p => p.EndNote).HasMaxLength(1000);
        b.Property(p => p.Employer).HasMaxLength(200);
        b.HasOne<Person>().WithMany().HasForeignKey(p => p.StudentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SchoolLocation>().WithMany().HasForeignKey(p => p.SchoolLocationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Coaches).WithOne().HasForeignKey(c => c.PlacementId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => p.StudentId);
        b.HasIndex(p => p.SchoolLocationId);
        b.Ignore(p => p.LastDay);
        b.Ignore(p => p.CurrentCoaches);
    }
}

internal sealed class PlacementCoachConfiguration : IEntityTypeConfiguration<PlacementCoach>
{
    public void Configure(EntityTypeBuilder<PlacementCoach> b)
    {
        b.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.PersonId, c.RemovedAt });
    }
}

internal sealed class AgreementVersionConfiguration : IEntityTypeConfiguration<AgreementVersion>
{
    public void Configure(EntityTypeBuilder<AgreementVersion> b)
    {
        b.Property(a => a.VersionLabel).HasMaxLength(64);
        b.Property(a => a.Title).HasMaxLength(300);
        b.Property(a => a.TextSha256).HasMaxLength(64);
        b.HasIndex(a => new { a.Kind, a.VersionLabel }).IsUnique();
        b.HasIndex(a => a.TextSha256).IsUnique();
    }
}

internal sealed class AgreementAcceptanceConfiguration : IEntityTypeConfiguration<AgreementAcceptance>
{
    public void Configure(EntityTypeBuilder<AgreementAcceptance> b)
    {
        b.Property(a => a.TextSha256).HasMaxLength(64);
        b.Property(a => a.Reference).HasMaxLength(200);
        b.Property(a => a.IpAddress).HasMaxLength(64);
        b.Property(a => a.UserAgent).HasMaxLength(512);
        b.HasOne(a => a.AgreementVersion).WithMany().HasForeignKey(a => a.AgreementVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(a => a.StudentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Placement>().WithMany().HasForeignKey(a => a.PlacementId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.StudentId, a.AgreementVersionId, a.Party, a.PlacementId });
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasKey(e => e.Sequence);
        b.Property(e => e.Sequence).ValueGeneratedNever();
        b.HasIndex(e => e.Id).IsUnique();
        b.Property(e => e.ActorName).HasMaxLength(200);
        b.Property(e => e.ActorRoles).HasMaxLength(400);
        b.Property(e => e.Action).HasMaxLength(100);
        b.Property(e => e.SubjectType).HasMaxLength(100);
        b.Property(e => e.SubjectId).HasMaxLength(100);
        b.Property(e => e.IpAddress).HasMaxLength(64);
        b.Property(e => e.UserAgent).HasMaxLength(512);
        b.Property(e => e.PreviousHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
        b.HasIndex(e => e.RecordingId);
        b.HasIndex(e => e.ActorPersonId);
        b.HasIndex(e => e.OccurredAt);
        b.HasIndex(e => new { e.Action, e.OccurredAt });
    }
}

internal sealed class AuditEntryPupilConfiguration : IEntityTypeConfiguration<AuditEntryPupil>
{
    public void Configure(EntityTypeBuilder<AuditEntryPupil> b)
    {
        b.HasKey(e => new { e.PupilId, e.Sequence });
        b.HasOne<AuditEntry>().WithMany().HasForeignKey(e => e.Sequence).OnDelete(DeleteBehavior.Restrict);
    }
}
