using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vault.Api.Data;
using Vault.Consent.Registry;
using Vault.Shared.Identity;
using Vault.Shared.Problems;
using Vault.Shared.Time;

namespace Vault.Api.Pages.Toestemming;

/// <summary>The pupils of a schoollocatie: their groups and consent today; add a pupil, place a pupil in a group.</summary>
[Authorize(Policy = VaultPolicies.ConsentAdministrator)]
public sealed class LeerlingenModel(ConsentQueries queries, PupilGroupCommands commands, VaultDbContext db, SchoolCalendar calendar) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "locatie")]
    public Guid? Location { get; set; }

    public ConsentLocations Locations { get; private set; } = new([], null);

    public IReadOnlyList<ConsentQueries.PupilRow> Pupils { get; private set; } = [];

    public IReadOnlyList<GroupView> Groups { get; private set; } = [];

    public bool OpenForm { get; private set; }

    [BindProperty]
    public NewPupil Input { get; set; } = new();

    [BindProperty]
    public Membership Member { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Locations = await ConsentLocations.LoadAsync(queries, db, Location, cancellationToken);
        if (Locations.Current is { } location)
        {
            Pupils = await queries.PupilsAsync(location, cancellationToken);
            Groups = await queries.GroupsAsync(location, calendar.CurrentSchoolYear.StartYear, cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        Locations = await ConsentLocations.LoadAsync(queries, db, Location, cancellationToken);
        var result = await commands.CreatePupilAsync(
            new CreatePupilRequest(Locations.Current ?? Guid.Empty, Input.PupilNumber ?? "", Input.Name ?? "", Input.BirthDate ?? default, Input.GroupId), cancellationToken);
        if (result.Succeeded)
        {
            TempData["Melding"] = Text.T($"{result.Value!.Name} is toegevoegd. Leg hierna de toestemming vast.", $"{result.Value!.Name} has been added. Next, record the consent.");
            return RedirectToPage("/Toestemming/Leerling", new { id = result.Value.Id });
        }

        this.AddErrors(result);
        OpenForm = true;
        await OnGetAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAddMemberAsync(CancellationToken cancellationToken)
    {
        var result = await commands.AddMemberAsync(Member.GroupId ?? Guid.Empty, new AddMemberRequest(Member.PupilId ?? Guid.Empty, null), cancellationToken);
        if (result.Succeeded)
        {
            TempData["Melding"] = Text.T($"De leerling is in groep {result.Value!.Name} geplaatst.", $"The pupil has been placed in group {result.Value!.Name}.");
            return RedirectToPage(new { locatie = Location });
        }

        this.AddErrors(result.Problem == Vault.Shared.Problems.VaultProblems.NotFound
            ? Vault.Shared.Problems.CommandResult<GroupView>.Fail(Vault.Shared.Problems.VaultProblems.NotFound, Text.T("Kies een groep.", "Choose a group."))
            : result);
        await OnGetAsync(cancellationToken);
        return Page();
    }

    /// <summary>The new pupil's fields, kept when the vault refuses them.</summary>
    public sealed class NewPupil
    {
        public string? PupilNumber { get; set; }

        public string? Name { get; set; }

        public DateOnly? BirthDate { get; set; }

        public Guid? GroupId { get; set; }
    }

    public sealed class Membership
    {
        public Guid? PupilId { get; set; }

        public Guid? GroupId { get; set; }
    }
}
