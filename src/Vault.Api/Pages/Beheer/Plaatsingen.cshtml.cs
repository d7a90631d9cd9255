using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Api.Organisations;
using Vault.Api.People;
using Vault.Api.Placements;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Pages.Beheer;

[Authorize(Policy = VaultPolicies.InstituteAdministrator)]
public sealed class PlaatsingenModel(VaultDbContext db, PlacementCommands commands) : PageModel
{
    private List<Person> people = [];

    public IReadOnlyList<PlacementView> Placements { get; private set; } = [];

    public IReadOnlyList<Opleidingsschool> Schools { get; private set; } = [];

    public bool OpenForm { get; private set; }

    [BindProperty]
    public NewPlacement Input { get; set; } = new();

    public IEnumerable<SelectListItem> Options(string role) => people
        .Where(p => p.Roles.Any(r => r.Role == role))
        .OrderBy(p => p.DisplayName, StringComparer.CurrentCulture)
        .Select(p => new SelectListItem(p.DisplayName, p.Id.ToString()));

    public IEnumerable<SelectListItem> SchoolOptions => Schools.SelectMany(s =>
    {
        var group = new SelectListGroup { Name = s.Code };
        return s.Locations.OrderBy(l => l.Name, StringComparer.CurrentCulture).Select(l => new SelectListItem(l.Name, l.Id.ToString()) { Group = group });
    });

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Placements = await PlacementQueries.ViewsAsync(db, db.Placements, includeHistory: false, cancellationToken);
        Schools = await db.Opleidingsscholen.AsNoTracking().Include(o => o.Locations).Where(o => o.Locations.Count > 0).OrderBy(o => o.Code).ToListAsync(cancellationToken);
        people = await db.People.AsNoTracking().Include(p => p.Roles).ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var i = Input;
        var coaches = new List<CoachAssignment>();
        void Add(CoachRole role, Guid? person)
        {
            if (person is { } id)
            {
                coaches.Add(new CoachAssignment(role, id));
            }
        }

        Add(CoachRole.Instituutsopleider, i.Io);
        Add(CoachRole.Werkplekbegeleider, i.Wpb);
        Add(CoachRole.Schoolopleider, i.So);
        Add(CoachRole.Werkbegeleider, i.Werkbegeleider);
        var result = await commands.CreateAsync(
            new CreatePlacementRequest(i.StudentId ?? Guid.Empty, i.SchoolLocationId ?? Guid.Empty, i.Kind, i.StartDate ?? default, i.EndDate ?? default, coaches,
                string.IsNullOrWhiteSpace(i.Employer) ? null : i.Employer),
            cancellationToken);
        if (result.Succeeded)
        {
            TempData["Melding"] = Text.T($"De plaatsing van {result.Value!.StudentName} is aangemaakt.", $"The placement of {result.Value!.StudentName} has been created.");
            return RedirectToPage();
        }

        this.AddErrors(result);
        OpenForm = true;
        await OnGetAsync(cancellationToken);
        return Page();
    }

    /// <summary>The form's fields, kept when the vault refuses the placement so nothing has to be typed twice.</summary>
    public sealed class NewPlacement
    {
        public Guid? StudentId { get; set; }

        public Guid? SchoolLocationId { get; set; }

        public PlacementKind Kind { get; set; }

        public DateOnly? StartDate { get; set; }

        public DateOnly? EndDate { get; set; }

        public Guid? Io { get; set; }

        public Guid? Wpb { get; set; }

        public Guid? So { get; set; }

        public Guid? Werkbegeleider { get; set; }

        public string? Employer { get; set; }
    }
}
