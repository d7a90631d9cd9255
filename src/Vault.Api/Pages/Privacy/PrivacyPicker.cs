using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Pages.Privacy;

/// <summary>Choices for the privacy officer's forms, by name instead of id, limited to their scope.</summary>
internal static class PrivacyPicker
{
    public static async Task<List<SelectListItem>> PupilsAsync(VaultDbContext db, PrivacyScope scope, Guid? selected, CancellationToken cancellationToken)
    {
        var locations = scope.SchoolLocationIds.ToList();
        var pupils = await db.Pupils.AsNoTracking().Where(p => locations.Contains(p.SchoolLocationId))
            .Join(db.SchoolLocations, p => p.SchoolLocationId, l => l.Id, (p, l) => new { p.Id, p.Name, p.PupilNumber, Location = l.Name })
            .ToListAsync(cancellationToken);
        return [.. pupils.OrderBy(p => p.Location, StringComparer.CurrentCulture).ThenBy(p => p.Name, StringComparer.CurrentCulture)
            .Select(p => new SelectListItem($"{p.Name} ({p.PupilNumber}, {p.Location})", p.Id.ToString(), p.Id == selected))];
    }

    public static async Task<List<SelectListItem>> PeopleAsync(VaultDbContext db, Guid? selected, CancellationToken cancellationToken) =>
        [.. (await db.People.AsNoTracking().Select(p => new { p.Id, p.DisplayName }).ToListAsync(cancellationToken))
            .OrderBy(p => p.DisplayName, StringComparer.CurrentCulture)
            .Select(p => new SelectListItem(p.DisplayName, p.Id.ToString(), p.Id == selected))];

    public static async Task<List<SelectListItem>> PlacementsAsync(VaultDbContext db, PrivacyScope scope, CancellationToken cancellationToken)
    {
        var locations = scope.SchoolLocationIds.ToList();
        var placements = await db.Placements.AsNoTracking().Where(p => locations.Contains(p.SchoolLocationId))
            .Join(db.People, p => p.StudentId, s => s.Id, (p, s) => new { p.Id, Student = s.DisplayName, p.SchoolLocationId, p.StartDate })
            .Join(db.SchoolLocations, p => p.SchoolLocationId, l => l.Id, (p, l) => new { p.Id, p.Student, Location = l.Name, p.StartDate })
            .ToListAsync(cancellationToken);
        return [.. placements.OrderBy(p => p.Student, StringComparer.CurrentCulture)
            .Select(p => new SelectListItem($"{p.Student} — {p.Location} ({Text.T("vanaf", "from")} {p.StartDate:dd-MM-yyyy})", p.Id.ToString()))];
    }

    /// <summary>The audit actions, for the event-type filter.</summary>
    public static IReadOnlyList<string> Actions { get; } = [.. typeof(Vault.Shared.Auditing.AuditActions)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Distinct()
        .Order(StringComparer.Ordinal)];
}
