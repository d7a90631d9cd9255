using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vault.Api.Data;
using Vault.Api.Placements;
using Vault.Shared.Identity;

namespace Vault.Api.Pages;

public sealed class IndexModel(ICurrentActor actor, VaultDbContext db) : PageModel
{
    public bool Known { get; private set; }

    public string DisplayName { get; private set; } = "";

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public IReadOnlyList<PlacementView> Placements { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        DisplayName = actor.DisplayName;
        Roles = [.. actor.Roles.Order(StringComparer.Ordinal)];
        if (actor.PersonId is { } id)
        {
            Known = true;
            Placements = await PlacementQueries.ForPersonAsync(db, id, cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync();
        return Redirect("/");
    }
}
