using Vault.Shared.Identity;

namespace Vault.Retention.Erasure;

/// <summary>One destroyed (or redacted) recording, as retention recorded it: what, when, why, by which run or person.</summary>
public sealed record DestructionRecord(
    Guid RecordingId,
    DateTimeOffset DestroyedAt,
    string Kind,
    Guid? RunId,
    Guid? OpleidingsschoolId,
    Guid? SchoolLocationId,
    string Reason,
    string ActorName);

/// <summary>
/// Implemented by retention (not yet): the destruction records of its runs and single destructions, within a
/// privacy officer's scope, newest first. The privacy workspace exports them as CSV
/// (<c>GET /api/privacy/destructions.csv</c>) when this service is registered.
/// </summary>
public interface IDestructionRecords
{
    IAsyncEnumerable<DestructionRecord> ReadAsync(PrivacyScope scope, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken);
}
