using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vault.Api.Audit;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;

namespace Vault.Api.Pages.Privacy;

/// <summary>Verifies the audit log's hash chain against its checkpoints and shows the first entry that does not fit.</summary>
[Authorize(Policy = VaultPolicies.PrivacyOfficer)]
public sealed class KetenModel(AuditVerifier verifier, IAuditTrail audit) : PageModel
{
    public ChainVerification? Result { get; private set; }

    public void OnGet()
    {
    }

    public async Task OnPostAsync(CancellationToken cancellationToken) =>
        Result = await AuditEndpoints.VerifyAndRecordAsync(verifier, audit, cancellationToken);
}
