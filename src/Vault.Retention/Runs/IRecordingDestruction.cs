using Vault.Retention.Ports;

namespace Vault.Retention.Runs;

/// <summary>
/// Destruction outside the yearly run, for the host to call: a refused or abandoned upload (at once), a
/// student's deletion before assessment, a withdrawal decided as "destroy". Held recordings (R17) are not
/// destroyed; the report says so. Repeating the call for the same recording reports the same result.
/// </summary>
public interface IRecordingDestruction
{
    Task<RunReport> DestroyNowAsync(RetentionCandidate recording, DestructionKind kind, string startedBy, CancellationToken cancellationToken);
}
