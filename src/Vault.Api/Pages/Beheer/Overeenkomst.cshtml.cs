using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Agreements;
using Vault.Api.Data;
using Vault.Api.Placements;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Pages.Beheer;

/// <summary>
/// /beheer/overeenkomsten/{id}: one version's text and who accepted it (which party, when, how); for the tripartite
/// agreement the administrator records the hogeschool's and the employer's akkoord for a werkend-leren placement.
/// </summary>
[Authorize(Policy = VaultPolicies.InstituteAdministrator)]
public sealed class OvereenkomstModel(VaultDbContext db, AgreementCommands commands) : PageModel
{
    public sealed record AcceptanceRow(string Student, AgreementParty Party, string AcceptedBy, DateTimeOffset AcceptedAt, AcceptanceMethod Method, string? Placement, string? Reference);

    public sealed record Option(Guid Id, string Label);

    public AgreementVersion Version { get; private set; } = null!;

    public IReadOnlyList<AcceptanceRow> Acceptances { get; private set; } = [];

    public IReadOnlyList<Option> Placements { get; private set; } = [];

    public IReadOnlyList<Option> Signatories { get; private set; } = [];

    public bool IsTripartite => Version.Kind == AgreementKind.Driepartijenovereenkomst;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPartyAsync(Guid id, Guid placementId, AgreementParty party, Guid acceptedByPersonId, string? reference, CancellationToken cancellationToken)
    {
        var result = await commands.RecordPartyAsync(id, new RecordPartyAcceptanceRequest(placementId, party, acceptedByPersonId, reference ?? ""), cancellationToken);
        if (result.Succeeded)
        {
            TempData["Melding"] = Text.T($"Het akkoord van de {PartyName(party).ToLowerInvariant()} is vastgelegd.", $"The acceptance of the {PartyName(party).ToLowerInvariant()} has been recorded.");
            return RedirectToPage(new { id });
        }

        this.AddErrors(result);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public static string PartyName(AgreementParty party) => party switch
    {
        AgreementParty.Student => "Student",
        AgreementParty.Hogeschool => Text.T("Hogeschool", "University"),
        _ => Text.T("Werkgever", "Employer"),
    };

    public static string MethodName(AcceptanceMethod method) =>
        method == AcceptanceMethod.DigitaalInKluis ? Text.T("digitaal, persoonlijk in de kluis", "digitally, in person in the vault") : Text.T("vastgelegd door beheer (elders digitaal)", "recorded by the administrator (digitally elsewhere)");

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.AgreementVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken) is not { } version)
        {
            return false;
        }

        Version = version;
        var rows = await db.AgreementAcceptances.AsNoTracking().Where(a => a.AgreementVersionId == id)
            .OrderByDescending(a => a.AcceptedAt).ToListAsync(cancellationToken);
        var personIds = rows.SelectMany(a => new[] { a.StudentId, a.AcceptedByPersonId }).ToHashSet();
        var names = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        var placementIds = rows.Where(a => a.PlacementId != null).Select(a => a.PlacementId!.Value).ToHashSet();
        var werkendLeren = await (from p in db.Placements.AsNoTracking()
                                  join s in db.People.AsNoTracking() on p.StudentId equals s.Id
                                  join l in db.SchoolLocations.AsNoTracking() on p.SchoolLocationId equals l.Id
                                  where placementIds.Contains(p.Id) || p.Kind == PlacementKind.WerkendLeren
                                  orderby s.DisplayName
                                  select new { p.Id, p.Kind, Label = s.DisplayName + " — " + l.Name + (p.Employer == null ? "" : " (" + p.Employer + ")") })
            .ToListAsync(cancellationToken);
        var placementLabels = werkendLeren.ToDictionary(p => p.Id, p => p.Label);
        Acceptances = [.. rows.Select(a => new AcceptanceRow(
            names.GetValueOrDefault(a.StudentId, "?"), a.Party, names.GetValueOrDefault(a.AcceptedByPersonId, "?"), a.AcceptedAt, a.Method,
            a.PlacementId is { } pid ? placementLabels.GetValueOrDefault(pid) : null, a.Reference))];

        if (IsTripartite)
        {
            Placements = [.. werkendLeren.Where(p => p.Kind == PlacementKind.WerkendLeren).Select(p => new Option(p.Id, p.Label))];
            var people = await db.People.AsNoTracking().Include(p => p.Roles).OrderBy(p => p.DisplayName).ToListAsync(cancellationToken);
            Signatories = [.. people.Where(p => p.Roles.All(r => r.Role != VaultRoles.Student))
                .Select(p => new Option(p.Id, p.Roles.Count == 0 ? p.DisplayName : $"{p.DisplayName} ({string.Join(", ", p.Roles.Select(r => Labels.Role(r.Role)).Distinct())})"))];
        }

        return true;
    }
}
