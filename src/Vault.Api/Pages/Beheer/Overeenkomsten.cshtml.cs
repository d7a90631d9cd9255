using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Agreements;
using Vault.Api.Data;
using Vault.Api.Placements;
using Vault.Shared.Identity;
using Vault.Shared.Problems;
using Vault.Shared.Time;

namespace Vault.Api.Pages.Beheer;

/// <summary>/beheer/overeenkomsten: the agreement versions per kind, which is in force, how many akkoorden each has; publish a new version (R1, R12).</summary>
[Authorize(Policy = VaultPolicies.InstituteAdministrator)]
public sealed class OvereenkomstenModel(VaultDbContext db, AgreementCommands commands, PlacementEligibility eligibility, TimeProvider time) : PageModel
{
    public sealed record VersionRow(AgreementVersion Version, bool InForce, int Acceptances);

    public sealed record KindGroup(AgreementKind Kind, string Name, string Explanation, IReadOnlyList<VersionRow> Versions);

    public IReadOnlyList<KindGroup> Kinds { get; private set; } = [];

    [BindProperty]
    public NewVersion Input { get; set; } = new();

    public bool OpenForm { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = SchoolCalendar.DateInAmsterdam(time.GetUtcNow());
        Input.EffectiveFrom ??= today;
        var versions = await db.AgreementVersions.AsNoTracking().ToListAsync(cancellationToken);
        var counts = await db.AgreementAcceptances.AsNoTracking().GroupBy(a => a.AgreementVersionId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var groups = new List<KindGroup>();
        foreach (var kind in Enum.GetValues<AgreementKind>())
        {
            var inForce = await eligibility.InForceAsync(kind, today, cancellationToken);
            groups.Add(new KindGroup(kind, Name(kind), Explanation(kind), [.. versions.Where(v => v.Kind == kind)
                .OrderByDescending(v => v.EffectiveFrom).ThenByDescending(v => v.PublishedAt)
                .Select(v => new VersionRow(v, v.Id == inForce?.Id, counts.GetValueOrDefault(v.Id)))]));
        }

        Kinds = groups;
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken)
    {
        var result = await commands.PublishAsync(
            new PublishAgreementRequest(Input.Kind, Input.VersionLabel ?? "", Input.Title ?? "", Input.EffectiveFrom ?? default, Input.Text ?? ""), cancellationToken);
        if (result.Succeeded)
        {
            TempData["Melding"] = Text.T(
                $"Versie {result.Value!.VersionLabel} van de {Name(result.Value.Kind).ToLowerInvariant()} is gepubliceerd; zij geldt vanaf {result.Value.EffectiveFrom:dd-MM-yyyy}.",
                $"Version {result.Value!.VersionLabel} of the {Name(result.Value.Kind).ToLowerInvariant()} has been published; it is in force from {result.Value.EffectiveFrom:dd-MM-yyyy}.");
            return RedirectToPage();
        }

        foreach (var (field, messages) in result.Errors?.ToDictionary() ?? [])
        {
            foreach (var message in messages)
            {
                ModelState.AddModelError($"Input.{char.ToUpperInvariant(field[0])}{field[1..]}", message);
            }
        }

        if (result.Errors is null)
        {
            ModelState.AddModelError(string.Empty, result.FailureMessage);
        }

        OpenForm = true;
        await OnGetAsync(cancellationToken);
        return Page();
    }

    public static string Name(AgreementKind kind) => kind switch
    {
        AgreementKind.Raamovereenkomst => Text.T("Raamovereenkomst werkplekleren", "Framework agreement for workplace learning"),
        AgreementKind.Driepartijenovereenkomst => Text.T("Driepartijenovereenkomst werkend leren", "Tripartite agreement for work-based learning"),
        _ => Text.T("Regeling beeld- en geluidsopnames (Haagse opleidingsscholen)", "Regulation on image and sound recordings (Haagse partner schools)"),
    };

    private static string Explanation(AgreementKind kind) => kind switch
    {
        AgreementKind.Raamovereenkomst => Text.T("Elke student geeft vóór het werkplekleren digitaal en persoonlijk akkoord (R1).", "Every student accepts digitally and in person before workplace learning (R1)."),
        AgreementKind.Driepartijenovereenkomst => Text.T("Bij werkend leren geven student, hogeschool en werkgever akkoord (R1); de akkoorden van hogeschool en werkgever legt u vast bij de versie.", "In work-based learning the student, university and employer accept (R1); you record the university's and employer's acceptances with the version."),
        _ => Text.T("Studenten bij OSH, NOD, 4OLS en HOS erkennen de regeling en de privacyverklaring (R12).", "Students at OSH, NOD, 4OLS and HOS acknowledge the regulation and the privacy statement (R12)."),
    };

    public sealed class NewVersion
    {
        [Display(Name = "Soort")]
        public AgreementKind Kind { get; set; }

        [Display(Name = "Versie")]
        public string? VersionLabel { get; set; }

        [Display(Name = "Titel")]
        public string? Title { get; set; }

        [Display(Name = "Geldt vanaf")]
        public DateOnly? EffectiveFrom { get; set; }

        [Display(Name = "Tekst")]
        public string? Text { get; set; }
    }
}
