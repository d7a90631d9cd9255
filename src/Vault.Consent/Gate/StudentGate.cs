using Microsoft.EntityFrameworkCore;
using Vault.Shared.Identity;
using Vault.Shared.Problems;
using Vault.Shared.Time;

namespace Vault.Consent.Gate;

/// <summary>The gate's answer as the student sees it: allowed with a ticket, or refused with every reason (R5: sound only offered).</summary>
public sealed record GateReply(
    Guid DecisionId, bool Allowed, UploadTicket? Ticket, bool SoundOnlyOffered, IReadOnlyList<ReasonView> Reasons,
    IReadOnlyList<string> RulesApplied, IReadOnlyList<string> Conditions);

/// <summary>What a student can choose from for a placement: its groups with pupils, and whether the closed-environment rules apply (R8).</summary>
public sealed record GateChoices(Guid PlacementId, bool ClosedEnvironmentRules, IReadOnlyList<GateGroupView> Groups);

/// <summary>
/// The student's side of the upload gate, shared by the API (<c>/api/gate</c>) and the pages (<c>/opnemen</c>):
/// ask the question, list the groups of the placement's school, and the required-recordings progress (R8).
/// </summary>
public sealed class StudentGate
{
    private readonly ICurrentActor actor;
    private readonly UploadGate gate;
    private readonly IPlacementFacts placements;
    private readonly IConsentDb db;
    private readonly SchoolCalendar calendar;

    internal StudentGate(ICurrentActor actor, UploadGate gate, IPlacementFacts placements, IConsentDb db, SchoolCalendar calendar)
    {
        this.actor = actor;
        this.gate = gate;
        this.placements = placements;
        this.db = db;
        this.calendar = calendar;
    }

    public async Task<CommandResult<GateReply>> AskAsync(DecisionRequest request, CancellationToken cancellationToken)
    {
        if (actor.PersonId is not { } student)
        {
            return CommandResult<GateReply>.Fail(VaultProblems.UnknownPerson);
        }

        if (request.Purpose is not { } purpose)
        {
            // R2: a recording exists only for guidance or assessment, and says which.
            return CommandResult<GateReply>.Invalid(new ValidationErrors().Add("purpose",
                Text.T("Kies het doel van de opname: begeleiding of beoordeling (R2).", "Choose the purpose: guidance or assessment (R2).")));
        }

        var question = new GateQuestion(request.PlacementId, student, request.GroupId, request.RecordingAt, request.AbsentPupilIds ?? [],
            request.Media, purpose, request.Capture, request.PupilsInformed);
        var answer = await gate.DecideAsync(question, cancellationToken);
        if (answer.Errors is { } errors)
        {
            var invalid = new ValidationErrors();
            foreach (var (field, messages) in errors)
            {
                foreach (var message in messages)
                {
                    invalid.Add(field, message);
                }
            }

            return CommandResult<GateReply>.Invalid(invalid);
        }

        if (answer.Decision is not { } decision || answer.Outcome is not { } outcome)
        {
            return CommandResult<GateReply>.Fail(VaultProblems.NotFound);
        }

        return new GateReply(decision.Id, outcome.Allowed, answer.Ticket, outcome.SoundOnlyOffered, [.. outcome.Reasons.Select(ReasonView.From)],
            outcome.RulesApplied, outcome.Conditions);
    }

    /// <summary>The groups (with their pupils on <paramref name="day"/>) of the placement's school; only for the placement's own student.</summary>
    public async Task<CommandResult<GateChoices>> ChoicesAsync(Guid placementId, DateOnly? day, CancellationToken cancellationToken)
    {
        var date = day ?? calendar.Today;
        var facts = actor.PersonId is { } me ? await placements.GetAsync(placementId, me, date, cancellationToken) : null;
        if (facts is null || facts.StudentId != actor.PersonId)
        {
            return CommandResult<GateChoices>.Fail(VaultProblems.NotFound);
        }

        var year = SchoolYear.Containing(date).StartYear;
        var rows = await (from g in db.Groups.AsNoTracking()
                          join m in db.GroupMemberships.AsNoTracking() on g.Id equals m.GroupId
                          join p in db.Pupils.AsNoTracking() on m.PupilId equals p.Id
                          where g.SchoolLocationId == facts.SchoolLocationId && g.SchoolYear == year && m.From <= date && (m.Until == null || m.Until >= date)
                          select new { g.Id, g.Name, PupilId = p.Id, PupilName = p.Name }).ToListAsync(cancellationToken);
        var groups = rows.GroupBy(r => (r.Id, r.Name)).OrderBy(g => g.Key.Name, StringComparer.CurrentCulture)
            .Select(g => new GateGroupView(g.Key.Id, g.Key.Name, year, [.. g.OrderBy(p => p.PupilName, StringComparer.CurrentCulture).Select(p => new GatePupilView(p.PupilId, p.PupilName))]))
            .ToList();
        return new GateChoices(placementId, facts.Policy.ClosedEnvironmentRules, groups);
    }

    /// <summary>R8: recordings made on the placement against the number its opleidingsschool requires; for the student and the coaches.</summary>
    public async Task<CommandResult<RequiredProgress>> ProgressAsync(Guid placementId, CancellationToken cancellationToken)
    {
        if (actor.PersonId is not { } me || !await placements.IsInvolvedAsync(placementId, me, cancellationToken))
        {
            return CommandResult<RequiredProgress>.Fail(VaultProblems.NotFound);
        }

        var facts = await placements.GetAsync(placementId, me, calendar.Today, cancellationToken);
        var made = await db.GateDecisions.CountAsync(d => d.PlacementId == placementId && d.RedeemedByRecordingId != null, cancellationToken);
        return new RequiredProgress(placementId, facts?.Policy.RequiredRecordingsPerPlacement ?? 0, made);
    }
}
