using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Api.People;
using Vault.Api.Recordings;
using Vault.Consent.Gate;
using Vault.Shared.Identity;

namespace Vault.Api.Viewing;

/// <summary>
/// Who may be added as an extra assessor of a recording (R9). Under the Haagse module (the recording's gate conditions
/// carry <see cref="GateConditions.ViewersDirectlyInvolved"/>) only employees of that schoollocatie (a coach role
/// scoped to it) or of the Instituut (an instituutsopleider); elsewhere a coach of any school. Never the student.
/// </summary>
internal static class AssessorCandidates
{
    public static async Task<bool> IsHaagsAsync(IUploadGate gate, Guid recordingId, CancellationToken cancellationToken) =>
        (await gate.ConditionsForRecordingAsync(recordingId, cancellationToken)).Contains(GateConditions.ViewersDirectlyInvolved);

    public static bool Eligible(IEnumerable<RoleAssignment> roles, Recording recording, bool haags)
    {
        var list = roles.ToList();
        var instituut = list.Any(r => r.Role == VaultRoles.Instituutsopleider);
        var ofThisSchool = list.Any(r => r.SchoolLocationId == recording.SchoolLocationId && VaultRoles.Coaches.Contains(r.Role));
        return instituut || ofThisSchool || (!haags && list.Any(r => VaultRoles.Coaches.Contains(r.Role)));
    }

    /// <summary>The people the IO can choose from, by name, leaving out the student, the placement's current coaches and the current extra assessors.</summary>
    public static async Task<IReadOnlyList<(Guid Id, string Name)>> ListAsync(VaultDbContext db, IUploadGate gate, Recording recording, DateOnly today, CancellationToken cancellationToken)
    {
        var haags = await IsHaagsAsync(gate, recording.Id, cancellationToken);
        var coaches = VaultRoles.Coaches.ToList();
        var people = await db.People.AsNoTracking().Include(p => p.Roles)
            .Where(p => p.Id != recording.StudentId && p.Roles.Any(r => coaches.Contains(r.Role)))
            .ToListAsync(cancellationToken);
        var already = await db.Set<ExtraAssessor>().AsNoTracking()
            .Where(a => a.RecordingId == recording.Id && a.RemovedAt == null && a.EndDate >= today)
            .Select(a => a.PersonId).ToListAsync(cancellationToken);
        already.AddRange(await db.PlacementCoaches.AsNoTracking()
            .Where(c => c.PlacementId == recording.PlacementId && c.RemovedAt == null).Select(c => c.PersonId).ToListAsync(cancellationToken));
        return [.. people.Where(p => !already.Contains(p.Id) && Eligible(p.Roles, recording, haags))
            .OrderBy(p => p.DisplayName, StringComparer.CurrentCulture)
            .Select(p => (p.Id, $"{p.DisplayName} ({string.Join(", ", p.Roles.Where(r => coaches.Contains(r.Role)).Select(r => Pages.Labels.Role(r.Role)).Distinct())})"))];
    }
}
