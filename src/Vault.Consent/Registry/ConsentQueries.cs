using Microsoft.EntityFrameworkCore;
using Vault.Shared.Identity;
using Vault.Shared.Time;

namespace Vault.Consent.Registry;

/// <summary>What a consent administrator reads on their pages; everything is scoped to their schoollocaties.</summary>
public sealed class ConsentQueries(IConsentDb db, ICurrentActor actor, SchoolCalendar calendar)
{
    /// <summary>A pupil with the groups they are in now (current school year) and their consent today.</summary>
    public sealed record PupilRow(PupilView Pupil, int Age, IReadOnlyList<string> Groups, ConsentState Beeld, ConsentState Geluid);

    public Task<IReadOnlySet<Guid>> LocationsAsync(CancellationToken cancellationToken) => actor.ConsentSchoolLocationsAsync(cancellationToken);

    public async Task<IReadOnlyList<GroupView>> GroupsAsync(Guid schoolLocationId, int schoolYear, CancellationToken cancellationToken)
    {
        if (!(await actor.ConsentSchoolLocationsAsync(cancellationToken)).Contains(schoolLocationId))
        {
            return [];
        }

        return await db.Groups.AsNoTracking().Where(g => g.SchoolLocationId == schoolLocationId && g.SchoolYear == schoolYear).OrderBy(g => g.Name)
            .Select(g => new GroupView(g.Id, g.SchoolLocationId, g.SchoolYear, g.Name)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PupilRow>> PupilsAsync(Guid schoolLocationId, CancellationToken cancellationToken)
    {
        if (!(await actor.ConsentSchoolLocationsAsync(cancellationToken)).Contains(schoolLocationId))
        {
            return [];
        }

        var today = calendar.Today;
        var year = calendar.CurrentSchoolYear.StartYear;
        var pupils = await db.Pupils.AsNoTracking().Where(p => p.SchoolLocationId == schoolLocationId).ToListAsync(cancellationToken);
        var groups = (await (from m in db.GroupMemberships.AsNoTracking()
                             join g in db.Groups.AsNoTracking() on m.GroupId equals g.Id
                             where g.SchoolLocationId == schoolLocationId && g.SchoolYear == year && (m.Until == null || m.Until >= today)
                             select new { m.PupilId, g.Name }).ToListAsync(cancellationToken)).ToLookup(x => x.PupilId, x => x.Name);
        var records = (await db.ConsentRecords.AsNoTracking().Where(r => r.SchoolLocationId == schoolLocationId && r.SchoolYear == year).ToListAsync(cancellationToken))
            .ToLookup(r => r.PupilId);
        return [.. pupils.OrderBy(p => p.Name, StringComparer.CurrentCulture).Select(p =>
        {
            var state = ConsentResolver.StateOn([.. records[p.Id]], p.BirthDate, today);
            return new PupilRow(new PupilView(p.Id, p.SchoolLocationId, p.PupilNumber, p.Name, p.BirthDate), SchoolCalendar.AgeOn(p.BirthDate, today),
                [.. groups[p.Id].Distinct().Order(StringComparer.CurrentCulture)], state.Beeld, state.Geluid);
        })];
    }

    /// <summary>The per-group overview (null when the group is not this administrator's).</summary>
    public Task<GroupOverview?> OverviewAsync(Guid groupId, DateOnly? on, CancellationToken cancellationToken) =>
        OverviewEndpoints.BuildAsync(groupId, on, db, actor, calendar, cancellationToken);

    /// <summary>The pupil and their consent today with this school year's history (null when not this administrator's).</summary>
    public async Task<(PupilView Pupil, ConsentInForceView Consent)?> ConsentAsync(Guid pupilId, CancellationToken cancellationToken)
    {
        var mine = await actor.ConsentSchoolLocationsAsync(cancellationToken);
        var pupil = await db.Pupils.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pupilId, cancellationToken);
        if (pupil is null || !mine.Contains(pupil.SchoolLocationId))
        {
            return null;
        }

        var day = calendar.Today;
        var year = SchoolYear.Containing(day);
        var history = await db.ConsentRecords.AsNoTracking().Where(r => r.PupilId == pupil.Id && r.SchoolYear == year.StartYear)
            .OrderBy(r => r.GivenOn).ThenBy(r => r.RecordedAt).ToListAsync(cancellationToken);
        var state = ConsentResolver.StateOn(history, pupil.BirthDate, day);
        var inForce = ConsentResolver.InForce(history, day);
        return (new PupilView(pupil.Id, pupil.SchoolLocationId, pupil.PupilNumber, pupil.Name, pupil.BirthDate),
            new ConsentInForceView(pupil.Id, day, year.StartYear, state.Beeld, state.Geluid, inForce is null ? null : ConsentRecordView.From(inForce), [.. history.Select(ConsentRecordView.From)]));
    }
}
