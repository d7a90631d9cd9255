namespace Vault.Api.Audit;

/// <summary>The audit log's settings, section <c>Vault:Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Vault:Audit";

    /// <summary>
    /// The container with the chain-head checkpoints: one append blob a month (<c>yyyy-MM.log</c>), a line per
    /// checkpoint. In production this container gets a time-based immutability policy (Azurite lacks it).
    /// </summary>
    public string CheckpointContainer { get; set; } = "audit-checkpoints";

    /// <summary>How often the head of the chain is checkpointed. <see cref="TimeSpan.Zero"/> turns the periodic checkpoints off.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Entries (a range of sequence numbers) read per query while verifying the chain.</summary>
    public int VerificationBatchSize { get; set; } = 50_000;
}
