using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Retention.Erasure;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Privacy;

/// <summary>Erasure requests (AVG art. 17): filing and listing, shared by the API and the privacy officer's pages.</summary>
internal sealed class ErasureCommands(ICurrentActor actor, VaultDbContext db, IAuditTrail audit, TimeProvider time, PupilRecordings pupilRecordings, ErasureWorkflow workflow)
{
    public async Task<CommandResult<ErasureRequestView>> FileAsync(FileErasureRequest request, CancellationToken cancellationToken)
    {
        var scope = await actor.PrivacyScopeAsync(cancellationToken);
        var home = request.OpleidingsschoolId ?? AuditVisibility.HomeOf(scope);
        var errors = new ValidationErrors()
            .Require(request.PupilId != Guid.Empty, "pupilId", Text.T("Kies een leerling.", "Choose a pupil."))
            .Require(request.Reference is null || request.Reference.Length <= 200, "reference", Text.T("Het kenmerk is te lang (max. 200 tekens).", "The reference is too long (max. 200 characters)."));
        if (home is { } school ? !scope.OpleidingsschoolIds.Contains(school) : !scope.Instituut)
        {
            errors.Add("opleidingsschoolId", Text.T("Kies een opleidingsschool waarvoor u privacy officer bent.", "Choose an opleidingsschool you are the privacy officer of."));
        }

        if (!errors.IsValid)
        {
            return CommandResult<ErasureRequestView>.Invalid(errors);
        }

        var recordings = await pupilRecordings.FindAsync(request.PupilId, scope, cancellationToken);
        var now = time.GetUtcNow();
        var erasure = new ErasureRequest
        {
            Id = Guid.CreateVersion7(now),
            PupilId = request.PupilId,
            OpleidingsschoolId = home,
            RequestedByPersonId = actor.PersonId!.Value,
            RequestedAt = now,
            Reference = request.Reference?.Trim(),
            Source = recordings.Source,
            State = ErasureState.Ingediend,
            Recordings = [.. recordings.RecordingIds.Select(id => new ErasureRequestRecording { RecordingId = id, Outcome = ErasureOutcome.Pending })],
        };
        db.Add(erasure);
        audit.Record(new AuditEvent(AuditActions.ErasureRequested, "erasure-request", erasure.Id.ToString())
        {
            OpleidingsschoolId = home,
            PupilIds = [request.PupilId],
            Details = new { recordings = recordings.RecordingIds, source = recordings.Source.ToString(), erasure.Reference },
        });
        await workflow.HandOverAsync(erasure, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return ErasureRequestView.From(erasure);
    }

    /// <summary>The requests this officer may see, newest first (at most 200), optionally for one pupil.</summary>
    public async Task<IReadOnlyList<ErasureRequestView>> ListAsync(Guid? pupilId, CancellationToken cancellationToken)
    {
        var query = await ErasureEndpoints.VisibleAsync(db, actor, cancellationToken);
        if (pupilId is { } pupil)
        {
            query = query.Where(r => r.PupilId == pupil);
        }

        var requests = await query.OrderByDescending(r => r.RequestedAt).Take(200).ToListAsync(cancellationToken);
        return [.. requests.Select(ErasureRequestView.From)];
    }
}
