using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vault.Retention.Runs;
using Vault.Shared.Identity;

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
        DestructionKind.Yearly => "jaarlijks (september)",
        DestructionKind.Withdrawal => "na intrekking toestemming",
        DestructionKind.StudentDeletion => "verwijderd door student vóór beoordeling",
        DestructionKind.Erasure => "verzoek tot wissen (AVG art. 17)",
        _ => "achtergelaten upload",
    };

    public static string State(RunState state) => state switch
    {
        RunState.InProgress => "bezig (wordt hervat)",
        RunState.Completed => "✓ voltooid",
        _ => "! onvolledig (volgende ronde probeert opnieuw)",
    };
}
