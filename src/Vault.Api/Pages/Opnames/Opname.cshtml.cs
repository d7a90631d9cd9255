using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Api.Recordings;
using Vault.Api.Recordings.Retention;
using Vault.Api.Viewing;
using Vault.Consent.Gate;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Pages.Opnames;

/// <summary>/opnames/{id}: the player with time-stamped comments; the IO's assessment; the student's clips, refusal and deletion request.</summary>
internal sealed class OpnameModel(
    RecordingAuthorizer authorizer, VaultDbContext db, ICurrentActor actor, IAuditTrail audit, TimeProvider time, IUploadGate gate, PlaybackSessions playback, IAntiforgery antiforgery,
    StudentDeletion deletion)
    : PageModel
{
    internal Recording Recording { get; private set; } = null!;

    public IReadOnlyList<CommentView> Comments { get; private set; } = [];

    public IReadOnlyList<ClipView> Clips { get; private set; } = [];

    public bool IsStudent { get; private set; }

    public bool CanAssess { get; private set; }

    /// <summary>For the IO: who can be added as extra assessor (R9 applied), and who is one now.</summary>
    public IReadOnlyList<(Guid Id, string Name)> AssessorOptions { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name, DateOnly EndDate, string Reason)> Assessors { get; private set; } = [];

    /// <summary>This viewer's short-lived stream URL (a new audited playback session per page view).</summary>
    public PlaybackGrantView Playback { get; private set; } = null!;

    /// <summary>For the player script: renewing an expired grant is a cookie-authenticated POST (see ApiCsrfProtection).</summary>
    public string ApiToken { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCommentAsync(
        Guid id, [ModelBinder(typeof(InvariantNumberBinder))] double atSeconds, [ModelBinder(typeof(InvariantNumberBinder))] double? toSeconds,
        CommentCategory category, string? text, Guid? parentId, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        var result = await CommentEndpoints.AddAsync(id, new CommentRequest(atSeconds, toSeconds, category, text ?? "", parentId), authorizer, db, actor, audit, time, cancellationToken);
        return await AfterAsync(id, result.Result, Text.T("Opmerking geplaatst.", "Comment posted."), cancellationToken);
    }

    public async Task<IActionResult> OnPostAssessAsync(Guid id, CancellationToken cancellationToken) =>
        await AfterAsync(id, (await AssessmentEndpoints.AssessAsync(id, authorizer, db, actor, audit, time, cancellationToken)).Result, Text.T("Beoordeling afgerond.", "Assessment completed."), cancellationToken);

    public async Task<IActionResult> OnPostAssessorAsync(Guid id, Guid personId, string? reason, DateOnly endDate, CancellationToken cancellationToken) =>
        await AfterAsync(id, (await AssessmentEndpoints.AddAssessorAsync(id, new AssessorRequest(personId, reason ?? "", endDate), authorizer, db, actor, audit, gate, time, cancellationToken)).Result,
            Text.T("Extra beoordelaar toegevoegd.", "Extra assessor added."), cancellationToken);

    public async Task<IActionResult> OnPostClipAsync(
        Guid id, string? name, [ModelBinder(typeof(InvariantNumberBinder))] double fromSeconds, [ModelBinder(typeof(InvariantNumberBinder))] double toSeconds,
        CancellationToken cancellationToken) =>
        !ModelState.IsValid ? (await LoadAsync(id, cancellationToken) ? Page() : NotFound()) : await AfterAsync(id, (await ClipEndpoints.AddAsync(id, new ClipRequest(name ?? "", fromSeconds, toSeconds), authorizer, db, audit, time, cancellationToken)).Result,
            Text.T("Fragment opgeslagen.", "Clip saved."), cancellationToken);

    public async Task<IActionResult> OnPostDeleteCommentAsync(Guid id, Guid commentId, CancellationToken cancellationToken) =>
        await AfterAsync(id, (await CommentEndpoints.DeleteAsync(id, commentId, authorizer, db, actor, audit, cancellationToken)).Result,
            Text.T("Opmerking verwijderd.", "Comment deleted."), cancellationToken);

    public async Task<IActionResult> OnPostDeleteClipAsync(Guid id, Guid clipId, CancellationToken cancellationToken) =>
        await AfterAsync(id, (await ClipEndpoints.DeleteAsync(id, clipId, authorizer, db, audit, cancellationToken)).Result,
            Text.T("Fragment verwijderd.", "Clip deleted."), cancellationToken);

    public async Task<IActionResult> OnPostRemoveAssessorAsync(Guid id, Guid assessorId, CancellationToken cancellationToken) =>
        await AfterAsync(id, (await AssessmentEndpoints.RemoveAssessorAsync(id, assessorId, authorizer, db, audit, time, cancellationToken)).Result,
            Text.T("Extra beoordelaar verwijderd.", "Extra assessor removed."), cancellationToken);

    public async Task<IActionResult> OnPostDeletionAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = (await AssessmentEndpoints.RequestDeletionAsync(id, authorizer, db, audit, time, deletion, cancellationToken)).Result;
        if (result is Ok<DeletionView> { Value.Destroyed: true })
        {
            TempData["Melding"] = Text.T("De opname is vernietigd, met alle opmerkingen en fragmenten.", "The recording has been destroyed, with all comments and clips.");
            return Redirect("/opnames");
        }

        return await AfterAsync(id, result, result is Ok<DeletionView> { Value.Note: { } note } ? Text.T("Verwijdering aangevraagd. ", "Deletion requested. ") + note : Text.T("Verwijdering aangevraagd.", "Deletion requested."), cancellationToken);
    }

    public async Task<IActionResult> OnPostCopyrightAsync(Guid id, CancellationToken cancellationToken)
    {
        var placement = await db.Set<Recording>().Where(r => r.Id == id && r.StudentId == actor.PersonId).Select(r => (Guid?)r.PlacementId).SingleOrDefaultAsync(cancellationToken);
        return placement is null
            ? NotFound()
            : await AfterAsync(id, (await ClipEndpoints.RefuseAsync(new CopyrightRefusalRequest(placement), actor, db, audit, time, cancellationToken)).Result,
                Text.T("Uw bezwaar tegen hergebruik is vastgelegd (R14).", "Your objection to reuse has been recorded (R14)."), cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(Guid id, IResult result, string success, CancellationToken cancellationToken)
    {
        switch (result)
        {
            case ValidationProblem invalid:
                foreach (var (field, messages) in invalid.ProblemDetails.Errors)
                {
                    foreach (var message in messages)
                    {
                        ModelState.AddModelError(field, message);
                    }
                }

                break;
            case ProblemHttpResult { StatusCode: 404 }:
                return NotFound();
            case ProblemHttpResult problem:
                ModelState.AddModelError(string.Empty, problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "");
                break;
            default:
                // Post/redirect/get: reloading the page afterwards must not post the comment (or clip) again.
                TempData["Melding"] = success;
                return RedirectToPage(new { id });
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var grant = await authorizer.AuthorizeAsync(id, RecordingOperations.View, cancellationToken);
        if (grant.Recording is not { } recording)
        {
            return false;
        }

        Recording = recording;
        Playback = await playback.StartAsync(recording, cancellationToken);
        ApiToken = antiforgery.GetAndStoreTokens(HttpContext).RequestToken ?? "";
        IsStudent = recording.StudentId == actor.PersonId;
        CanAssess = (await authorizer.AuthorizeAsync(recording, RecordingOperations.Assess)).Allowed;
        if (CanAssess)
        {
            var today = Vault.Shared.Time.SchoolCalendar.DateInAmsterdam(time.GetUtcNow());
            AssessorOptions = await AssessorCandidates.ListAsync(db, gate, recording, today, cancellationToken);
            Assessors = [.. (await (from a in db.Set<ExtraAssessor>().AsNoTracking()
                                    join p in db.People.AsNoTracking() on a.PersonId equals p.Id
                                    where a.RecordingId == id && a.RemovedAt == null && a.EndDate >= today
                                    select new { a.Id, p.DisplayName, a.EndDate, a.Reason }).ToListAsync(cancellationToken))
                .Select(a => (a.Id, a.DisplayName, a.EndDate, a.Reason))];
        }
        var comments = await db.Set<RecordingComment>().AsNoTracking().Where(c => c.RecordingId == id).ToListAsync(cancellationToken);
        Comments = [.. comments.OrderBy(c => c.AtSeconds).ThenBy(c => c.CreatedAt).Select(c => CommentEndpoints.ToView(c, actor.PersonId))];
        var clips = await db.Set<RecordingClip>().AsNoTracking().Where(c => c.RecordingId == id).ToListAsync(cancellationToken);
        Clips = [.. clips.OrderBy(c => c.FromSeconds).Select(c => new ClipView(c.Id, c.Name, c.FromSeconds, c.ToSeconds, c.CreatedAt))];
        return true;
    }

    public static string Clock(double seconds) => TimeSpan.FromSeconds(Math.Floor(seconds)).ToString(seconds >= 3600 ? @"h\:mm\:ss" : @"m\:ss", System.Globalization.CultureInfo.InvariantCulture);
}
