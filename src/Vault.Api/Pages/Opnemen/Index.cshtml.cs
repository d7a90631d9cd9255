using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vault.Api.Data;
using Vault.Api.Placements;
using Vault.Consent.Gate;
using Vault.Shared.Identity;
using Vault.Shared.Problems;
using Vault.Shared.Time;

namespace Vault.Api.Pages.Opnemen;

/// <summary>"Mag ik deze les opnemen?": the student asks the upload gate and reads its answer in plain Dutch.</summary>
[Authorize(Policy = VaultPolicies.Student)]
public sealed class IndexModel(StudentGate gate, ICurrentActor actor, VaultDbContext db, SchoolCalendar calendar) : PageModel
{
    public IReadOnlyList<PlacementView> Placements { get; private set; } = [];

    public PlacementView? Placement { get; private set; }

    public GateChoices? Choices { get; private set; }

    public GateGroupView? Group { get; private set; }

    public RequiredProgress? Progress { get; private set; }

    public GateReply? Reply { get; private set; }

    [BindProperty(SupportsGet = true, Name = "plaatsing")]
    public Guid? PlacementId { get; set; }

    [BindProperty(SupportsGet = true, Name = "groep")]
    public Guid? GroupId { get; set; }

    [BindProperty]
    public RecordingForm Form { get; set; } = new();

    public sealed class RecordingForm
    {
        public List<Guid> Present { get; set; } = [];

        public DateOnly? Date { get; set; }

        public TimeOnly? Time { get; set; }

        public RecordingMedia Media { get; set; } = RecordingMedia.BeeldEnGeluid;

        public RecordingPurpose? Purpose { get; set; }

        public CaptureMode Capture { get; set; } = CaptureMode.DeviceFile;

        public bool Informed { get; set; }

        public InformedHow InformedHow { get; set; } = InformedHow.Mondeling;
    }

    /// <summary>Where the ticket leads: the file upload or the in-browser recorder.</summary>
    public string? NextUrl => Reply?.Ticket is { } t
        ? (t.Capture == CaptureMode.ClosedEnvironment ? "/opnemen/live" : "/opnemen/uploaden") + "?ticket=" + t.TicketId
        : null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var now = SchoolCalendar.ToAmsterdam(calendar.Now);
        Form.Date = DateOnly.FromDateTime(now.DateTime);
        Form.Time = new TimeOnly(now.Hour, now.Minute);
        Form.Present = Group is null ? [] : [.. Group.Pupils.Select(p => p.Id)];
        Form.Capture = Choices?.ClosedEnvironmentRules == true ? CaptureMode.ClosedEnvironment : CaptureMode.DeviceFile;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Placement is null || Choices is null || Group is null)
        {
            ModelState.AddModelError(string.Empty, Text.T("Kies eerst een plaatsing en een groep.", "First choose a placement and a group."));
            return Page();
        }

        if (Choices.ClosedEnvironmentRules)
        {
            // R8: at a Haagse opleidingsschool a recording is only made in the closed environment, starting now.
            Form.Capture = CaptureMode.ClosedEnvironment;
        }

        var at = Form.Capture == CaptureMode.ClosedEnvironment
            ? calendar.Now
            : SchoolCalendar.FromAmsterdam(Form.Date ?? calendar.Today, Form.Time ?? TimeOnly.MinValue);
        var absent = Group.Pupils.Select(p => p.Id).Except(Form.Present).ToList();
        var request = new DecisionRequest(Placement.Id, Group.Id, at, absent, Form.Media, Form.Purpose, Form.Capture,
            Form.Informed ? Form.InformedHow : null);
        var result = await gate.AskAsync(request, cancellationToken);
        if (result.Value is { } reply)
        {
            Reply = reply;
            Progress = (await gate.ProgressAsync(Placement.Id, cancellationToken)).Value;
        }
        else
        {
            this.AddErrors(result);
        }

        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var me = actor.PersonId!.Value;
        Placements = [.. (await PlacementQueries.ForPersonAsync(db, me, cancellationToken)).Where(p => p.StudentId == me)];
        Placement = PlacementId is { } id ? Placements.FirstOrDefault(p => p.Id == id) : Placements.Count == 1 ? Placements[0] : null;
        if (Placement is null)
        {
            return;
        }

        PlacementId = Placement.Id;
        Choices = (await gate.ChoicesAsync(Placement.Id, null, cancellationToken)).Value;
        Progress = (await gate.ProgressAsync(Placement.Id, cancellationToken)).Value;
        Group = Choices?.Groups.FirstOrDefault(g => g.Id == GroupId) ?? (Choices?.Groups.Count == 1 ? Choices.Groups[0] : null);
        GroupId = Group?.Id;
    }
}
