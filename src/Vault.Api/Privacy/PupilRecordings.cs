using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Consent.Gate;
using Vault.Shared.Identity;

namespace Vault.Api.Privacy;

/// <summary>Where the list of a pupil's recordings came from.</summary>
public enum PupilRecordingsSource
{
    /// <summary>The upload gate's stored presence lists (<see cref="IUploadGate.RecordingsWithPupilAsync"/>): the authoritative answer.</summary>
    Aanwezigheidslijsten = 0,

    /// <summary>No upload gate is registered: the recordings named in audit entries about the pupil.</summary>
    Auditlog = 1,
}

public sealed record PupilRecordingList(IReadOnlyList<Guid> RecordingIds, PupilRecordingsSource Source);

/// <summary>
/// AVG art. 15/17: which recordings include a pupil, within the privacy officer's scope. The presence lists of the
/// upload gate are the answer when the consent module provides the gate; otherwise the audit index (upload events
/// carry the presence list's pupil ids). A recording is in scope when the officer can see any audit entry about
/// it (its upload at a schoollocatie of theirs, or, for the Instituut, its use by Instituut staff).
/// </summary>
internal sealed class PupilRecordings(VaultDbContext db, IServiceProvider services)
{
    public async Task<PupilRecordingList> FindAsync(Guid pupilId, PrivacyScope scope, CancellationToken cancellationToken)
    {
        var gate = services.GetService<IUploadGate>();
        if (gate is not null)
        {
            var all = (await gate.RecordingsWithPupilAsync(pupilId, cancellationToken)).Distinct().ToList();
            var visible = all.Count == 0 ? [] : await db.AuditEntries.AsNoTracking()
                .Where(e => e.RecordingId != null && all.Contains(e.RecordingId.Value))
                .VisibleTo(scope)
                .Select(e => e.RecordingId!.Value)
                .Distinct()
                .ToListAsync(cancellationToken);
            return new PupilRecordingList([.. all.Where(visible.Contains)], PupilRecordingsSource.Aanwezigheidslijsten);
        }

        var named = await db.AuditEntryPupils.AsNoTracking()
            .Where(p => p.PupilId == pupilId)
            .Join(db.AuditEntries.AsNoTracking(), p => p.Sequence, e => e.Sequence, (_, e) => e)
            .Where(e => e.RecordingId != null)
            .Select(e => e.RecordingId!.Value)
            .Distinct()
            .ToListAsync(cancellationToken);
        var inScope = named.Count == 0 ? [] : await db.AuditEntries.AsNoTracking()
            .Where(e => e.RecordingId != null && named.Contains(e.RecordingId.Value))
            .VisibleTo(scope)
            .Select(e => e.RecordingId!.Value)
            .Distinct()
            .ToListAsync(cancellationToken);
        return new PupilRecordingList([.. named.Where(inScope.Contains).Order()], PupilRecordingsSource.Auditlog);
    }
}
