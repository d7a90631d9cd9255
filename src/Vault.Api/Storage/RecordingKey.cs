using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vault.Api.Storage;

/// <summary>
/// A per-recording 256-bit key, wrapped under the master key. The blob SDK uses it as key-encryption key for the
/// blob's own content key. Destroying it (crypto-shredding) makes every copy of the blob undecryptable: the
/// blob itself, a snapshot, a backup. Upload staging has keys of its own, destroyed with the upload.
/// </summary>
internal sealed class RecordingKey
{
    public Guid Id { get; set; }

    /// <summary>The key wrapped with AES key wrap (RFC 5649) under the master key; empty once destroyed.</summary>
    public byte[] WrappedKey { get; set; } = [];

    /// <summary>Which master key wrapped it (<see cref="MasterKey.Id"/>).</summary>
    public required string MasterKeyId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DestroyedAt { get; set; }

    public bool IsDestroyed => DestroyedAt is not null;

    /// <summary>Crypto-shredding: the wrapped key is overwritten; no master key can bring it back.</summary>
    public void Destroy(DateTimeOffset now)
    {
        WrappedKey = [];
        DestroyedAt = now;
    }
}

/// <summary>The single row holding the master key's check value: a wrong master key makes the vault refuse to start.</summary>
internal sealed class MasterKeyCheck
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public required string MasterKeyId { get; set; }

    public required byte[] CheckValue { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RotatedAt { get; set; }
}

internal sealed class RecordingKeyConfiguration : IEntityTypeConfiguration<RecordingKey>
{
    public void Configure(EntityTypeBuilder<RecordingKey> b)
    {
        b.ToTable("RecordingKeys");
        b.Property(k => k.Id).ValueGeneratedNever();
        b.Property(k => k.WrappedKey).HasMaxLength(64);
        b.Property(k => k.MasterKeyId).HasMaxLength(32);
        b.Ignore(k => k.IsDestroyed);
    }
}

internal sealed class MasterKeyCheckConfiguration : IEntityTypeConfiguration<MasterKeyCheck>
{
    public void Configure(EntityTypeBuilder<MasterKeyCheck> b)
    {
        b.ToTable("MasterKeyCheck");
        b.Property(k => k.Id).ValueGeneratedNever();
        b.Property(k => k.MasterKeyId).HasMaxLength(32);
        b.Property(k => k.CheckValue).HasMaxLength(32);
    }
}
