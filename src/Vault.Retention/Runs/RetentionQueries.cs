using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vault.Retention.Data;
using Vault.Retention.Planning;
using Vault.Retention.Ports;
using Vault.Shared.Identity;
using Vault.Shared.Problems;
using Vault.Shared.Time;

namespace Vault.Retention.Runs;

/// <summary>
/// What a privacy officer reads about destruction (R7): the plan of the next yearly run (the preview), the runs, and
/// each run's destruction record. One implementation for <c>/api/retention</c> and the pages.
/// </summary>
public sealed class RetentionQueries
{
    private readonly IRetentionDb db;
    private readonly IRetentionCatalog catalog;
    private readonly DestructionRunner runner;
    private readonly ICurrentActor actor;
    private readonly SchoolCalendar calendar;
    private readonly IOptions<RetentionOptions> options;

    internal RetentionQueries(IRetentionDb db, IRetentionCatalog catalog, DestructionRunner runner, ICurrentActor actor, SchoolCalendar calendar, IOptions<RetentionOptions> options)
    {
        this.db = db;
        this.catalog = catalog;
        this.runner = runner;
        this.actor = actor;
        this.calendar = calendar;
        this.options = options;
    }

    public static readonly ProblemKind CatalogMissing = new(
        "retention-catalog-missing", 503, "Het vernietigingsplan kan nog niet worden gemaakt", "The destruction plan cannot be made yet");

    /// <summary>The next yearly run's plan within the officer's scope: what will be destroyed, what kept, and why.</summary>
    public async Task<CommandResult<PlanView>> PlanAsync(CancellationToken cancellationToken)
    {
        if (catalog is UnwiredRetentionCatalog)
        {
            return CommandResult<PlanView>.Fail(CatalogMissing, Text.T(
                "De opnamecatalogus is niet gekoppeld aan bewaarbeheer; er kan nog niets worden gepland of vernietigd.",
                "The recordings catalogue is not wired to retention; nothing can be planned or destroyed yet."));
        }

        var visible = await RetentionAccess.VisibleLocationsAsync(actor, cancellationToken);
        var lines = (await runner.PlanAsync(DestructionKind.Yearly, null, cancellationToken))
            .Where(l => RetentionAccess.Sees(visible, l.Candidate.SchoolLocationId))
            .Select(l => new PlanLineView(l.Candidate.RecordingId, l.Candidate.PlacementId, l.Candidate.SchoolLocationId, l.Candidate.RecordedOn, l.Destroy, l.Reason, RetentionReasons.Describe(l.Reason)))
            .ToList();
        return new PlanView(options.Value.NextRunDate(calendar.Today), lines.Count(l => l.Destroy), lines.Count(l => !l.Destroy), lines);
    }

    /// <summary>The runs, newest first; for an opleidingsschool's officer only runs with items at their schoollocaties.</summary>
    public async Task<IReadOnlyList<RunView>> RunsAsync(CancellationToken cancellationToken)
    {
        var visible = await RetentionAccess.VisibleLocationsAsync(actor, cancellationToken);
        var runs = db.DestructionRuns.AsNoTracking();
        if (visible is not null)
        {
            var locations = visible.ToList();
            runs = runs.Where(r => db.DestructionRunItems.Any(i => i.RunId == r.Id && locations.Contains(i.SchoolLocationId)));
        }

        return [.. (await runs.OrderByDescending(r => r.StartedAt).Take(500).ToListAsync(cancellationToken)).Select(RunView.From)];
    }

    /// <summary>A run's destruction record as CSV (file name and bytes), within the officer's scope; null when not visible.</summary>
    public async Task<(string FileName, byte[] Content)?> RecordCsvAsync(Guid runId, CancellationToken cancellationToken) =>
        await RunEndpoints.LoadAsync(runId, db, await RetentionAccess.VisibleLocationsAsync(actor, cancellationToken), cancellationToken) is { } record
            ? ($"vernietigingsverslag-{record.Key.Replace(':', '-')}.csv", System.Text.Encoding.UTF8.GetBytes(record.ToCsv()))
            : null;
}
