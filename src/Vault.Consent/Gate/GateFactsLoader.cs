using Microsoft.EntityFrameworkCore;
using Vault.Consent.Registry;
using Vault.Shared.Time;

namespace Vault.Consent.Gate;

/// <summary>The facts for a question, or why the question itself is wrong (field errors) or not the caller's (not found).</summary>
internal sealed record FactsResult(GateFacts? Facts, Dictionary<string, string[]>? Errors)
{
    public static readonly FactsResult NotFound = new(null, null);
}

/// <summary>
/// Builds the gate's fact snapshot with a fixed, small number of queries whatever the group size: the placement
/// facts (host), the group, its members on the day, and all their consent records of the school year in one query.
/// </summary>
internal sealed class GateFactsLoader(IConsentDb db, IPlacementFacts placements, TimeProvider time)
{
    // Compiled once: a decision asks the same few questions every time, and building and looking up their expression
    // trees per request cost more than the SQL (about 0.5 ms a query on SQLite).
    private static readonly Func<DbContext, Guid, Guid, CancellationToken, Task<GroupFacts?>> GroupQuery = EF.CompileAsyncQuery(
        (DbContext db, Guid groupId, Guid schoolLocationId, CancellationToken _) => db.Set<Group>().AsNoTracking()
            .Where(g => g.Id == groupId && g.SchoolLocationId == schoolLocationId)
            .Select(g => new GroupFacts(g.SchoolYear, g.Name))
            .FirstOrDefault());

    private static readonly Func<DbContext, Guid, DateOnly, IAsyncEnumerable<Member>> MembersQuery = EF.CompileAsyncQuery(
        (DbContext db, Guid groupId, DateOnly day) =>
            (from m in db.Set<GroupMembership>().AsNoTracking()
             join p in db.Set<Pupil>().AsNoTracking() on m.PupilId equals p.Id
             where m.GroupId == groupId && m.From <= day && (m.Until == null || m.Until >= day)
             select new Member(p.Id, p.Name, p.BirthDate)).Distinct());

    // One query for the group's consents of the school year (through the membership index), not one per pupil.
    private static readonly Func<DbContext, Guid, int, IAsyncEnumerable<ConsentRecord>> GroupRecordsQuery = EF.CompileAsyncQuery(
        (DbContext db, Guid groupId, int schoolYear) =>
            from m in db.Set<GroupMembership>().AsNoTracking()
            where m.GroupId == groupId
            join r in db.Set<ConsentRecord>().AsNoTracking() on m.PupilId equals r.PupilId
            where r.SchoolYear == schoolYear
            select r);

    private DbContext Context => (DbContext)db;

    public async Task<FactsResult> ForQuestionAsync(GateQuestion question, CancellationToken cancellationToken)
    {
        // Six queries and the decision's commit follow: one connection for all of them instead of an open and close
        // per query (about 2 ms of a decision on SQLite). The unit of work closes it when it ends.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var day = SchoolCalendar.DateInAmsterdam(question.RecordingAt);
        var placement = await placements.GetAsync(question.PlacementId, question.StudentId, day, cancellationToken);
        if (placement is null || placement.StudentId != question.StudentId)
        {
            return FactsResult.NotFound;
        }

        var errors = new Shared.Problems.ValidationErrors();
        ValidateTime(question, now, errors);
        var year = SchoolYear.Containing(day);
        var group = await GroupQuery(Context, question.GroupId, placement.SchoolLocationId, cancellationToken);
        if (group is null)
        {
            return new FactsResult(null, errors.Add("groupId", "Onbekende groep voor de school van deze plaatsing. / Unknown group for this placement's school.").ToDictionary());
        }

        if (group.SchoolYear != year.StartYear)
        {
            errors.Add("groupId", $"Groep {group.Name} hoort bij schooljaar {new SchoolYear(group.SchoolYear)}; de opname valt in schooljaar {year}. / The group belongs to another school year than the recording.");
        }

        var members = await MembersQuery(Context, question.GroupId, day).ToListAsync(cancellationToken);
        var strangers = question.AbsentPupilIds.Where(id => members.All(m => m.Id != id)).ToList();
        if (strangers.Count > 0)
        {
            errors.Add("absentPupilIds", "Afwezig gemelde leerlingen horen op die dag niet bij de groep. / Pupils marked absent are not in the group on that day.");
        }

        if (!errors.IsValid)
        {
            return new FactsResult(null, errors.ToDictionary());
        }

        var present = members.Where(m => !question.AbsentPupilIds.Contains(m.Id)).ToList();
        var attestedAt = question.Informed is null ? (DateTimeOffset?)null : now;
        var records = await GroupRecordsQuery(Context, question.GroupId, year.StartYear).ToListAsync(cancellationToken);
        return new FactsResult(Snapshot(question, placement, day, now, attestedAt, present, records), null);
    }

    /// <summary>The facts for a stored decision, read with today's data (the presence list stays as decided).</summary>
    public async Task<GateFacts?> ForDecisionAsync(GateDecision decision, CancellationToken cancellationToken)
    {
        var day = SchoolCalendar.DateInAmsterdam(decision.RecordingAt);
        var placement = await placements.GetAsync(decision.PlacementId, decision.StudentId, day, cancellationToken);
        if (placement is null)
        {
            return null;
        }

        var ids = decision.Present.Select(p => p.PupilId).ToList();
        var present = await db.Pupils.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new Member(p.Id, p.Name, p.BirthDate)).ToListAsync(cancellationToken);
        var question = new GateQuestion(decision.PlacementId, decision.StudentId, decision.GroupId, decision.RecordingAt, [], decision.Media, decision.Purpose, decision.Capture, decision.InformedHow);
        var year = SchoolYear.Containing(day).StartYear;
        var records = await db.ConsentRecords.AsNoTracking().Where(r => r.SchoolYear == year && ids.Contains(r.PupilId)).ToListAsync(cancellationToken);
        return Snapshot(question, placement, day, time.GetUtcNow(), decision.InformedAttestedAt, present, records);
    }

    private static GateFacts Snapshot(
        GateQuestion question, PlacementFacts placement, DateOnly day, DateTimeOffset now, DateTimeOffset? attestedAt, List<Member> present,
        List<ConsentRecord> records)
    {
        // A pupil who left and rejoined the group is joined twice: one row per record.
        var byPupil = records.DistinctBy(r => r.Id).ToLookup(r => r.PupilId);
        var today = SchoolCalendar.DateInAmsterdam(now);
        var pupils = present
            .OrderBy(p => p.Name, StringComparer.CurrentCulture)
            .Select(p => new PresentPupil(p.Id, p.Name, p.BirthDate, SchoolCalendar.AgeOn(p.BirthDate, day),
                ConsentResolver.ForRecording([.. byPupil[p.Id]], p.BirthDate, day, today)))
            .ToList();
        return new GateFacts(question, placement, day, now, attestedAt, pupils);
    }

    private static void ValidateTime(GateQuestion question, DateTimeOffset now, Shared.Problems.ValidationErrors errors)
    {
        // A device file is of a lesson that has been recorded; a closed-environment capture starts about now.
        if (question.Capture == CaptureMode.DeviceFile && question.RecordingAt > now.AddMinutes(5))
        {
            errors.Add("recordingAt", "Een bestand van een apparaat is van een les die al is opgenomen; het tijdstip ligt in de toekomst. / A device file is of a lesson already recorded; the time is in the future.");
        }

        if (question.Capture == CaptureMode.ClosedEnvironment && (question.RecordingAt < now.AddMinutes(-15) || question.RecordingAt > now.AddHours(8)))
        {
            errors.Add("recordingAt", "Een opname in de besloten omgeving begint binnen enkele uren vanaf nu. / A closed-environment capture starts within hours from now.");
        }

        if (question.RecordingAt < now.AddDays(-366))
        {
            errors.Add("recordingAt", "De opname is ouder dan een jaar. / The recording is more than a year old.");
        }
    }

    private sealed record Member(Guid Id, string Name, DateOnly BirthDate);

    private sealed record GroupFacts(int SchoolYear, string Name);
}
