using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Vault.Consent.Gate;
using Vault.Shared.Identity;

namespace Vault.Api.Pages.Opnemen;

/// <summary>Upload a file made on a device, in resumable pieces with a progress bar (wwwroot/js/upload.js).</summary>
[Authorize(Policy = VaultPolicies.Student)]
public sealed class UploadenModel(IUploadGate gate, ICurrentActor actor, IAntiforgery antiforgery) : TicketPage(gate, actor, antiforgery)
{
    protected override CaptureMode Capture => CaptureMode.DeviceFile;

    public Task OnGetAsync(Guid? ticket, CancellationToken cancellationToken) => LoadTicketAsync(ticket, cancellationToken);
}
