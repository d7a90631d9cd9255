using Microsoft.AspNetCore.Mvc.RazorPages;
using Vault.Api.Data;
using Vault.Api.Viewing;
using Vault.Retention.Data;
using Vault.Shared.Identity;

namespace Vault.Api.Pages.Opnames;

/// <summary>/opnames: a student's own recordings with their status; a coach's students' recordings, newest first, filterable.</summary>
public sealed class IndexModel(ICurrentActor actor, VaultDbContext db, IRetentionDb retention, TimeProvider time) : PageModel
{
    public IReadOnlyList<RecordingListItem> Mine { get; private set; } = [];

    public IReadOnlyList<RecordingListItem> Coached { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Students { get; private set; } = [];

    public Guid? StudentId { get; private set; }

    public RecordingStatus? Status { get; private set; }

    public async Task OnGetAsync(Guid? studentId, RecordingStatus? status, CancellationToken cancellationToken)
    {
        StudentId = studentId;
        Status = status;
        Mine = await RecordingLists.MineAsync(actor, db, retention, cancellationToken);
        var all = await RecordingLists.CoachedAsync(actor, db, retention, time, null, null, null, cancellationToken);
        Students = [.. all.Select(r => (r.StudentId, r.StudentName)).Distinct().OrderBy(s => s.StudentName, StringComparer.CurrentCulture)];
        Coached = [.. all.Where(r => (studentId is null || r.StudentId == studentId) && (status is null || r.Status == status))];
    }
}
