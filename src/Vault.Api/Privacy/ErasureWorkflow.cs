using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Retention.Erasure;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;

namespace Vault.Api.Privacy;

/// <summary>
/// The life of an erasure request: hand-over to retention (when retention provides an <see cref="IErasureHandler"/>)
/// and the outcomes it reports (<see cref="IErasureOutcomeSink"/>). Every step is audited with the pupil's id.
/// </summary>
internal sealed class ErasureWorkflow(VaultDbContext db, IAuditTrail audit, ICurrentActor actor, TimeProvider time, IServiceProvider services) : IErasureOutcomeSink
{
    private const string RetentionActor = "bewaarbeheer";

    /// <summary>Hands the request to retention if a handler is registered; adds to the unit of work, the caller saves.</summary>
    public async Task HandOverAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        if (request.State != ErasureState.Ingediend)
        {
            return;
        }

        if (request.Recordings.Count == 0)
        {
            Complete(request);
            return;
        }

        var handler = services.GetService<IErasureHandler>();
        if (handler is null)
        {
            return;
        }

        var order = new ErasureOrder(request.Id, request.PupilId, [.. request.Recordings.Select(r => r.RecordingId)], request.RequestedByPersonId, request.RequestedAt);
        var results = await handler.AcceptAsync(order, cancellationToken);
        request.State = ErasureState.Doorgegeven;
        request.HandedOverAt = time.GetUtcNow();
        foreach (var result in results)
        {
            Apply(request, result);
        }

        audit.Record(new AuditEvent(AuditActions.ErasureHandedOver, "erasure-request", request.Id.ToString())
        {
            OpleidingsschoolId = request.OpleidingsschoolId,
            PupilIds = [request.PupilId],
            Details = new { results = results.Select(r => new { r.RecordingId, outcome = r.Outcome.ToString() }) },
        });
        CompleteWhenDone(request);
    }

    public async Task ReportAsync(Guid requestId, ErasureRecordingResult result, CancellationToken cancellationToken)
    {
        var request = await db.Set<ErasureRequest>().Include(r => r.Recordings).FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken)
            ?? throw new InvalidOperationException($"Erasure request {requestId} does not exist.");
        if (request.Recordings.All(r => r.RecordingId != result.RecordingId))
        {
            throw new InvalidOperationException($"Recording {result.RecordingId} is not part of erasure request {requestId}.");
        }

        Apply(request, result);
        db.Entry(request).State = EntityState.Modified;
        audit.Record(new AuditEvent(AuditActions.ErasureOutcome, "erasure-request", request.Id.ToString())
        {
            OpleidingsschoolId = request.OpleidingsschoolId,
            RecordingId = result.RecordingId,
            PupilIds = [request.PupilId],
            SystemActor = actor.PersonId is null ? RetentionActor : null,
            Details = new { outcome = result.Outcome.ToString(), result.Note },
        });
        CompleteWhenDone(request);
    }

    private void Apply(ErasureRequest request, ErasureRecordingResult result)
    {
        var recording = request.Recordings.FirstOrDefault(r => r.RecordingId == result.RecordingId);
        if (recording is null)
        {
            return;
        }

        recording.Outcome = result.Outcome;
        recording.Note = result.Note is { Length: > 1000 } note ? note[..1000] : result.Note;
        recording.DecidedAt = result.Outcome == ErasureOutcome.Pending ? null : time.GetUtcNow();
    }

    private void CompleteWhenDone(ErasureRequest request)
    {
        if (request.State == ErasureState.Doorgegeven && request.Recordings.All(r => r.Outcome != ErasureOutcome.Pending))
        {
            Complete(request);
        }
    }

    private void Complete(ErasureRequest request)
    {
        request.State = ErasureState.Afgerond;
        request.CompletedAt = time.GetUtcNow();
        audit.Record(new AuditEvent(AuditActions.ErasureCompleted, "erasure-request", request.Id.ToString())
        {
            OpleidingsschoolId = request.OpleidingsschoolId,
            PupilIds = [request.PupilId],
            SystemActor = actor.PersonId is null ? RetentionActor : null,
            Details = new { outcomes = request.Recordings.GroupBy(r => r.Outcome.ToString()).ToDictionary(g => g.Key, g => g.Count()) },
        });
    }
}
