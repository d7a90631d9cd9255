using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vault.Shared.Auditing;

namespace Vault.Consent.Gate;

/// <summary>What the gate made of a question: not found, invalid (field errors), or decided (allowed with a ticket, or refused).</summary>
internal sealed record GateAnswer(GateDecision? Decision, GateOutcome? Outcome, UploadTicket? Ticket, Dictionary<string, string[]>? Errors)
{
    public static readonly GateAnswer NotFound = new(null, null, null, null);
}

/// <summary>
/// The upload gate: decides a question with the policy engine, stores the decision with its inputs and presence
/// list, and issues a ticket bound to exactly that question when allowed.
/// </summary>
internal sealed class UploadGate(IConsentDb db, GateFactsLoader loader, GateEngine engine, TimeProvider time, IAuditTrail audit) : IUploadGate
{
    public static readonly TimeSpan TicketLifetime = TimeSpan.FromHours(8);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<GateAnswer> DecideAsync(GateQuestion question, CancellationToken cancellationToken)
    {
        var facts = await loader.ForQuestionAsync(question, cancellationToken);
        if (facts.Errors is not null)
        {
            return new GateAnswer(null, null, null, facts.Errors);
        }

        if (facts.Facts is not { } snapshot)
        {
            return GateAnswer.NotFound;
        }

        var outcome = engine.Decide(snapshot);
        var now = time.GetUtcNow();
        var decision = new GateDecision
        {
            Id = Guid.CreateVersion7(now),
            DecidedAt = now,
            PlacementId = question.PlacementId,
            StudentId = question.StudentId,
            SchoolLocationId = snapshot.Placement.SchoolLocationId,
            OpleidingsschoolId = snapshot.Placement.OpleidingsschoolId,
            GroupId = question.GroupId,
            RecordingAt = question.RecordingAt,
            Media = question.Media,
            Purpose = question.Purpose,
            Capture = question.Capture,
            InformedHow = question.Informed,
            InformedAttestedAt = snapshot.InformedAttestedAt,
            Allowed = outcome.Allowed,
            SoundOnlyOffered = outcome.SoundOnlyOffered,
            ReasonsJson = SerializeReasons(outcome.Reasons),
            RulesApplied = string.Join(',', outcome.RulesApplied),
            Conditions = outcome.Allowed ? string.Join(',', outcome.Conditions) : "",
            TicketId = outcome.Allowed ? Guid.NewGuid() : null,
            TicketExpiresAt = outcome.Allowed ? now + TicketLifetime : null,
        };
        // The presence list goes in as bulk rows that never enter the change tracker (attaching, detaching and accepting
        // 35 tracked rows cost more than the decision itself); the decision's Present navigation stays empty here.
        List<Guid> presentIds = [.. snapshot.Present.Select(p => p.Id)];
        db.GateDecisions.Add(decision);
        db.InsertInBulk(presentIds.Select(id => new GatePresence { DecisionId = decision.Id, PupilId = id }));
        audit.Record(new AuditEvent(outcome.Allowed ? AuditActions.GateAllowed : AuditActions.GateRefused, "gate-decision", decision.Id.ToString())
        {
            SchoolLocationId = decision.SchoolLocationId,
            OpleidingsschoolId = decision.OpleidingsschoolId,
            PupilIds = presentIds,
            Details = new
            {
                decision.PlacementId,
                decision.GroupId,
                decision.RecordingAt,
                media = decision.Media.ToString(),
                purpose = decision.Purpose.ToString(),
                capture = decision.Capture.ToString(),
                reasons = outcome.Reasons.Select(r => $"{r.Rule}:{r.Code}").ToArray(),
                decision.SoundOnlyOffered,
            },
        });
        await db.SaveChangesAsync(cancellationToken);
        return new GateAnswer(decision, outcome, outcome.Allowed ? ToTicket(decision, presentIds) : null, null);
    }

    public async Task<TicketValidation> ValidateTicketAsync(Guid ticketId, Guid studentId, CaptureMode capture, CancellationToken cancellationToken)
    {
        var decision = await db.GateDecisions.AsNoTracking().Include(d => d.Present)
            .FirstOrDefaultAsync(d => d.TicketId == ticketId, cancellationToken);
        if (decision is null)
        {
            return new TicketValidation(null, TicketProblem.NotFound);
        }

        var ticket = ToTicket(decision);
        var problem = decision.StudentId != studentId ? TicketProblem.NotYours
            : decision.RedeemedByRecordingId is not null ? TicketProblem.AlreadyUsed
            : decision.TicketExpiresAt <= time.GetUtcNow() ? TicketProblem.Expired
            : decision.Capture != capture ? TicketProblem.WrongCaptureMode
            : TicketProblem.None;
        return new TicketValidation(problem == TicketProblem.NotYours ? null : ticket, problem);
    }

    public async Task<GateRecheck> RecheckAsync(Guid ticketId, CancellationToken cancellationToken)
    {
        var decision = await db.GateDecisions.AsNoTracking().Include(d => d.Present)
            .FirstOrDefaultAsync(d => d.TicketId == ticketId, cancellationToken);
        var facts = decision is null ? null : await loader.ForDecisionAsync(decision, cancellationToken);
        if (decision is null || facts is null)
        {
            return new GateRecheck(false, [new GateReason("R15", "ticket-unknown", "Dit uploadticket bestaat niet (meer).", "This upload ticket does not exist (any more).", [])]);
        }

        var outcome = engine.Decide(facts);
        if (!outcome.Allowed)
        {
            await audit.RecordNowAsync(new AuditEvent(AuditActions.GateRecheckRefused, "gate-decision", decision.Id.ToString())
            {
                SchoolLocationId = decision.SchoolLocationId,
                OpleidingsschoolId = decision.OpleidingsschoolId,
                PupilIds = [.. decision.Present.Select(p => p.PupilId)],
                Details = new { ticketId, reasons = outcome.Reasons.Select(r => $"{r.Rule}:{r.Code}").ToArray() },
            }, cancellationToken);
        }

        return new GateRecheck(outcome.Allowed, outcome.Reasons);
    }

    public async Task RedeemAsync(Guid ticketId, Guid recordingId, CancellationToken cancellationToken)
    {
        var decision = await db.GateDecisions.Include(d => d.Present).FirstOrDefaultAsync(d => d.TicketId == ticketId, cancellationToken)
            ?? throw new InvalidOperationException("Unknown upload ticket.");
        if (decision.RedeemedByRecordingId is { } used && used != recordingId)
        {
            throw new InvalidOperationException("The upload ticket was already used for another recording.");
        }

        decision.RedeemedByRecordingId = recordingId;
        decision.RedeemedAt = time.GetUtcNow();
        audit.Record(new AuditEvent(AuditActions.GateTicketRedeemed, "gate-decision", decision.Id.ToString())
        {
            SchoolLocationId = decision.SchoolLocationId,
            OpleidingsschoolId = decision.OpleidingsschoolId,
            RecordingId = recordingId,
            PupilIds = [.. decision.Present.Select(p => p.PupilId)],
        });
    }

    public Task<IReadOnlyList<Guid>> RecordingsWithPupilAsync(Guid pupilId, CancellationToken cancellationToken) =>
        RecordingsWithPupilAsync(pupilId, imageOnly: false, cancellationToken);

    /// <summary>The recordings that include the pupil; with <paramref name="imageOnly"/> only those that kept the image.</summary>
    public async Task<IReadOnlyList<Guid>> RecordingsWithPupilAsync(Guid pupilId, bool imageOnly, CancellationToken cancellationToken) =>
        await (from p in db.GatePresences.AsNoTracking()
               join d in db.GateDecisions.AsNoTracking() on p.DecisionId equals d.Id
               where p.PupilId == pupilId && d.RedeemedByRecordingId != null && (!imageOnly || d.Media == RecordingMedia.BeeldEnGeluid)
               select d.RedeemedByRecordingId!.Value).Distinct().ToListAsync(cancellationToken);

    public async Task ForgetPresenceAsync(IReadOnlyCollection<Guid> recordingIds, CancellationToken cancellationToken)
    {
        foreach (var chunk in recordingIds.Distinct().Chunk(500))
        {
            await db.GatePresences
                .Where(p => db.GateDecisions.Any(d => d.Id == p.DecisionId && d.RedeemedByRecordingId != null && chunk.Contains(d.RedeemedByRecordingId.Value)))
                .ExecuteDeleteAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyList<string>> ConditionsForRecordingAsync(Guid recordingId, CancellationToken cancellationToken)
    {
        var conditions = await db.GateDecisions.AsNoTracking().Where(d => d.RedeemedByRecordingId == recordingId).Select(d => d.Conditions).FirstOrDefaultAsync(cancellationToken);
        return conditions is null ? [] : conditions.Split(',', StringSplitOptions.RemoveEmptyEntries);
    }

    public static UploadTicket ToTicket(GateDecision d) => ToTicket(d, [.. d.Present.Select(p => p.PupilId)]);

    private static UploadTicket ToTicket(GateDecision d, IReadOnlyList<Guid> present) => new(
        d.TicketId ?? Guid.Empty, d.Id, d.PlacementId, d.StudentId, d.SchoolLocationId, d.OpleidingsschoolId, d.RecordingAt, d.Media, d.Purpose, d.Capture,
        present, d.TicketExpiresAt ?? d.DecidedAt, d.RedeemedByRecordingId);

    private static string SerializeReasons(IReadOnlyList<GateReason> reasons) =>
        JsonSerializer.Serialize(reasons.Select(r => new { r.Rule, r.Code, pupils = r.Pupils.Select(p => p.PupilId) }), Json);
}
