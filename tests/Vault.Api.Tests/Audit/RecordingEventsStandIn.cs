using Microsoft.Extensions.DependencyInjection;
using Vault.Shared.Auditing;
using Vault.Testing;

namespace Vault.Api.Tests.Audit;

/// <summary>
/// Stand-in for the recordings feature (another branch) until it merges: writes the audit events an upload and a
/// playback will write, through the vault's real <see cref="IAuditTrail"/> (chained like any other entry). Used only
/// to give the privacy officer's queries something to find; the actions of this branch are tested through HTTP.
/// </summary>
internal static class RecordingEventsStandIn
{
    public static async Task<Guid> UploadAsync(this VaultApiFactory vault, Guid opleidingsschoolId, Guid schoolLocationId, params Guid[] presentPupils)
    {
        var recording = Guid.NewGuid();
        await RecordAsync(vault, new AuditEvent(AuditActions.UploadCompleted, "recording", recording.ToString())
        {
            OpleidingsschoolId = opleidingsschoolId,
            SchoolLocationId = schoolLocationId,
            RecordingId = recording,
            PupilIds = presentPupils,
            SystemActor = "opnamefunctie (stand-in)",
        });
        return recording;
    }

    public static Task PlaybackAsync(this VaultApiFactory vault, Guid recording, Guid schoolLocationId, double from, double to) =>
        RecordAsync(vault, new AuditEvent(AuditActions.PlaybackSession, "recording", recording.ToString())
        {
            SchoolLocationId = schoolLocationId,
            RecordingId = recording,
            Details = new { ranges = new[] { new[] { from, to } } },
            SystemActor = "opnamefunctie (stand-in)",
        });

    private static Task RecordAsync(VaultApiFactory vault, AuditEvent auditEvent) =>
        vault.WithScopeAsync(services => services.GetRequiredService<IAuditTrail>().RecordNowAsync(auditEvent, CancellationToken.None));
}
