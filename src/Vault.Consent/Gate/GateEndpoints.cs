using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Vault.Consent.Registry;
using Vault.Shared.Identity;
using Vault.Shared.Problems;
using Vault.Shared.Time;

namespace Vault.Consent.Gate;

public sealed record DecisionRequest(
    Guid PlacementId, Guid GroupId, DateTimeOffset RecordingAt, IReadOnlyList<Guid>? AbsentPupilIds,
    RecordingMedia Media, RecordingPurpose? Purpose, CaptureMode Capture, InformedHow? PupilsInformed);

public sealed record ReasonPupil(Guid Id, string Name);

public sealed record ReasonView(string Rule, string Code, string Message, string MessageEn, IReadOnlyList<ReasonPupil> Pupils)
{
    public static ReasonView From(GateReason r) => new(r.Rule, r.Code, r.Message, r.MessageEn, [.. r.Pupils.Select(p => new ReasonPupil(p.PupilId, p.Name))]);
}

public sealed record DecisionView(Guid DecisionId, bool Allowed, UploadTicket Ticket, IReadOnlyList<string> RulesApplied, IReadOnlyList<string> Conditions);

public sealed record GatePupilView(Guid Id, string Name);

public sealed record GateGroupView(Guid Id, string Name, int SchoolYear, IReadOnlyList<GatePupilView> Pupils);

public sealed record RequiredProgress(Guid PlacementId, int Required, int Made);

/// <summary>The upload gate over HTTP: the student asks, the gate answers with a ticket or with every reason.</summary>
internal static class GateEndpoints
{
    public static readonly ProblemKind Refused = new("upload-refused", 422, "Deze opname mag niet worden gemaakt of bewaard", "This recording may not be made or kept");

    public static RouteGroupBuilder MapGateEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/gate").WithTags("Upload gate").RequireAuthorization(VaultPolicies.Student);
        group.MapPost("/decisions", Decide).WithName("GateDecide")
            .WithSummary("Mag deze opname bestaan? Toegestaan met ticket, of geweigerd met alle redenen / May this recording exist?");
        group.MapGet("/placements/{placementId:guid}/groups", Groups).WithName("GateGroups").WithSummary("Groepen en leerlingen van de stageschool / Groups and pupils of the placement's school");
        endpoints.MapGet("/api/gate/placements/{placementId:guid}/progress", Progress).WithTags("Upload gate").WithName("GateRequiredProgress")
            .WithSummary("R8: gemaakte en vereiste opnames / Recordings made and required");
        return group;
    }

    private static async Task<Results<Created<DecisionView>, ValidationProblem, ProblemHttpResult>> Decide(
        DecisionRequest request, ICurrentActor actor, UploadGate gate, CancellationToken cancellationToken)
    {
        if (actor.PersonId is not { } student)
        {
            return VaultProblems.Problem(VaultProblems.UnknownPerson);
        }

        if (request.Purpose is not { } purpose)
        {
            // R2: a recording exists only for guidance or assessment, and says which.
            return VaultProblems.Invalid("purpose", "Kies het doel van de opname: begeleiding of beoordeling (R2). / Choose the purpose: guidance or assessment.");
        }

        var question = new GateQuestion(request.PlacementId, student, request.GroupId, request.RecordingAt, request.AbsentPupilIds ?? [],
            request.Media, purpose, request.Capture, request.PupilsInformed);
        var answer = await gate.DecideAsync(question, cancellationToken);
        if (answer.Errors is { } errors)
        {
            return VaultProblems.Invalid(errors);
        }

        if (answer.Decision is not { } decision || answer.Outcome is not { } outcome)
        {
            return VaultProblems.NotFoundProblem();
        }

        if (answer.Ticket is { } ticket)
        {
            return TypedResults.Created($"/api/gate/decisions/{decision.Id}", new DecisionView(decision.Id, true, ticket, outcome.RulesApplied, outcome.Conditions));
        }

        return VaultProblems.Problem(Refused, Text.T("Bekijk de redenen hieronder; elke reden noemt de regel en, waar nodig, de leerlingen.", "See the reasons below; each names its rule and, where needed, the pupils."),
            new Dictionary<string, object?>
            {
                ["decisionId"] = decision.Id,
                ["soundOnlyOffered"] = outcome.SoundOnlyOffered,
                ["reasons"] = outcome.Reasons.Select(ReasonView.From).ToList(),
            });
    }

    private static async Task<Results<Ok<List<GateGroupView>>, ProblemHttpResult>> Groups(
        Guid placementId, DateOnly? on, ICurrentActor actor, IPlacementFacts placements, IConsentDb db, SchoolCalendar calendar, CancellationToken cancellationToken)
    {
        var day = on ?? calendar.Today;
        var facts = actor.PersonId is { } me ? await placements.GetAsync(placementId, me, day, cancellationToken) : null;
        if (facts is null || facts.StudentId != actor.PersonId)
        {
            return VaultProblems.NotFoundProblem();
        }

        var year = SchoolYear.Containing(day).StartYear;
        var rows = await (from g in db.Groups.AsNoTracking()
                          join m in db.GroupMemberships.AsNoTracking() on g.Id equals m.GroupId
                          join p in db.Pupils.AsNoTracking() on m.PupilId equals p.Id
                          where g.SchoolLocationId == facts.SchoolLocationId && g.SchoolYear == year && m.From <= day && (m.Until == null || m.Until >= day)
                          select new { g.Id, g.Name, PupilId = p.Id, PupilName = p.Name }).ToListAsync(cancellationToken);
        var groups = rows.GroupBy(r => (r.Id, r.Name)).OrderBy(g => g.Key.Name, StringComparer.CurrentCulture)
            .Select(g => new GateGroupView(g.Key.Id, g.Key.Name, year, [.. g.OrderBy(p => p.PupilName, StringComparer.CurrentCulture).Select(p => new GatePupilView(p.PupilId, p.PupilName))]))
            .ToList();
        return TypedResults.Ok(groups);
    }

    private static async Task<Results<Ok<RequiredProgress>, ProblemHttpResult>> Progress(
        Guid placementId, ICurrentActor actor, IPlacementFacts placements, IConsentDb db, SchoolCalendar calendar, CancellationToken cancellationToken)
    {
        if (actor.PersonId is not { } me || !await placements.IsInvolvedAsync(placementId, me, cancellationToken))
        {
            return VaultProblems.NotFoundProblem();
        }

        var facts = await placements.GetAsync(placementId, me, calendar.Today, cancellationToken);
        var made = await db.GateDecisions.CountAsync(d => d.PlacementId == placementId && d.RedeemedByRecordingId != null, cancellationToken);
        return TypedResults.Ok(new RequiredProgress(placementId, facts?.Policy.RequiredRecordingsPerPlacement ?? 0, made));
    }
}
