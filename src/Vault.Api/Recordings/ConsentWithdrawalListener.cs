using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vault.Api.Data;
using Vault.Consent.Gate;
using Vault.Retention;
using Vault.Shared.Auditing;

namespace Vault.Api.Recordings;

/// <summary>
/// R4/R7: a consent was withdrawn. The recordings with the pupil are marked for review (redact or destroy) before
/// the opleidingsschool's deadline (<c>PolicySettings.WithdrawalReviewDays</c>, R6; else
/// <see cref="RetentionOptions.WithdrawalReviewDays"/>). Retention's daily withdrawal sweep destroys what is still
/// unreviewed when the deadline passes. Adds to the caller's unit of work.
/// </summary>
internal sealed class ConsentWithdrawalListener(VaultDbContext db, IAuditTrail audit, TimeProvider time, IOptions<RetentionOptions> retention) : IConsentWithdrawalListener
{
    public async Task OnConsentWithdrawnAsync(Guid pupilId, IReadOnlyList<Guid> recordingIds, string medium, CancellationToken cancellationToken)
    {
        var recordings = await db.Set<Recording>().Where(r => recordingIds.Contains(r.Id)).ToListAsync(cancellationToken);
        var schools = recordings.Select(r => r.OpleidingsschoolId).Distinct().ToList();
        var days = await db.Opleidingsscholen.Where(o => schools.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Policy.WithdrawalReviewDays, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var recording in recordings)
        {
            var due = now.AddDays(days.GetValueOrDefault(recording.OpleidingsschoolId, retention.Value.WithdrawalReviewDays));
            recording.ReviewDueAt = recording.ReviewDueAt is { } earlier && earlier < due ? earlier : due;
            recording.ReviewReason = $"R4: toestemming ingetrokken ({medium})";
            audit.Record(new AuditEvent(AuditActions.RecordingMarkedForReview, "Recording", recording.Id.ToString())
            {
                RecordingId = recording.Id,
                SchoolLocationId = recording.SchoolLocationId,
                OpleidingsschoolId = recording.OpleidingsschoolId,
                PupilIds = [pupilId],
                Details = new { medium, due = recording.ReviewDueAt },
            });
        }
    }
}
