using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vault.Api.Placements;

namespace Vault.Api.Recordings;

internal sealed class RecordingConfiguration : IEntityTypeConfiguration<Recording>
{
    public void Configure(EntityTypeBuilder<Recording> b)
    {
        b.ToTable("Recordings");
        b.Property(r => r.FileName).HasMaxLength(260);
        b.Property(r => r.RenditionError).HasMaxLength(1000);
        b.Property(r => r.ReviewReason).HasMaxLength(200);
        b.HasOne<Placement>().WithMany().HasForeignKey(r => r.PlacementId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => r.PlacementId);
        b.HasIndex(r => r.StudentId);
        b.HasIndex(r => r.TicketId).IsUnique();
        b.OwnsOne(r => r.Content, Content);
        b.OwnsOne(r => r.WebRendition, Content);
        b.Navigation(r => r.Content).IsRequired();
        b.Ignore(r => r.Playable);
    }

    private static void Content<T>(OwnedNavigationBuilder<T, RecordingContent> c)
        where T : class
    {
        c.Property(x => x.BlobName).HasMaxLength(200);
        c.Property(x => x.ContentType).HasMaxLength(100);
        c.Property(x => x.Sha256).HasMaxLength(64);
        c.Property(x => x.VideoCodec).HasMaxLength(32);
        c.Property(x => x.AudioCodec).HasMaxLength(32);
    }
}

internal sealed class UploadSessionConfiguration : IEntityTypeConfiguration<UploadSession>
{
    public void Configure(EntityTypeBuilder<UploadSession> b)
    {
        b.ToTable("UploadSessions");
        b.Property(u => u.FileName).HasMaxLength(260);
        b.Property(u => u.RefusalType).HasMaxLength(100);
        b.HasIndex(u => new { u.Status, u.ExpiresAt });
        b.HasIndex(u => u.StudentId);
        b.HasMany(u => u.Segments).WithOne().HasForeignKey(s => s.UploadId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(u => u.StagingPrefix);
    }
}

internal sealed class UploadSegmentConfiguration : IEntityTypeConfiguration<UploadSegment>
{
    public void Configure(EntityTypeBuilder<UploadSegment> b)
    {
        b.ToTable("UploadSegments");
        b.HasKey(s => new { s.UploadId, s.Index });
    }
}
