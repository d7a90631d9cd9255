using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Api.Identity;
using Vault.Api.Placements;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;

namespace Vault.Api.People;

public static class MeEndpoints
{
    public sealed record MeResponse(
        bool Known,
        Guid? PersonId,
        string DisplayName,
        IReadOnlyList<string> Roles,
        IReadOnlyList<RoleAssignmentView> Assignments,
        IReadOnlyList<PlacementView> Placements);

    public static IEndpointRouteBuilder MapMeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/me", GetMe)
            .WithName("GetMe").WithSummary("Wie ben ik, en op welke plaatsingen? / Who am I, and on which placements?").WithTags("People");
        return endpoints;
    }

    private static async Task<Ok<MeResponse>> GetMe(HttpContext http, ICurrentActor actor, VaultDbContext db, CancellationToken cancellationToken)
    {
        var personId = actor.PersonId;
        if (personId is null)
        {
            // First sign-in with a pre-provisioned e-mail address links the account.
            var audit = http.RequestServices.GetRequiredService<IAuditTrail>();
            var time = http.RequestServices.GetRequiredService<TimeProvider>();
            personId = (await CurrentActor.LinkAndRecordSignInAsync(http.User, db, audit, time, cancellationToken, actor))?.Id;
        }

        if (personId is not { } id)
        {
            return TypedResults.Ok(new MeResponse(false, null, actor.DisplayName, [.. actor.Roles], [], []));
        }

        var person = await db.People.AsNoTracking().Include(p => p.Roles).FirstAsync(p => p.Id == id, cancellationToken);
        var placements = await PlacementQueries.ForPersonAsync(db, id, cancellationToken);
        return TypedResults.Ok(new MeResponse(
            true,
            id,
            person.DisplayName,
            [.. actor.Roles.Order(StringComparer.Ordinal)],
            [.. person.Roles.Select(RoleAssignmentView.From)],
            placements));
    }
}
