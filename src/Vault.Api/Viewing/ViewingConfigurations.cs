using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vault.Api.Recordings;

namespace Vault.Api.Viewing;

internal sealed class RecordingCommentConfiguration : IEntityTypeConfiguration<RecordingComment>
{
    public void Configure(EntityTypeBuilder<RecordingComment> b)
    {
        b.ToTable("RecordingComments");
        b.Property(c => c.AuthorName).HasMaxLength(200);
        b.Property(c => c.Text).HasMaxLength(4000);
        b.HasOne<Recording>().WithMany().HasForeignKey(c => c.RecordingId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.RecordingId, c.AtSeconds });
    }
}

internal sealed class RecordingClipConfiguration : IEntityTypeConfiguration<RecordingClip>
{
    public void Configure(EntityTypeBuilder<RecordingClip> b)
    {
        b.ToTable("RecordingClips");
        b.Property(c => c.Name).HasMaxLength(200);
        b.HasOne<Recording>().WithMany().HasForeignKey(c => c.RecordingId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => c.RecordingId);
    }
}

internal sealed class ExtraAssessorConfiguration : IEntityTypeConfiguration<ExtraAssessor>
{
    public void Configure(EntityTypeBuilder<ExtraAssessor> b)
    {
        b.ToTable("ExtraAssessors");
        b.Property(a => a.Reason).HasMaxLength(500);
        b.HasOne<Recording>().WithMany().HasForeignKey(a => a.RecordingId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.RecordingId, a.PersonId });
    }
}

internal sealed class CopyrightRefusalConfiguration : IEntityTypeConfiguration<CopyrightRefusal>
{
    public void Configure(EntityTypeBuilder<CopyrightRefusal> b)
    {
        b.ToTable("CopyrightRefusals");
        b.HasIndex(r => new { r.StudentId, r.PlacementId }).IsUnique();
    }
}
