using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vault.Consent.Registry;
using Vault.Shared.Identity;

namespace Vault.Api.Pages.Toestemming;

/// <summary>One group's consent for image and sound, with what is missing or refused first.</summary>
[Authorize(Policy = VaultPolicies.ConsentAdministrator)]
public sealed class GroepModel(ConsentQueries queries) : PageModel
{
    public GroupOverview Overview { get; private set; } = null!;

    [BindProperty(SupportsGet = true, Name = "alleen")]
    public string? Only { get; set; }

    public IEnumerable<OverviewPupil> Shown => Only == "ontbrekend"
        ? Overview.Pupils.Where(p => p.Beeld != ConsentState.Gegeven || p.Geluid != ConsentState.Gegeven)
        : Overview.Pupils;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await queries.OverviewAsync(id, null, cancellationToken) is not { } overview)
        {
            return NotFound();
        }

        Overview = overview;
        return Page();
    }
}
