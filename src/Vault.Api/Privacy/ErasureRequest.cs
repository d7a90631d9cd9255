using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vault.Api.Data;
using Vault.Retention.Erasure;

namespace Vault.Api.Privacy;

public enum ErasureState
{
    /// <summary>Filed; not yet handed to retention (no retention handler available, or the hand-over failed).</summary>
    Ingediend = 0,

    /// <summary>Handed to retention; some recordings are still pending.</summary>
    Doorgegeven = 1,

    /// <summary>Every recording has an outcome.</summary>
    Afgerond = 2,
}

/// <summary>
/// An erasure request (AVG art. 17) for a pupil, filed by a privacy officer: the recordings that include the pupil,
/// handed to retention (redact or destroy), with the outcome per recording. Refers to the pupil by id only.
/// </summary>
public sealed class ErasureRequest : IVersioned
{
    public Guid Id { get; set; }

    public Guid PupilId { get; set; }

    /// <summary>The opleidingsschool whose FG filed it; null for the Instituut's FG. Decides who may see it.</summary>
    public Guid? OpleidingsschoolId { get; set; }

    public Guid RequestedByPersonId { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>The officer's reference (e.g. their case number). No names of pupils or parents.</summary>
    public string? Reference { get; set; }

    public PupilRecordingsSource Source { get; set; }

    public ErasureState State { get; set; }

    public DateTimeOffset? HandedOverAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public List<ErasureRequestRecording> Recordings { get; set; } = [];

    public Guid Version { get; set; }
}

public sealed class ErasureRequestRecording
{
    public Guid ErasureRequestId { get; set; }

    public Guid RecordingId { get; set; }

    public ErasureOutcome Outcome { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }
}

internal sealed class ErasureRequestConfiguration : IEntityTypeConfiguration<ErasureRequest>
{
    public void Configure(EntityTypeBuilder<ErasureRequest> b)
    {
        b.ToTable("ErasureRequests");
        b.Property(r => r.Reference).HasMaxLength(200);
        b.HasIndex(r => new { r.PupilId, r.RequestedAt });
        b.HasIndex(r => new { r.OpleidingsschoolId, r.RequestedAt });
        b.HasMany(r => r.Recordings).WithOne().HasForeignKey(r => r.ErasureRequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ErasureRequestRecordingConfiguration : IEntityTypeConfiguration<ErasureRequestRecording>
{
    public void Configure(EntityTypeBuilder<ErasureRequestRecording> b)
    {
        b.ToTable("ErasureRequestRecordings");
        b.HasKey(r => new { r.ErasureRequestId, r.RecordingId });
        b.Property(r => r.Note).HasMaxLength(1000);
        b.HasIndex(r => r.RecordingId);
    }
}
