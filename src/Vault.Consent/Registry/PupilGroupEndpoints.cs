using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;
using Vault.Shared.Time;

namespace Vault.Consent.Registry;

/// <summary>Pupils and groups of a schoollocatie, for its consent administrators only (other schools: 404).</summary>
internal static class PupilGroupEndpoints
{
    public static void MapPupilGroupEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/pupils", ListPupils).WithName("ListPupils").WithSummary("Leerlingen van een schoollocatie / Pupils of a school");
        group.MapPost("/pupils", CreatePupil).WithName("CreatePupil").WithSummary("Leerling toevoegen / Add a pupil");
        group.MapGet("/groups", ListGroups).WithName("ListGroups").WithSummary("Groepen van een schooljaar / Groups of a school year");
        group.MapPost("/groups", CreateGroup).WithName("CreateGroup").WithSummary("Groep (klas) aanmaken / Create a group");
        group.MapPost("/groups/{id:guid}/members", AddMember).WithName("AddGroupMember").WithSummary("Leerling in groep plaatsen / Add a pupil to a group");
        group.MapDelete("/groups/{id:guid}/members/{pupilId:guid}", RemoveMember).WithName("RemoveGroupMember").WithSummary("Leerling uit groep halen / Remove a pupil from a group");
    }

    private static async Task<Results<Ok<List<PupilView>>, ProblemHttpResult>> ListPupils(Guid schoolLocationId, IConsentDb db, ICurrentActor actor, CancellationToken cancellationToken)
    {
        if (!(await actor.ConsentSchoolLocationsAsync(cancellationToken)).Contains(schoolLocationId))
        {
            return VaultProblems.NotFoundProblem();
        }

        var pupils = await db.Pupils.AsNoTracking().Where(p => p.SchoolLocationId == schoolLocationId).OrderBy(p => p.PupilNumber)
            .Select(p => new PupilView(p.Id, p.SchoolLocationId, p.PupilNumber, p.Name, p.BirthDate)).ToListAsync(cancellationToken);
        return TypedResults.Ok(pupils);
    }

    private static async Task<Results<Created<PupilView>, ValidationProblem, ProblemHttpResult>> CreatePupil(
        CreatePupilRequest request, PupilGroupCommands commands, CancellationToken cancellationToken) =>
        (await commands.CreatePupilAsync(request, cancellationToken)).ToHttpResult(v => TypedResults.Created($"/api/consent/pupils/{v.Id}", v));

    private static async Task<Results<Ok<List<GroupView>>, ProblemHttpResult>> ListGroups(Guid schoolLocationId, int? schoolYear, IConsentDb db, ICurrentActor actor, SchoolCalendar calendar, CancellationToken cancellationToken)
    {
        if (!(await actor.ConsentSchoolLocationsAsync(cancellationToken)).Contains(schoolLocationId))
        {
            return VaultProblems.NotFoundProblem();
        }

        var year = schoolYear ?? calendar.CurrentSchoolYear.StartYear;
        return TypedResults.Ok(await db.Groups.AsNoTracking().Where(g => g.SchoolLocationId == schoolLocationId && g.SchoolYear == year).OrderBy(g => g.Name)
            .Select(g => new GroupView(g.Id, g.SchoolLocationId, g.SchoolYear, g.Name)).ToListAsync(cancellationToken));
    }

    private static async Task<Results<Created<GroupView>, ValidationProblem, ProblemHttpResult>> CreateGroup(
        CreateGroupRequest request, PupilGroupCommands commands, CancellationToken cancellationToken) =>
        (await commands.CreateGroupAsync(request, cancellationToken)).ToHttpResult(v => TypedResults.Created($"/api/consent/groups/{v.Id}", v));

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> AddMember(
        Guid id, AddMemberRequest request, PupilGroupCommands commands, CancellationToken cancellationToken) =>
        (await commands.AddMemberAsync(id, request, cancellationToken)).ToHttpResult(_ => TypedResults.NoContent());

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveMember(
        Guid id, Guid pupilId, IConsentDb db, ICurrentActor actor, IAuditTrail audit, SchoolCalendar calendar, CancellationToken cancellationToken)
    {
        var mine = await actor.ConsentSchoolLocationsAsync(cancellationToken);
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        var open = group is null || !mine.Contains(group.SchoolLocationId)
            ? null
            : await db.GroupMemberships.FirstOrDefaultAsync(m => m.GroupId == id && m.PupilId == pupilId && m.Until == null, cancellationToken);
        if (open is null)
        {
            return VaultProblems.NotFoundProblem();
        }

        // History is kept: the membership closes yesterday, so the presence lists of earlier lessons stay true.
        open.Until = calendar.Today.AddDays(-1) < open.From ? open.From : calendar.Today.AddDays(-1);
        audit.Record(new AuditEvent(AuditActions.GroupMembershipChanged, "group", id.ToString())
        {
            SchoolLocationId = group!.SchoolLocationId,
            PupilIds = [pupilId],
            Details = new { change = "removed", open.Until },
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>A membership starts today, or on the school year's first day when the year has not begun yet.</summary>
    public static DateOnly MembershipStart(SchoolYear year, DateOnly today) =>
        today < year.FirstDay ? year.FirstDay : today > year.LastDay ? year.LastDay : today;
}
