using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Vault.Api.Data;
using Vault.Retention.Holds;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Pages.Privacy;

/// <summary>R17 legal holds: place one on a placement or a recording, lift it, each with a reason.</summary>
[Authorize(Policy = VaultPolicies.PrivacyOfficer)]
public sealed class BewaarplichtModel(LegalHoldCommands holds, ICurrentActor actor, VaultDbContext db) : PageModel
{
    public IReadOnlyList<HoldView> Holds { get; private set; } = [];

    public List<SelectListItem> Placements { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> PlacementNames { get; private set; } = new Dictionary<Guid, string>();

    [BindProperty]
    public NewHold Input { get; set; } = new();

    [BindProperty]
    public Lifting Lift { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Holds = await holds.ListAsync(null, cancellationToken);
        Placements = await PrivacyPicker.PlacementsAsync(db, await actor.PrivacyScopeAsync(cancellationToken), cancellationToken);
        PlacementNames = Placements.ToDictionary(p => Guid.Parse(p.Value), p => p.Text);
    }

    public async Task<IActionResult> OnPostPlaceAsync(CancellationToken cancellationToken)
    {
        var recording = Input.Scope == HoldScope.Recording;
        Guid? recordingId = null;
        if (recording && !string.IsNullOrWhiteSpace(Input.RecordingId))
        {
            if (!Guid.TryParse(Input.RecordingId.Trim(), out var parsed))
            {
                ModelState.AddModelError("recordingId", Text.T("Dit is geen geldig opname-id (36 tekens).", "This is not a valid recording id (36 characters)."));
                await OnGetAsync(cancellationToken);
                return Page();
            }

            recordingId = parsed;
        }

        var result = await holds.PlaceAsync(new PlaceHoldRequest(Input.Scope, recordingId, recording ? null : Input.PlacementId, Input.Reason), cancellationToken);
        return await AfterAsync(result, Text.T("De bewaarplicht is opgelegd. Zolang die geldt, wordt niets wat eronder valt vernietigd.", "The legal hold has been placed. While it applies, nothing it covers is destroyed."), cancellationToken);
    }

    public async Task<IActionResult> OnPostLiftAsync(CancellationToken cancellationToken)
    {
        var result = await holds.LiftAsync(Lift.Id, new LiftHoldRequest(Lift.Reason), cancellationToken);
        return await AfterAsync(result, Text.T("De bewaarplicht is opgeheven. De gewone bewaartermijnen gelden weer.", "The legal hold has been lifted. The normal retention periods apply again."), cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(CommandResult<HoldView> result, string success, CancellationToken cancellationToken)
    {
        if (result.Succeeded)
        {
            TempData["Melding"] = success;
            return RedirectToPage();
        }

        this.AddErrors(result.Problem == VaultProblems.NotFound
            ? CommandResult<HoldView>.Fail(VaultProblems.NotFound, Text.T("Deze opname of plaatsing bestaat niet binnen uw bereik.", "This recording or placement does not exist within your scope."))
            : result);
        await OnGetAsync(cancellationToken);
        return Page();
    }

    /// <summary>The new hold's fields, kept when the vault refuses them.</summary>
    public sealed class NewHold
    {
        public HoldScope Scope { get; set; } = HoldScope.Placement;

        public Guid? PlacementId { get; set; }

        public string? RecordingId { get; set; }

        public string? Reason { get; set; }
    }

    public sealed class Lifting
    {
        public Guid Id { get; set; }

        public string? Reason { get; set; }
    }
}
