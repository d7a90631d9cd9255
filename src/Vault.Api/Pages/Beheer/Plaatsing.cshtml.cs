using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Api.Placements;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Pages.Beheer;

[Authorize(Policy = VaultPolicies.InstituteAdministrator)]
public sealed class PlaatsingModel(VaultDbContext db, PlacementCommands commands) : PageModel
{
    public sealed record Candidate(Guid Id, string Name, string Role);

    public PlacementView? Placement { get; private set; }

    public IReadOnlyList<CoachRole> Roles { get; private set; } = [];

    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Placement = (await PlacementQueries.ViewsAsync(db, db.Placements.Where(p => p.Id == id), includeHistory: true, cancellationToken)).SingleOrDefault();
        if (Placement is null)
        {
            return NotFound();
        }

        Roles = Placement.Kind == PlacementKind.WerkendLeren
            ? [CoachRole.Instituutsopleider, CoachRole.Werkbegeleider, CoachRole.ContactpersoonInstituut, CoachRole.ContactpersoonWerkgever]
            : [CoachRole.Instituutsopleider, CoachRole.Werkplekbegeleider, CoachRole.Schoolopleider];
        Candidates = await db.RoleAssignments.AsNoTracking()
            .Where(r => VaultRoles.Coaches.Contains(r.Role))
            .Join(db.People, r => r.PersonId, p => p.Id, (r, p) => new Candidate(p.Id, p.DisplayName, r.Role))
            .Distinct()
            .ToListAsync(cancellationToken);
        Candidates = [.. Candidates.OrderBy(c => c.Name, StringComparer.CurrentCulture)];
        return Page();
    }

    public async Task<IActionResult> OnPostReplaceCoachAsync(Guid id, CoachRole role, Guid personId, Guid version, CancellationToken cancellationToken)
    {
        var result = await commands.ReplaceCoachAsync(id, role, new ReplaceCoachRequest(personId, version), cancellationToken);
        return await AfterAsync(id, result, Text.T("De begeleider is gewisseld.", "The coach has been changed."), cancellationToken);
    }

    public async Task<IActionResult> OnPostEndAsync(Guid id, DateOnly endedOn, PlacementEndReason reason, string? note, Guid version, CancellationToken cancellationToken)
    {
        var result = await commands.EndAsync(id, new EndPlacementRequest(endedOn, reason, string.IsNullOrWhiteSpace(note) ? null : note, version), cancellationToken);
        return await AfterAsync(id, result, Text.T("Het werkplekleren is beëindigd.", "Workplace learning has been ended."), cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(Guid id, Vault.Shared.Problems.CommandResult<PlacementView> result, string success, CancellationToken cancellationToken)
    {
        if (result.Succeeded)
        {
            TempData["Melding"] = success;
            return RedirectToPage(new { id });
        }

        if (result.Problem == Vault.Shared.Problems.VaultProblems.NotFound)
        {
            return NotFound();
        }

        this.AddErrors(result);
        return await OnGetAsync(id, cancellationToken);
    }
}
