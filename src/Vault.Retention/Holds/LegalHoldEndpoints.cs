using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Vault.Retention.Data;
using Vault.Retention.Ports;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Retention.Holds;

public sealed record PlaceHoldRequest(HoldScope? Scope, Guid? RecordingId, Guid? PlacementId, string? Reason);

public sealed record LiftHoldRequest(string? Reason);

public sealed record HoldView(
    Guid Id, HoldScope Scope, Guid? RecordingId, Guid PlacementId, string Reason, string PlacedBy, DateTimeOffset PlacedAt,
    bool Active, string? LiftedBy, DateTimeOffset? LiftedAt, string? LiftReason)
{
    public static HoldView From(LegalHold h) =>
        new(h.Id, h.Scope, h.RecordingId, h.PlacementId, h.Reason, h.PlacedByName, h.PlacedAt, h.IsActive, h.LiftedByName, h.LiftedAt, h.LiftReason);
}

/// <summary>R17 legal holds: placed and lifted with a reason by a privacy officer or institute administrator; audited.</summary>
internal static class LegalHoldEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        var holds = group.MapGroup("/holds").RequireAuthorization(RetentionAccess.Policy);
        holds.MapGet("/", List).WithName("ListLegalHolds").WithSummary("Juridische bewaarplichten (R17) / Legal holds");
        holds.MapPost("/", Place).WithName("PlaceLegalHold").WithSummary("Bewaarplicht opleggen (R17) / Place a legal hold");
        holds.MapPost("/{id:guid}/lift", Lift).WithName("LiftLegalHold").WithSummary("Bewaarplicht opheffen (R17) / Lift a legal hold");
    }

    private static async Task<Ok<IReadOnlyList<HoldView>>> List(bool? active, LegalHoldCommands commands, CancellationToken cancellationToken) =>
        TypedResults.Ok(await commands.ListAsync(active, cancellationToken));

    private static async Task<Results<Created<HoldView>, ValidationProblem, ProblemHttpResult>> Place(
        PlaceHoldRequest request, LegalHoldCommands commands, CancellationToken cancellationToken) =>
        (await commands.PlaceAsync(request, cancellationToken)).ToHttpResult(v => TypedResults.Created($"/api/retention/holds/{v.Id}", v));

    private static async Task<Results<Ok<HoldView>, ValidationProblem, ProblemHttpResult>> Lift(
        Guid id, LiftHoldRequest request, LegalHoldCommands commands, CancellationToken cancellationToken) =>
        (await commands.LiftAsync(id, request, cancellationToken)).ToHttpResult(TypedResults.Ok);
}
