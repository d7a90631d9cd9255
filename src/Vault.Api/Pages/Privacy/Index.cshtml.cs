using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Vault.Api.Data;
using Vault.Api.Privacy;
using Vault.Shared.Identity;
using Vault.Shared.Time;

namespace Vault.Api.Pages.Privacy;

/// <summary>The privacy officer's audit search: recording, pupil, person, period, event type; newest first, keyset paging.</summary>
[Authorize(Policy = VaultPolicies.PrivacyOfficer)]
public sealed class IndexModel(PrivacyReports reports, ICurrentActor actor, VaultDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "opname")]
    public Guid? RecordingId { get; set; }

    [BindProperty(SupportsGet = true, Name = "leerling")]
    public Guid? PupilId { get; set; }

    [BindProperty(SupportsGet = true, Name = "persoon")]
    public Guid? PersonId { get; set; }

    [BindProperty(SupportsGet = true, Name = "van")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "tot")]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "actie")]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true, Name = "voor")]
    public long? Before { get; set; }

    public bool Searched { get; private set; }

    public AuditPage? Results { get; private set; }

    public IReadOnlyDictionary<Guid, string> PupilNames { get; private set; } = new Dictionary<Guid, string>();

    public List<SelectListItem> Pupils { get; private set; } = [];

    public List<SelectListItem> People { get; private set; } = [];

    public AuditFilter Filter => new(RecordingId, PupilId, PersonId,
        From is { } f ? SchoolCalendar.FromAmsterdam(f, TimeOnly.MinValue) : null,
        To is { } t ? SchoolCalendar.FromAmsterdam(t.AddDays(1), TimeOnly.MinValue).AddTicks(-1) : null,
        string.IsNullOrWhiteSpace(Action) ? null : Action, Before);

    /// <summary>The query string of this search without the cursor, for the next page and the printable report.</summary>
    public Dictionary<string, string?> Route(long? before) => new()
    {
        ["opname"] = RecordingId?.ToString(), ["leerling"] = PupilId?.ToString(), ["persoon"] = PersonId?.ToString(),
        ["van"] = From?.ToString("yyyy-MM-dd"), ["tot"] = To?.ToString("yyyy-MM-dd"), ["actie"] = Action, ["voor"] = before?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = await actor.PrivacyScopeAsync(cancellationToken);
        Pupils = await PrivacyPicker.PupilsAsync(db, scope, PupilId, cancellationToken);
        People = await PrivacyPicker.PeopleAsync(db, PersonId, cancellationToken);
        PupilNames = Pupils.ToDictionary(p => Guid.Parse(p.Value), p => p.Text);
        Searched = Request.Query.Count > 0;
        if (!Searched)
        {
            return;
        }

        var result = await reports.SearchAsync(Filter, cancellationToken);
        if (result.Succeeded)
        {
            Results = result.Value;
        }
        else
        {
            this.AddErrors(result);
        }
    }

    public static string When(DateTimeOffset instant) => SchoolCalendar.ToAmsterdam(instant).ToString("dd-MM-yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
