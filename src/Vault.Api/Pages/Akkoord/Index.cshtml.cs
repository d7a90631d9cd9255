using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vault.Api.Agreements;
using Vault.Shared.Identity;
using Vault.Shared.Problems;
using Vault.Shared.Time;

namespace Vault.Api.Pages.Akkoord;

[Authorize(Policy = VaultPolicies.Student)]
public sealed class IndexModel(StudentAgreements agreements, ICurrentActor actor, SchoolCalendar calendar) : PageModel
{
    public IReadOnlyList<StudentAgreements.Requirement> Requirements { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Requirements = await agreements.RequirementsAsync(actor.PersonId!.Value, calendar.Today, cancellationToken);

    public async Task<IActionResult> OnPostAsync(Guid versionId, string textSha256, Guid? placementId, bool confirm, CancellationToken cancellationToken)
    {
        if (!confirm)
        {
            ModelState.AddModelError("confirm", Text.T("Vink aan dat u de tekst heeft gelezen en akkoord gaat.", "Tick the box to confirm that you have read the text and accept it."));
        }
        else
        {
            var result = await agreements.AcceptAsync(versionId, new AcceptAgreementRequest(textSha256, placementId), cancellationToken);
            if (result.Succeeded)
            {
                TempData["Melding"] = Text.T("Uw akkoord is vastgelegd.", "Your acceptance has been recorded.");
                return RedirectToPage();
            }

            ModelState.AddModelError(string.Empty, result.FailureMessage);
        }

        await OnGetAsync(cancellationToken);
        return Page();
    }
}
