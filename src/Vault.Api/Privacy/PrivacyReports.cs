using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Privacy;

/// <summary>
/// The privacy officer's searches and reports, always within their scope (<see cref="AuditVisibility"/>): one
/// implementation for <c>/api/privacy</c> and the pages under <c>/privacy</c>.
/// </summary>
public sealed class PrivacyReports(ICurrentActor actor, VaultDbContext db, IAuditTrail audit, IServiceProvider services)
{
    private const int MaxViewings = 1_000;

    public async Task<CommandResult<AuditPage>> SearchAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        var errors = filter.Validate();
        if (!errors.IsValid)
        {
            return CommandResult<AuditPage>.Invalid(errors);
        }

        var scope = await actor.PrivacyScopeAsync(cancellationToken);
        await audit.FlushDeferredAsync(cancellationToken);
        return await AuditQueries.PageAsync(db, scope, filter, cancellationToken);
    }

    /// <summary>Who viewed this recording, when, which ranges; not found when unknown or outside the officer's scope.</summary>
    public async Task<CommandResult<RecordingAudit>> RecordingAsync(Guid id, long? before, int? limit, CancellationToken cancellationToken)
    {
        var filter = new AuditFilter(RecordingId: id, Before: before, Limit: limit);
        var errors = filter.Validate();
        if (!errors.IsValid)
        {
            return CommandResult<RecordingAudit>.Invalid(errors);
        }

        var scope = await actor.PrivacyScopeAsync(cancellationToken);
        await audit.FlushDeferredAsync(cancellationToken);
        var page = await AuditQueries.PageAsync(db, scope, filter, cancellationToken);
        if (page.Items.Count == 0 && before is null)
        {
            // Unknown, or outside the officer's scope: the same answer, so recording ids cannot be probed.
            return CommandResult<RecordingAudit>.Fail(VaultProblems.NotFound);
        }

        var viewings = await AuditQueries.Query(db, scope, new AuditFilter(RecordingId: id, Action: AuditActions.PlaybackSession))
            .Take(MaxViewings).ToListAsync(cancellationToken);
        var ranges = await AuditQueries.Query(db, scope, new AuditFilter(RecordingId: id, Action: AuditActions.PlaybackRange))
            .Take(MaxViewings * 20).ToListAsync(cancellationToken);
        return new RecordingAudit(id, [.. PlaybackReport.WithRanges(viewings.Select(AuditEventView.From), ranges.Select(AuditEventView.From))], page);
    }

    /// <summary>AVG art. 15: the recordings with this pupil and the events about them; the lookup itself is audited.</summary>
    public async Task<CommandResult<PupilAccessReport>> PupilAsync(Guid id, long? before, int? limit, CancellationToken cancellationToken)
    {
        var filter = new AuditFilter(PupilId: id, Before: before, Limit: limit);
        var errors = filter.Validate();
        if (!errors.IsValid)
        {
            return CommandResult<PupilAccessReport>.Invalid(errors);
        }

        var scope = await actor.PrivacyScopeAsync(cancellationToken);
        await audit.FlushDeferredAsync(cancellationToken);
        var recordings = await services.GetRequiredService<PupilRecordings>().FindAsync(id, scope, cancellationToken);
        var page = await AuditQueries.PageAsync(db, scope, filter, cancellationToken);
        if (before is null)
        {
            // Looking up what the vault holds about a pupil is itself an access to personal data.
            await audit.RecordNowAsync(new AuditEvent(AuditActions.PupilAccessRequest, "pupil", id.ToString())
            {
                OpleidingsschoolId = AuditVisibility.HomeOf(scope),
                PupilIds = [id],
                Details = new { recordings = recordings.RecordingIds.Count, source = recordings.Source.ToString() },
            }, cancellationToken);
        }

        return new PupilAccessReport(id, recordings.RecordingIds, recordings.Source, page);
    }
}
