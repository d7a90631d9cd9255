using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vault.Consent.Gate;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Pages.Opnemen;

/// <summary>
/// A page that sends bytes to the vault with an upload-gate ticket: it checks the ticket for the signed-in student and
/// hands the browser script the antiforgery token its cookie-authenticated API calls must carry (see ApiCsrfProtection).
/// </summary>
public abstract class TicketPage(IUploadGate gate, ICurrentActor actor, IAntiforgery antiforgery) : PageModel
{
    public UploadTicket? Ticket { get; private set; }

    public string? Problem { get; private set; }

    public string ApiToken { get; private set; } = "";

    protected abstract CaptureMode Capture { get; }

    protected async Task LoadTicketAsync(Guid? ticket, CancellationToken cancellationToken)
    {
        ApiToken = antiforgery.GetAndStoreTokens(HttpContext).RequestToken ?? "";
        var validation = ticket is { } id
            ? await gate.ValidateTicketAsync(id, actor.PersonId!.Value, Capture, cancellationToken)
            : new TicketValidation(null, TicketProblem.NotFound);
        Ticket = validation.IsValid ? validation.Ticket : null;
        Problem = validation.Problem switch
        {
            TicketProblem.None => null,
            TicketProblem.Expired => Text.T("Dit ticket is verlopen. Vraag de kluis opnieuw of u deze les mag opnemen.", "This ticket has expired. Ask the vault again whether you may record this lesson."),
            TicketProblem.AlreadyUsed => Text.T("Met dit ticket is al een opname gemaakt.", "A recording has already been made with this ticket."),
            TicketProblem.WrongCaptureMode => Capture == CaptureMode.DeviceFile
                ? Text.T("Dit ticket is voor opnemen in de gesloten omgeving, niet voor het uploaden van een bestand (R8).", "This ticket is for recording in the closed environment, not for uploading a file (R8).")
                : Text.T("Dit ticket is voor het uploaden van een bestand, niet voor opnemen in de gesloten omgeving.", "This ticket is for uploading a file, not for recording in the closed environment."),
            _ => Text.T("Dit ticket bestaat niet. Vraag eerst of u deze les mag opnemen.", "This ticket does not exist. First ask whether you may record this lesson."),
        };
    }
}
