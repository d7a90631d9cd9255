using Microsoft.EntityFrameworkCore;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;
using Vault.Shared.Time;

namespace Vault.Consent.Registry;

/// <summary>Pupils and groups of a schoollocatie (create, add to a group): shared by the API and the pages.</summary>
public sealed class PupilGroupCommands(IConsentDb db, ICurrentActor actor, IAuditTrail audit, SchoolCalendar calendar)
{
    public async Task<CommandResult<PupilView>> CreatePupilAsync(CreatePupilRequest request, CancellationToken cancellationToken)
    {
        if (!(await actor.ConsentSchoolLocationsAsync(cancellationToken)).Contains(request.SchoolLocationId))
        {
            return CommandResult<PupilView>.Fail(VaultProblems.NotFound);
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
            return CommandResult<PupilView>.Invalid(errors);
        }

        var now = calendar.Now;
        var pupil = new Pupil { Id = Guid.CreateVersion7(now), SchoolLocationId = request.SchoolLocationId, PupilNumber = request.PupilNumber.Trim(), Name = request.Name.Trim(), BirthDate = request.BirthDate, CreatedAt = now };
        db.Pupils.Add(pupil);
        if (group is not null)
        {
            db.GroupMemberships.Add(new GroupMembership { Id = Guid.NewGuid(), GroupId = group.Id, PupilId = pupil.Id, From = PupilGroupEndpoints.MembershipStart(new SchoolYear(group.SchoolYear), calendar.Today) });
        }

        audit.Record(new AuditEvent(AuditActions.PupilCreated, "pupil", pupil.Id.ToString())
        {
            SchoolLocationId = pupil.SchoolLocationId,
            PupilIds = [pupil.Id],
            Details = new { groupId = group?.Id },
        });
        await db.SaveChangesAsync(cancellationToken);
        return new PupilView(pupil.Id, pupil.SchoolLocationId, pupil.PupilNumber, pupil.Name, pupil.BirthDate);
    }

    public async Task<CommandResult<GroupView>> CreateGroupAsync(CreateGroupRequest request, CancellationToken cancellationToken)
    {
        if (!(await actor.ConsentSchoolLocationsAsync(cancellationToken)).Contains(request.SchoolLocationId))
        {
            return CommandResult<GroupView>.Fail(VaultProblems.NotFound);
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
            return CommandResult<GroupView>.Invalid(errors);
        }

        var group = new Group { Id = Guid.CreateVersion7(calendar.Now), SchoolLocationId = request.SchoolLocationId, SchoolYear = request.SchoolYear, Name = name, CreatedAt = calendar.Now };
        db.Groups.Add(group);
        audit.Record(new AuditEvent(AuditActions.GroupCreated, "group", group.Id.ToString()) { SchoolLocationId = group.SchoolLocationId, Details = new { group.SchoolYear, group.Name } });
        await db.SaveChangesAsync(cancellationToken);
        return new GroupView(group.Id, group.SchoolLocationId, group.SchoolYear, group.Name);
    }

    /// <summary>Adds the pupil to the group (idempotent: an open membership is kept).</summary>
    public async Task<CommandResult<GroupView>> AddMemberAsync(Guid id, AddMemberRequest request, CancellationToken cancellationToken)
    {
        var mine = await actor.ConsentSchoolLocationsAsync(cancellationToken);
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null || !mine.Contains(group.SchoolLocationId))
        {
            return CommandResult<GroupView>.Fail(VaultProblems.NotFound);
        }

        var year = new SchoolYear(group.SchoolYear);
        var from = request.From ?? PupilGroupEndpoints.MembershipStart(year, calendar.Today);
        var errors = new ValidationErrors();
        if (!await db.Pupils.AnyAsync(p => p.Id == request.PupilId && p.SchoolLocationId == group.SchoolLocationId, cancellationToken))
        {
            errors.Add("pupilId", "Onbekende leerling op deze school. / Unknown pupil at this school.");
        }

        errors.Require(year.Contains(from), "from", $"De datum valt niet in schooljaar {year}. / The date is not in school year {year}.");
        if (errors.IsValid && await db.GroupMemberships.AnyAsync(m => m.GroupId == id && m.PupilId == request.PupilId && m.Until == null, cancellationToken))
        {
            return new GroupView(group.Id, group.SchoolLocationId, group.SchoolYear, group.Name);
        }

        if (!errors.IsValid)
        {
            return CommandResult<GroupView>.Invalid(errors);
        }

        db.GroupMemberships.Add(new GroupMembership { Id = Guid.NewGuid(), GroupId = id, PupilId = request.PupilId, From = from });
        audit.Record(new AuditEvent(AuditActions.GroupMembershipChanged, "group", id.ToString())
        {
            SchoolLocationId = group.SchoolLocationId,
            PupilIds = [request.PupilId],
            Details = new { change = "added", from },
        });
        await db.SaveChangesAsync(cancellationToken);
        return new GroupView(group.Id, group.SchoolLocationId, group.SchoolYear, group.Name);
    }

    /// <summary>Carries the groups and their pupils into the next school year; consent is not carried (R3, R10).</summary>
    public async Task<CommandResult<RolloverView>> RolloverAsync(Guid schoolLocationId, RolloverRequest request, CancellationToken cancellationToken)
    {
        if (!(await actor.ConsentSchoolLocationsAsync(cancellationToken)).Contains(schoolLocationId))
        {
            return CommandResult<RolloverView>.Fail(VaultProblems.NotFound);
        }

        var from = new SchoolYear(request.FromSchoolYear);
        var to = from.Next;
        if (Math.Abs(from.StartYear - calendar.CurrentSchoolYear.StartYear) > 1)
        {
            var errors = new ValidationErrors();
            errors.Add("fromSchoolYear", "Alleen vanuit het vorige of huidige schooljaar. / Only from the previous or current school year.");
            return CommandResult<RolloverView>.Invalid(errors);
        }

        var oldGroups = await db.Groups.Where(g => g.SchoolLocationId == schoolLocationId && g.SchoolYear == from.StartYear).ToListAsync(cancellationToken);
        var existing = await db.Groups.Where(g => g.SchoolLocationId == schoolLocationId && g.SchoolYear == to.StartYear).ToDictionaryAsync(g => g.Name, cancellationToken);
        var oldIds = oldGroups.Select(g => g.Id).ToList();
        var members = await db.GroupMemberships.AsNoTracking()
            .Where(m => oldIds.Contains(m.GroupId) && (m.Until == null || m.Until >= from.LastDay)).ToListAsync(cancellationToken);
        var newIds = existing.Values.Select(g => g.Id).ToList();
        var already = (await db.GroupMemberships.AsNoTracking().Where(m => newIds.Contains(m.GroupId)).Select(m => new { m.GroupId, m.PupilId }).ToListAsync(cancellationToken))
            .Select(m => (m.GroupId, m.PupilId)).ToHashSet();
        int groupsCreated = 0, carried = 0;
        var carriedPupils = new List<Guid>();
        foreach (var old in oldGroups)
        {
            if (!existing.TryGetValue(old.Name, out var target))
            {
                target = new Group { Id = Guid.CreateVersion7(calendar.Now), SchoolLocationId = schoolLocationId, SchoolYear = to.StartYear, Name = old.Name, CreatedAt = calendar.Now };
                db.Groups.Add(target);
                groupsCreated++;
            }

            foreach (var member in members.Where(m => m.GroupId == old.Id).Select(m => m.PupilId).Distinct())
            {
                if (already.Add((target.Id, member)))
                {
                    // Consent is not carried over (R3, R10): it must be given again for the new school year.
                    db.GroupMemberships.Add(new GroupMembership { Id = Guid.NewGuid(), GroupId = target.Id, PupilId = member, From = to.FirstDay });
                    carried++;
                    carriedPupils.Add(member);
                }
            }
        }

        audit.Record(new AuditEvent(AuditActions.ConsentYearRolledOver, "school-location", schoolLocationId.ToString())
        {
            SchoolLocationId = schoolLocationId,
            PupilIds = carriedPupils,
            Details = new { from = from.StartYear, to = to.StartYear, groupsCreated, carried },
        });
        await db.SaveChangesAsync(cancellationToken);
        return new RolloverView(to.StartYear, groupsCreated, carried);
    }
}
