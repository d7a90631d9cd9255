using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Api.Privacy;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Pages.Privacy;

/// <summary>AVG art. 15: which recordings hold this pupil, and every event about them; the lookup is audited.</summary>
[Authorize(Policy = VaultPolicies.PrivacyOfficer)]
public sealed class LeerlingModel(PrivacyReports reports, ICurrentActor actor, VaultDbContext db) : PageModel
{
    public PupilAccessReport Report { get; private set; } = null!;

    public string PupilName { get; private set; } = "";

    [BindProperty(SupportsGet = true, Name = "voor")]
    public long? Before { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var scope = await actor.PrivacyScopeAsync(cancellationToken);
        var locations = scope.SchoolLocationIds.ToList();
        var pupil = await db.Pupils.AsNoTracking().Where(p => p.Id == id && locations.Contains(p.SchoolLocationId))
            .Select(p => new { p.Name, p.PupilNumber }).FirstOrDefaultAsync(cancellationToken);
        var result = await reports.PupilAsync(id, Before, null, cancellationToken);
        if (result.Value is null || (pupil is null && result.Value.RecordingIds.Count == 0 && result.Value.Events.Items.Count == 0))
        {
            return NotFound();
        }

        Report = result.Value;
        PupilName = pupil is null ? Text.T("Leerling", "Pupil") : $"{pupil.Name} ({pupil.PupilNumber})";
        return Page();
    }
}
