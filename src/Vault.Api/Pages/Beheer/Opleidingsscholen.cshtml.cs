using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Api.Organisations;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Pages.Beheer;

[Authorize(Policy = VaultPolicies.InstituteAdministrator)]
public sealed class OpleidingsscholenModel(VaultDbContext db, OrganisationCommands commands) : PageModel
{
    public IReadOnlyList<OpleidingsschoolView> Schools { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var schools = await db.Opleidingsscholen.AsNoTracking().Include(o => o.Locations).OrderBy(o => o.Code).ToListAsync(cancellationToken);
        Schools = [.. schools.Select(OrganisationEndpoints.ToView)];
    }

    public async Task<IActionResult> OnPostPolicyAsync(
        Guid id, Guid version, bool closedEnvironmentRules, bool offerSoundOnlyFallback, int requiredRecordingsPerPlacement, int withdrawalReviewDays, CancellationToken cancellationToken)
    {
        var result = await commands.UpdatePolicyAsync(id, new UpdatePolicyRequest(closedEnvironmentRules, requiredRecordingsPerPlacement, offerSoundOnlyFallback, withdrawalReviewDays, version), cancellationToken);
        if (result.Succeeded)
        {
            TempData["Melding"] = Text.T($"De afspraken van {result.Value!.Name} zijn opgeslagen.", $"The policies of {result.Value!.Name} have been saved.");
            return RedirectToPage();
        }

        this.AddErrors(result);
        await OnGetAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostLocationAsync(Guid id, string name, CancellationToken cancellationToken)
    {
        var result = await commands.AddLocationAsync(id, new CreateSchoolLocationRequest(name, null, null), cancellationToken);
        if (result.Succeeded)
        {
            TempData["Melding"] = Text.T($"Schoollocatie {result.Value!.Name} is toegevoegd.", $"School location {result.Value!.Name} has been added.");
            return RedirectToPage();
        }

        this.AddErrors(result);
        await OnGetAsync(cancellationToken);
        return Page();
    }
}
