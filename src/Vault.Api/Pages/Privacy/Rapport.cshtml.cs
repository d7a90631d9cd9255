using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Api.Privacy;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;

namespace Vault.Api.Pages.Privacy;

/// <summary>
/// The printable audit report (Dutch, print styles): the same scoped filters as <c>/api/privacy/events</c>, at most
/// <see cref="MaxRows"/> rows, audited as an export in format "html".
/// </summary>
[Authorize(Policy = VaultPolicies.PrivacyOfficer)]
public sealed class RapportModel(ICurrentActor actor, VaultDbContext db, IAuditTrail audit, TimeProvider time) : PageModel
{
    public const int MaxRows = 5_000;

    [BindProperty(SupportsGet = true)]
    public Guid? RecordingId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? PupilId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? PersonId { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateTimeOffset? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateTimeOffset? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    public IReadOnlyList<AuditEventView> Events { get; private set; } = [];

    public int Total { get; private set; }

    public DateTimeOffset GeneratedAt { get; private set; }

    public string OfficerName => actor.DisplayName;

    public string ScopeDescription { get; private set; } = "";

    public IReadOnlyList<string> ValidationMessages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        GeneratedAt = time.GetUtcNow();
        var filter = new AuditFilter(RecordingId, PupilId, PersonId, From, To, Action);
        var errors = filter.Validate();
        if (!errors.IsValid)
        {
            ValidationMessages = [.. errors.ToDictionary().SelectMany(e => e.Value)];
            return Page();
        }

        var scope = await actor.PrivacyScopeAsync(cancellationToken);
        var codes = await db.Opleidingsscholen.AsNoTracking().Where(o => scope.OpleidingsschoolIds.Contains(o.Id)).Select(o => o.Code).OrderBy(c => c).ToListAsync(cancellationToken);
        ScopeDescription = string.Join(", ", (scope.Instituut ? ["Instituut voor Lerarenopleidingen"] : Array.Empty<string>()).Concat(codes));
        Total = await AuditExports.RecordAsync(db, audit, scope, filter, "html", cancellationToken);
        var rows = await AuditQueries.Query(db, scope, filter).Take(MaxRows).ToListAsync(cancellationToken);
        Events = [.. rows.Select(AuditEventView.From)];
        return Page();
    }
}
