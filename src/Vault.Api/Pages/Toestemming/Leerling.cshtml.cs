using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vault.Consent.Registry;
using Vault.Shared.Identity;
using Vault.Shared.Problems;
using Vault.Shared.Time;

namespace Vault.Api.Pages.Toestemming;

/// <summary>One pupil's consent this school year: what is in force, its history, record a decision, withdraw (R3, R4).</summary>
[Authorize(Policy = VaultPolicies.ConsentAdministrator)]
public sealed class LeerlingModel(ConsentQueries queries, ConsentCommands commands, SchoolCalendar calendar) : PageModel
{
    public PupilView Pupil { get; private set; } = null!;

    public ConsentInForceView Consent { get; private set; } = null!;

    public int Age => SchoolCalendar.AgeOn(Pupil.BirthDate, calendar.Today);

    [BindProperty]
    public Decision Input { get; set; } = new();

    [BindProperty]
    public Withdrawal Withdraw { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await queries.ConsentAsync(id, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        (Pupil, Consent) = found;
        if (Request.Method == HttpMethods.Get)
        {
            Input.GivenOn ??= calendar.Today;
            Input.InformedOn ??= Consent.InForce?.InformedOn;
            Input.GivenBy ??= Age >= 16 ? ConsentGiver.Leerling : ConsentGiver.Ouder;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRecordAsync(Guid id, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(Input.Beeld is not null, "beeld", Text.T("Kies voor beeld: ja of nee.", "Choose yes or no for image."));
        errors.Require(Input.Geluid is not null, "geluid", Text.T("Kies voor geluid: ja of nee.", "Choose yes or no for sound."));
        errors.Require(Input.GivenOn is not null, "givenOn", Text.T("Vul de datum van de toestemming in.", "Enter the date of the consent."));
        errors.Require(Input.InformedOn is not null, "informedOn", Text.T("Vul in wanneer ouders/leerling zijn geïnformeerd.", "Enter when parents/pupil were informed."));
        var result = errors.IsValid
            ? await commands.RecordAsync(id, new RecordConsentRequest(null, Input.Beeld!.Value, Input.Geluid!.Value, Input.GivenBy ?? ConsentGiver.Ouder, Input.GivenOn!.Value, Input.InformedOn!.Value, Input.Method), cancellationToken)
            : CommandResult<ConsentRecordView>.Invalid(errors);
        if (result.Succeeded)
        {
            TempData["Melding"] = Text.T(
                $"De toestemming is vastgelegd: beeld {ConsentText.Decision(result.Value!.Beeld)}, geluid {ConsentText.Decision(result.Value.Geluid)}.",
                $"The consent has been recorded: image {ConsentText.Decision(result.Value!.Beeld)}, sound {ConsentText.Decision(result.Value.Geluid)}.");
            return RedirectToPage(new { id });
        }

        return await AfterFailureAsync(id, result, cancellationToken);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await commands.WithdrawAsync(id, new WithdrawConsentRequest(Withdraw.Media, Withdraw.By), cancellationToken);
        if (result.Succeeded)
        {
            var marked = result.Value!.RecordingsMarked;
            TempData["Melding"] = Text.T("De toestemming is per direct ingetrokken. ", "The consent has been withdrawn with immediate effect. ") + (marked == 0
                ? Text.T("Er zijn geen opnames met deze leerling.", "There are no recordings with this pupil.")
                : Text.T(
                    $"{marked} opname(s) met deze leerling zijn gemarkeerd voor beoordeling: ze moeten binnen de termijn van de opleidingsschool worden bewerkt (leerling onherkenbaar) of vernietigd.",
                    $"{marked} recording(s) with this pupil have been marked for review: within the partner school's term they must be edited (pupil unrecognisable) or destroyed."));
            return RedirectToPage(new { id });
        }

        return await AfterFailureAsync(id, result, cancellationToken);
    }

    private async Task<IActionResult> AfterFailureAsync<T>(Guid id, CommandResult<T> result, CancellationToken cancellationToken)
        where T : class
    {
        if (result.Problem == VaultProblems.NotFound)
        {
            return NotFound();
        }

        this.AddErrors(result);
        return await OnGetAsync(id, cancellationToken);
    }

    /// <summary>The decision's fields, kept when the vault refuses them.</summary>
    public sealed class Decision
    {
        public MediumDecision? Beeld { get; set; }

        public MediumDecision? Geluid { get; set; }

        public ConsentGiver? GivenBy { get; set; }

        public DateOnly? GivenOn { get; set; }

        public DateOnly? InformedOn { get; set; }

        public ConsentMethod Method { get; set; } = ConsentMethod.PapierenFormulier;
    }

    public sealed class Withdrawal
    {
        public WithdrawMedia Media { get; set; } = WithdrawMedia.BeeldEnGeluid;

        public ConsentGiver By { get; set; }
    }
}
