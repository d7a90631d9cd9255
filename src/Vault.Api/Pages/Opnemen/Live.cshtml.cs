using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Vault.Consent.Gate;
using Vault.Shared.Identity;

namespace Vault.Api.Pages.Opnemen;

/// <summary>R8: the closed-environment recorder; chunks go to the vault as they are made (wwwroot/js/recorder.js).</summary>
[Authorize(Policy = VaultPolicies.Student)]
public sealed class LiveModel(IUploadGate gate, ICurrentActor actor, IAntiforgery antiforgery) : TicketPage(gate, actor, antiforgery)
{
    protected override CaptureMode Capture => CaptureMode.ClosedEnvironment;

    public Task OnGetAsync(Guid? ticket, CancellationToken cancellationToken) => LoadTicketAsync(ticket, cancellationToken);
}
