using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;

namespace Vault.Api.Placements;

public sealed record CoachView(CoachRole Role, Guid PersonId, string Name, DateTimeOffset AssignedAt, DateTimeOffset? RemovedAt);

public sealed record PlacementView(
    Guid Id,
    Guid StudentId,
    string StudentName,
    Guid SchoolLocationId,
    string SchoolLocationName,
    Guid OpleidingsschoolId,
    string OpleidingsschoolCode,
    bool ClosedEnvironmentRules,
    PlacementKind Kind,
    DateOnly StartDate,
    DateOnly EndDate,
    DateOnly? EndedOn,
    PlacementEndReason? EndReason,
    string? Employer,
    IReadOnlyList<CoachView> Coaches,
    Guid Version);

public static class PlacementQueries
{
    /// <summary>Placements where the person is the student or a current coach.</summary>
    public static Task<List<PlacementView>> ForPersonAsync(VaultDbContext db, Guid personId, CancellationToken cancellationToken) =>
        ViewsAsync(db, db.Placements.Where(p => p.StudentId == personId || p.Coaches.Any(c => c.PersonId == personId && c.RemovedAt == null)), includeHistory: false, cancellationToken);

    public static async Task<List<PlacementView>> ViewsAsync(VaultDbContext db, IQueryable<Placement> query, bool includeHistory, CancellationToken cancellationToken)
    {
        var placements = await query.AsNoTracking().Include(p => p.Coaches).OrderByDescending(p => p.StartDate).Take(500).ToListAsync(cancellationToken);
        var personIds = placements.SelectMany(p => p.Coaches.Select(c => c.PersonId).Append(p.StudentId)).Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        var locationIds = placements.Select(p => p.SchoolLocationId).Distinct().ToList();
        var locations = await db.SchoolLocations.AsNoTracking().Include(l => l.Opleidingsschool)
            .Where(l => locationIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, cancellationToken);
        return [.. placements.Select(p =>
        {
            var location = locations[p.SchoolLocationId];
            var coaches = (includeHistory ? p.Coaches : p.Coaches.Where(c => c.RemovedAt is null))
                .OrderBy(c => c.Role).ThenBy(c => c.AssignedAt)
                .Select(c => new CoachView(c.Role, c.PersonId, names.GetValueOrDefault(c.PersonId, "?"), c.AssignedAt, c.RemovedAt))
                .ToList();
            return new PlacementView(
                p.Id, p.StudentId, names.GetValueOrDefault(p.StudentId, "?"), location.Id, location.Name,
                location.OpleidingsschoolId, location.Opleidingsschool!.Code, location.Opleidingsschool.Policy.ClosedEnvironmentRules,
                p.Kind, p.StartDate, p.EndDate, p.EndedOn, p.EndReason, p.Employer, coaches, p.Version);
        })];
    }
}
