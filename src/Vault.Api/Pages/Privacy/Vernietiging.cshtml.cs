using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vault.Retention.Runs;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Pages.Privacy;

/// <summary>Destruction (R7): the preview of the next yearly run and the records of the runs, downloadable as CSV.</summary>
[Authorize(Policy = VaultPolicies.PrivacyOfficer)]
public sealed class VernietigingModel(RetentionQueries retention) : PageModel
{
    public PlanView? Plan { get; private set; }

    public string? PlanUnavailable { get; private set; }

    public IReadOnlyList<RunView> Runs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var plan = await retention.PlanAsync(cancellationToken);
        Plan = plan.Value;
        PlanUnavailable = plan.Succeeded ? null : plan.FailureMessage;
        Runs = await retention.RunsAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetVerslagAsync(Guid id, CancellationToken cancellationToken) =>
        await retention.RecordCsvAsync(id, cancellationToken) is { } file
            ? File(file.Content, "text/csv; charset=utf-8", file.FileName)
            : NotFound();

    public static string Kind(DestructionKind kind) => kind switch
    {
        DestructionKind.Yearly => Text.T("jaarlijks (september)", "yearly (September)"),
        DestructionKind.Withdrawal => Text.T("na intrekking toestemming", "after consent withdrawal"),
        DestructionKind.StudentDeletion => Text.T("verwijderd door student vóór beoordeling", "deleted by the student before assessment"),
        DestructionKind.Erasure => Text.T("verzoek tot wissen (AVG art. 17)", "erasure request (GDPR art. 17)"),
        _ => Text.T("achtergelaten upload", "abandoned upload"),
    };

    public static string State(RunState state) => state switch
    {
        RunState.InProgress => Text.T("bezig (wordt hervat)", "in progress (will resume)"),
        RunState.Completed => Text.T("✓ voltooid", "✓ completed"),
        _ => Text.T("! onvolledig (volgende ronde probeert opnieuw)", "! incomplete (the next run tries again)"),
    };
}
