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
        DecisionRequest request, StudentGate gate, CancellationToken cancellationToken)
    {
        var result = await gate.AskAsync(request, cancellationToken);
        if (result.Value is not { } reply)
        {
            return result.Errors is { } errors ? errors.ToProblem() : VaultProblems.Problem(result.Problem!, result.Detail);
        }

        if (reply.Ticket is { } ticket)
        {
            return TypedResults.Created($"/api/gate/decisions/{reply.DecisionId}", new DecisionView(reply.DecisionId, true, ticket, reply.RulesApplied, reply.Conditions));
        }

        return VaultProblems.Problem(Refused, Text.T("Bekijk de redenen hieronder; elke reden noemt de regel en, waar nodig, de leerlingen.", "See the reasons below; each names its rule and, where needed, the pupils."),
            new Dictionary<string, object?>
            {
                ["decisionId"] = reply.DecisionId,
                ["soundOnlyOffered"] = reply.SoundOnlyOffered,
                ["reasons"] = reply.Reasons,
            });
    }

    private static async Task<Results<Ok<List<GateGroupView>>, ValidationProblem, ProblemHttpResult>> Groups(
        Guid placementId, DateOnly? on, StudentGate gate, CancellationToken cancellationToken) =>
        (await gate.ChoicesAsync(placementId, on, cancellationToken)).ToHttpResult(choices => TypedResults.Ok(choices.Groups.ToList()));

    private static async Task<Results<Ok<RequiredProgress>, ValidationProblem, ProblemHttpResult>> Progress(
        Guid placementId, StudentGate gate, CancellationToken cancellationToken) =>
        (await gate.ProgressAsync(placementId, cancellationToken)).ToHttpResult(TypedResults.Ok);
}
