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

    /// <summary>
    /// How long a batch of deferred entries (a player's ranges) gathers after its first entry before it is committed: one
    /// commit for the ranges of that moment instead of one per range. A flush (someone reading the log) does not wait.
    /// On a hard crash the entries of at most this moment are lost.
    /// </summary>
    public TimeSpan DeferredLinger { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Entries (a range of sequence numbers) read per query while verifying the chain.</summary>
    public int VerificationBatchSize { get; set; } = 50_000;
}
