using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Vault.Consent.Import;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;
using Vault.Shared.Time;

namespace Vault.Consent.Registry;

/// <summary>The per-group overview (image and sound: granted, refused, missing), its CSV export, and the year rollover.</summary>
internal static class OverviewEndpoints
{
    public static void MapOverviewEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/groups/{id:guid}/overview", Overview).WithName("GroupConsentOverview").WithSummary("Overzicht per groep: beeld en geluid / Per-group overview");
        group.MapGet("/groups/{id:guid}/overview.csv", OverviewCsv).WithName("GroupConsentOverviewCsv").WithSummary("Overzicht als CSV / Overview as CSV");
        group.MapPost("/locations/{schoolLocationId:guid}/rollover", Rollover).WithName("ConsentYearRollover")
            .WithSummary("Groepen en leerlingen naar het nieuwe schooljaar; toestemming niet / Carry groups and pupils into the new year; consent is not carried");
    }

    internal static async Task<GroupOverview?> BuildAsync(Guid id, DateOnly? on, IConsentDb db, ICurrentActor actor, SchoolCalendar calendar, CancellationToken cancellationToken)
    {
        var mine = await actor.ConsentSchoolLocationsAsync(cancellationToken);
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null || !mine.Contains(group.SchoolLocationId))
        {
            return null;
        }

        var year = new SchoolYear(group.SchoolYear);
        var day = on ?? calendar.Today;
        day = day < year.FirstDay ? year.FirstDay : day > year.LastDay ? year.LastDay : day;
        var members = await (from m in db.GroupMemberships.AsNoTracking()
                             join p in db.Pupils.AsNoTracking() on m.PupilId equals p.Id
                             where m.GroupId == id && m.From <= day && (m.Until == null || m.Until >= day)
                             select p).Distinct().ToListAsync(cancellationToken);
        var ids = members.Select(p => p.Id).ToList();
        var records = (await db.ConsentRecords.AsNoTracking().Where(r => r.SchoolYear == group.SchoolYear && ids.Contains(r.PupilId)).ToListAsync(cancellationToken))
            .ToLookup(r => r.PupilId);
        var pupils = members.OrderBy(p => p.Name, StringComparer.CurrentCulture)
            .Select(p =>
            {
                var state = ConsentResolver.StateOn([.. records[p.Id]], p.BirthDate, day);
                return new OverviewPupil(p.Id, p.PupilNumber, p.Name, SchoolCalendar.AgeOn(p.BirthDate, day), state.Beeld, state.Geluid);
            })
            .ToList();
        return new GroupOverview(new GroupView(group.Id, group.SchoolLocationId, group.SchoolYear, group.Name), day, pupils,
            Totals(pupils.Select(p => p.Beeld)), Totals(pupils.Select(p => p.Geluid)));
    }

    private static async Task<Results<Ok<GroupOverview>, ProblemHttpResult>> Overview(Guid id, DateOnly? on, IConsentDb db, ICurrentActor actor, SchoolCalendar calendar, CancellationToken cancellationToken) =>
        await BuildAsync(id, on, db, actor, calendar, cancellationToken) is { } overview ? TypedResults.Ok(overview) : VaultProblems.NotFoundProblem();

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> OverviewCsv(Guid id, DateOnly? on, IConsentDb db, ICurrentActor actor, SchoolCalendar calendar, CancellationToken cancellationToken)
    {
        if (await BuildAsync(id, on, db, actor, calendar, cancellationToken) is not { } overview)
        {
            return VaultProblems.NotFoundProblem();
        }

        var csv = new StringBuilder("leerlingnummer;naam;leeftijd;beeld;geluid\r\n");
        foreach (var p in overview.Pupils)
        {
            csv.Append(CsvText.Cell(p.PupilNumber)).Append(';').Append(CsvText.Cell(p.Name)).Append(';')
                .Append(p.Age.ToString(CultureInfo.InvariantCulture)).Append(';').Append(p.Beeld).Append(';').Append(p.Geluid).Append("\r\n");
        }

        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", $"toestemming-{overview.Group.Name}.csv");
    }

    private static OverviewTotals Totals(IEnumerable<ConsentState> states)
    {
        var list = states.ToList();
        return new(list.Count(s => s == ConsentState.Gegeven), list.Count(s => s == ConsentState.Geweigerd), list.Count(s => s == ConsentState.Ontbreekt));
    }

    private static async Task<Results<Ok<RolloverView>, ValidationProblem, ProblemHttpResult>> Rollover(
        Guid schoolLocationId, RolloverRequest request, PupilGroupCommands commands, CancellationToken cancellationToken) =>
        (await commands.RolloverAsync(schoolLocationId, request, cancellationToken)).ToHttpResult(TypedResults.Ok);
}
