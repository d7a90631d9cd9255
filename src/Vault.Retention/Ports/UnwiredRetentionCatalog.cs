namespace Vault.Retention.Ports;

/// <summary>
/// Registered by <see cref="RetentionModule.AddRetention"/> only when the host has not (yet) registered the recordings
/// feature's catalogue. It fails loudly on use instead of pretending there is nothing to destroy; the background
/// service reports it at every wake. The host's own registration, before or after <c>AddRetention</c>, replaces it.
/// </summary>
internal sealed class UnwiredRetentionCatalog : IRetentionCatalog
{
    public const string Message = "No IRetentionCatalog is registered: the recordings feature must provide it; nothing can be planned or destroyed.";

    public IAsyncEnumerable<RetentionCandidate> CandidatesAsync(CancellationToken cancellationToken) => throw new InvalidOperationException(Message);

    public Task<DestroyedRecording> DestroyAsync(Guid recordingId, string reason, CancellationToken cancellationToken) => throw new InvalidOperationException(Message);
}
