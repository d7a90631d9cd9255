using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vault.Api.Privacy;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Pages.Privacy;

/// <summary>Who viewed this recording, when, and which ranges; then every event about it (keyset paging).</summary>
[Authorize(Policy = VaultPolicies.PrivacyOfficer)]
public sealed class OpnameModel(PrivacyReports reports) : PageModel
{
    public RecordingAudit Report { get; private set; } = null!;

    [BindProperty(SupportsGet = true, Name = "voor")]
    public long? Before { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await reports.RecordingAsync(id, Before, null, cancellationToken);
        if (result.Problem == VaultProblems.NotFound || result.Value is null)
        {
            return NotFound();
        }

        Report = result.Value;
        return Page();
    }

    /// <summary>The ranges watched in a playback session, from its details (seconds from-to), in words.</summary>
    public static string Ranges(System.Text.Json.JsonElement? details)
    {
        if (details is not { ValueKind: System.Text.Json.JsonValueKind.Object } d || !d.TryGetProperty("ranges", out var ranges) || ranges.ValueKind != System.Text.Json.JsonValueKind.Array)
        {
            return details?.ToString() ?? "—";
        }

        return string.Join(", ", ranges.EnumerateArray().Select(r => r.ToString()));
    }
}
