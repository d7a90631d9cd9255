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
        CreatePupilRequest request, IConsentDb db, ICurrentActor actor, IAuditTrail audit, SchoolCalendar calendar, CancellationToken cancellationToken)
    {
        if (!(await actor.ConsentSchoolLocationsAsync(cancellationToken)).Contains(request.SchoolLocationId))
        {
            return VaultProblems.NotFoundProblem();
        }

        var errors = new ValidationErrors();
        if (ConsentRules.PupilNumberProblem(request.PupilNumber) is { } numberProblem)
        {
            errors.Add("pupilNumber", numberProblem);
        }
        else if (await db.Pupils.AnyAsync(p => p.SchoolLocationId == request.SchoolLocationId && p.PupilNumber == request.PupilNumber.Trim(), cancellationToken))
        {
            errors.Add("pupilNumber", "Dit leerlingnummer bestaat al op deze school. / This pupil number already exists at this school.");
        }

        if (ConsentRules.NameProblem(request.Name) is { } nameProblem)
        {
            errors.Add("name", nameProblem);
        }

        if (ConsentRules.BirthDateProblem(request.BirthDate, calendar.Today) is { } birthProblem)
        {
            errors.Add("birthDate", birthProblem);
        }

        var group = request.GroupId is { } groupId
            ? await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId && g.SchoolLocationId == request.SchoolLocationId, cancellationToken)
            : null;
        if (request.GroupId is not null && group is null)
        {
            errors.Add("groupId", "Onbekende groep. / Unknown group.");
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var now = calendar.Now;
        var pupil = new Pupil { Id = Guid.CreateVersion7(now), SchoolLocationId = request.SchoolLocationId, PupilNumber = request.PupilNumber.Trim(), Name = request.Name.Trim(), BirthDate = request.BirthDate, CreatedAt = now };
        db.Pupils.Add(pupil);
        if (group is not null)
        {
            db.GroupMemberships.Add(new GroupMembership { Id = Guid.NewGuid(), GroupId = group.Id, PupilId = pupil.Id, From = MembershipStart(new SchoolYear(group.SchoolYear), calendar.Today) });
        }

        audit.Record(new AuditEvent(AuditActions.PupilCreated, "pupil", pupil.Id.ToString())
        {
            SchoolLocationId = pupil.SchoolLocationId,
            PupilIds = [pupil.Id],
            Details = new { groupId = group?.Id },
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/consent/pupils/{pupil.Id}", new PupilView(pupil.Id, pupil.SchoolLocationId, pupil.PupilNumber, pupil.Name, pupil.BirthDate));
    }

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
        CreateGroupRequest request, IConsentDb db, ICurrentActor actor, IAuditTrail audit, SchoolCalendar calendar, CancellationToken cancellationToken)
    {
        if (!(await actor.ConsentSchoolLocationsAsync(cancellationToken)).Contains(request.SchoolLocationId))
        {
            return VaultProblems.NotFoundProblem();
        }

        var errors = new ValidationErrors();
        var name = request.Name?.Trim() ?? "";
        errors.Require(name.Length is > 0 and <= 64, "name", "Geef de groep een naam van hoogstens 64 tekens. / Name the group (at most 64 characters).");
        errors.Require(Math.Abs(request.SchoolYear - calendar.CurrentSchoolYear.StartYear) <= 1, "schoolYear", "Alleen het vorige, huidige of volgende schooljaar. / Only the previous, current or next school year.");
        if (errors.IsValid && await db.Groups.AnyAsync(g => g.SchoolLocationId == request.SchoolLocationId && g.SchoolYear == request.SchoolYear && g.Name == name, cancellationToken))
        {
            errors.Add("name", "Deze groep bestaat al in dit schooljaar. / This group already exists in this school year.");
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var group = new Group { Id = Guid.CreateVersion7(calendar.Now), SchoolLocationId = request.SchoolLocationId, SchoolYear = request.SchoolYear, Name = name, CreatedAt = calendar.Now };
        db.Groups.Add(group);
        audit.Record(new AuditEvent(AuditActions.GroupCreated, "group", group.Id.ToString()) { SchoolLocationId = group.SchoolLocationId, Details = new { group.SchoolYear, group.Name } });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/consent/groups/{group.Id}", new GroupView(group.Id, group.SchoolLocationId, group.SchoolYear, group.Name));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> AddMember(
        Guid id, AddMemberRequest request, IConsentDb db, ICurrentActor actor, IAuditTrail audit, SchoolCalendar calendar, CancellationToken cancellationToken)
    {
        var mine = await actor.ConsentSchoolLocationsAsync(cancellationToken);
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null || !mine.Contains(group.SchoolLocationId))
        {
            return VaultProblems.NotFoundProblem();
        }

        var year = new SchoolYear(group.SchoolYear);
        var from = request.From ?? MembershipStart(year, calendar.Today);
        var errors = new ValidationErrors();
        if (!await db.Pupils.AnyAsync(p => p.Id == request.PupilId && p.SchoolLocationId == group.SchoolLocationId, cancellationToken))
        {
            errors.Add("pupilId", "Onbekende leerling op deze school. / Unknown pupil at this school.");
        }

        errors.Require(year.Contains(from), "from", $"De datum valt niet in schooljaar {year}. / The date is not in school year {year}.");
        if (errors.IsValid && await db.GroupMemberships.AnyAsync(m => m.GroupId == id && m.PupilId == request.PupilId && m.Until == null, cancellationToken))
        {
            return TypedResults.NoContent();
        }

        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        db.GroupMemberships.Add(new GroupMembership { Id = Guid.NewGuid(), GroupId = id, PupilId = request.PupilId, From = from });
        audit.Record(new AuditEvent(AuditActions.GroupMembershipChanged, "group", id.ToString())
        {
            SchoolLocationId = group.SchoolLocationId,
            PupilIds = [request.PupilId],
            Details = new { change = "added", from },
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

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
