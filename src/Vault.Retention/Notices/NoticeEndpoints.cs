using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Vault.Retention.Data;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Retention.Notices;

public sealed record NoticeView(Guid Id, Guid RecordingId, Guid PlacementId, DateOnly RecordedOn, DateOnly RunDate, string Role, DateTimeOffset CreatedAt, string Message);

/// <summary>"My retention notices": a student or IO sees which of their recordings the coming yearly run will destroy.</summary>
internal static class NoticeEndpoints
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/notices/mine", Mine).WithName("MyRetentionNotices").WithSummary("Mijn vernietigingsberichten / My retention notices");

    private static async Task<Results<Ok<List<NoticeView>>, ProblemHttpResult>> Mine(IRetentionDb db, ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (actor.PersonId is not { } me)
        {
            return VaultProblems.Problem(VaultProblems.UnknownPerson);
        }

        var notices = await db.RetentionNotices.AsNoTracking().Where(n => n.PersonId == me)
            .OrderByDescending(n => n.RunDate).ThenBy(n => n.RecordedOn).Take(1000).ToListAsync(cancellationToken);
        return TypedResults.Ok(notices.Select(n => new NoticeView(n.Id, n.RecordingId, n.PlacementId, n.RecordedOn, n.RunDate, n.Role, n.CreatedAt,
            Text.T($"De opname van {n.RecordedOn:dd-MM-yyyy} wordt op {n.RunDate:dd-MM-yyyy} vernietigd (R7).",
                $"The recording of {n.RecordedOn:yyyy-MM-dd} will be destroyed on {n.RunDate:yyyy-MM-dd} (R7)."))).ToList());
    }
}
