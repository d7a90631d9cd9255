using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vault.Api.Data;
using Vault.Consent.Import;
using Vault.Consent.Registry;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Pages.Toestemming;

/// <summary>
/// The start-of-year import: upload a CSV, see every row's outcome and each error by row and column, then apply it
/// (all or nothing). The checked file travels back with the apply form, so the vault keeps no half-imported state;
/// the apply checks it again.
/// </summary>
[Authorize(Policy = VaultPolicies.ConsentAdministrator)]
[RequestSizeLimit(ConsentImporter.MaxBytes * 2)]
[RequestFormLimits(MultipartBodyLengthLimit = ConsentImporter.MaxBytes * 2, ValueLengthLimit = ConsentImporter.MaxBytes * 2)]
public sealed class ImportModel(ConsentImporter importer, ConsentQueries queries, VaultDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "locatie")]
    public Guid? Location { get; set; }

    public ConsentLocations Locations { get; private set; } = new([], null);

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public bool CreateGroups { get; set; }

    /// <summary>The checked file (base64), posted back with "Toepassen".</summary>
    [BindProperty]
    public string? Checked { get; set; }

    public string? FileName { get; set; }

    public ImportPreview? Preview { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Locations = await ConsentLocations.LoadAsync(queries, db, Location, cancellationToken);

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        await OnGetAsync(cancellationToken);
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), Text.T("Kies een CSV-bestand.", "Choose a CSV file."));
            return Page();
        }

        byte[]? bytes = null;
        if (Upload.Length <= ConsentImporter.MaxBytes)
        {
            using var buffer = new MemoryStream();
            await Upload.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
        }

        FileName = Path.GetFileName(Upload.FileName);
        return await RunAsync(bytes, apply: false, cancellationToken);
    }

    public async Task<IActionResult> OnPostApplyAsync(CancellationToken cancellationToken)
    {
        await OnGetAsync(cancellationToken);
        byte[]? bytes;
        try
        {
            bytes = Convert.FromBase64String(Checked ?? "");
        }
        catch (FormatException)
        {
            bytes = [];
        }

        return await RunAsync(bytes, apply: true, cancellationToken);
    }

    private async Task<IActionResult> RunAsync(byte[]? bytes, bool apply, CancellationToken cancellationToken)
    {
        var result = await importer.RunAsync(Locations.Current ?? Guid.Empty, null, CreateGroups, apply, bytes, cancellationToken);
        if (result.Problem == VaultProblems.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            this.AddErrors(result);
            return Page();
        }

        Preview = result.Value;
        if (apply && Preview!.CanApply)
        {
            var s = Preview.Summary;
            TempData["Melding"] = Text.T(
                $"De import is toegepast: {s.PupilsNew} nieuwe leerling(en), {s.PupilsChanged} bijgewerkt, {s.ConsentsNew} toestemming(en) vastgelegd, {s.MembershipsNew} klasplaatsing(en), {s.GroupsNew} nieuwe groep(en).",
                $"The import has been applied: {s.PupilsNew} new pupil(s), {s.PupilsChanged} updated, {s.ConsentsNew} consent(s) recorded, {s.MembershipsNew} class placement(s), {s.GroupsNew} new group(s).");
            return RedirectToPage("/Toestemming/Index", new { locatie = Location });
        }

        Checked = Preview!.CanApply ? Convert.ToBase64String(bytes!) : null;
        return Page();
    }

    public static string Outcome(ImportOutcome outcome) => outcome switch
    {
        ImportOutcome.Nieuw => Text.T("nieuw", "new"),
        ImportOutcome.Gewijzigd => Text.T("gewijzigd", "changed"),
        ImportOutcome.Ongewijzigd => Text.T("ongewijzigd", "unchanged"),
        _ => Text.T("✗ fout", "✗ error"),
    };
}
