using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vault.Api.Data;
using Vault.Consent.Registry;
using Vault.Shared.Identity;
using Vault.Shared.Problems;
using Vault.Shared.Time;

namespace Vault.Api.Pages.Toestemming;

/// <summary>The consent administrator's start: the groups of this school year with what is missing, a new group, and the year rollover.</summary>
[Authorize(Policy = VaultPolicies.ConsentAdministrator)]
public sealed class IndexModel(ConsentQueries queries, PupilGroupCommands commands, VaultDbContext db, SchoolCalendar calendar) : PageModel
{
    public sealed record GroupRow(GroupView Group, int Pupils, OverviewTotals Beeld, OverviewTotals Geluid);

    [BindProperty(SupportsGet = true, Name = "locatie")]
    public Guid? Location { get; set; }

    public ConsentLocations Locations { get; private set; } = new([], null);

    public int SchoolYear { get; private set; }

    public IReadOnlyList<GroupRow> Groups { get; private set; } = [];

    public int NextYearGroups { get; private set; }

    [BindProperty]
    public string? GroupName { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Locations = await ConsentLocations.LoadAsync(queries, db, Location, cancellationToken);
        SchoolYear = calendar.CurrentSchoolYear.StartYear;
        if (Locations.Current is not { } location)
        {
            return;
        }

        var rows = new List<GroupRow>();
        foreach (var group in await queries.GroupsAsync(location, SchoolYear, cancellationToken))
        {
            if (await queries.OverviewAsync(group.Id, null, cancellationToken) is { } overview)
            {
                rows.Add(new GroupRow(group, overview.Pupils.Count, overview.Beeld, overview.Geluid));
            }
        }

        Groups = rows;
        NextYearGroups = (await queries.GroupsAsync(location, SchoolYear + 1, cancellationToken)).Count;
    }

    public async Task<IActionResult> OnPostCreateGroupAsync(CancellationToken cancellationToken)
    {
        Locations = await ConsentLocations.LoadAsync(queries, db, Location, cancellationToken);
        var result = await commands.CreateGroupAsync(new CreateGroupRequest(Locations.Current ?? Guid.Empty, calendar.CurrentSchoolYear.StartYear, GroupName ?? ""), cancellationToken);
        if (result.Succeeded)
        {
            TempData["Melding"] = Text.T($"Groep {result.Value!.Name} is aangemaakt.", $"Group {result.Value!.Name} has been created.");
            return RedirectToPage(new { locatie = Location });
        }

        this.AddErrors(result);
        await OnGetAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRolloverAsync(CancellationToken cancellationToken)
    {
        Locations = await ConsentLocations.LoadAsync(queries, db, Location, cancellationToken);
        var result = await commands.RolloverAsync(Locations.Current ?? Guid.Empty, new RolloverRequest(calendar.CurrentSchoolYear.StartYear), cancellationToken);
        if (result.Succeeded)
        {
            var v = result.Value!;
            TempData["Melding"] = Text.T(
                $"Schooljaar {ConsentText.SchoolYear(v.SchoolYear)} is klaargezet: {v.GroupsCreated} groep(en) aangemaakt, {v.MembershipsCarried} leerling(en) overgezet. Toestemming gaat niet mee: die moet opnieuw worden gevraagd.",
                $"School year {ConsentText.SchoolYear(v.SchoolYear)} is prepared: {v.GroupsCreated} group(s) created, {v.MembershipsCarried} pupil(s) carried over. Consent does not carry over: it must be asked again.");
            return RedirectToPage(new { locatie = Location });
        }

        this.AddErrors(result);
        await OnGetAsync(cancellationToken);
        return Page();
    }
}
