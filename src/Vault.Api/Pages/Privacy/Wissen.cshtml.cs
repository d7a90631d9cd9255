using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Vault.Api.Data;
using Vault.Api.Privacy;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Pages.Privacy;

/// <summary>Erasure requests (AVG art. 17): file one for a pupil, follow each request's state and per-recording outcome.</summary>
[Authorize(Policy = VaultPolicies.PrivacyOfficer)]
public sealed class WissenModel(IServiceProvider services, ICurrentActor actor, VaultDbContext db) : PageModel
{
    public IReadOnlyList<ErasureRequestView> Requests { get; private set; } = [];

    public List<SelectListItem> Pupils { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> PupilNames { get; private set; } = new Dictionary<Guid, string>();

    [BindProperty(SupportsGet = true, Name = "leerling")]
    public Guid? PupilId { get; set; }

    [BindProperty]
    public string? Reference { get; set; }

    private ErasureCommands Commands => services.GetRequiredService<ErasureCommands>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Pupils = await PrivacyPicker.PupilsAsync(db, await actor.PrivacyScopeAsync(cancellationToken), PupilId, cancellationToken);
        PupilNames = Pupils.ToDictionary(p => Guid.Parse(p.Value), p => p.Text);
        Requests = await Commands.ListAsync(null, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await Commands.FileAsync(new FileErasureRequest(PupilId ?? Guid.Empty, null, string.IsNullOrWhiteSpace(Reference) ? null : Reference), cancellationToken);
        if (result.Succeeded)
        {
            var r = result.Value!;
            TempData["Melding"] = Text.T(
                $"Het verzoek tot wissen is ingediend: {r.Recordings.Count} opname(s) met deze leerling, status {State(r.State)}.",
                $"The erasure request has been submitted: {r.Recordings.Count} recording(s) with this pupil, status {State(r.State)}.");
            return RedirectToPage();
        }

        this.AddErrors(result);
        await OnGetAsync(cancellationToken);
        return Page();
    }

    public static string State(ErasureState state) => state switch
    {
        ErasureState.Ingediend => Text.T("ingediend (nog niet doorgegeven aan bewaarbeheer)", "submitted (not yet passed to retention management)"),
        ErasureState.Doorgegeven => Text.T("doorgegeven aan bewaarbeheer", "passed to retention management"),
        _ => Text.T("afgerond", "completed"),
    };

    public static string Outcome(Vault.Retention.Erasure.ErasureOutcome outcome) => outcome switch
    {
        Vault.Retention.Erasure.ErasureOutcome.Pending => Text.T("in behandeling", "in progress"),
        Vault.Retention.Erasure.ErasureOutcome.Destroyed => Text.T("vernietigd", "destroyed"),
        Vault.Retention.Erasure.ErasureOutcome.Redacted => Text.T("leerling verwijderd uit opname", "pupil removed from recording"),
        var other => other.ToString(),
    };
}
