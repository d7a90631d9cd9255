using Microsoft.EntityFrameworkCore;
using Vault.Consent.Registry;
using Vault.Shared.Time;

namespace Vault.Consent.Import;

public enum ImportOutcome
{
    Nieuw = 0,
    Gewijzigd = 1,
    Ongewijzigd = 2,
    Fout = 3,
}

public sealed record ImportRowPreview(int Row, string PupilNumber, ImportOutcome Outcome, IReadOnlyList<string> Changes);

public sealed record ImportSummary(int Rows, int PupilsNew, int PupilsChanged, int ConsentsNew, int MembershipsNew, int GroupsNew, int Unchanged, int Errors);

public sealed record ImportPreview(int SchoolYear, bool CanApply, ImportSummary Summary, IReadOnlyList<ImportRowPreview> Rows, IReadOnlyList<ImportError> Errors);

/// <summary>
/// Compares a parsed file with the registry of one schoollocatie and school year (four queries, whatever the size),
/// and applies it: pupils by their number, memberships, and a consent record only where the file says something
/// new — so re-importing the same file changes nothing, and a later file updates.
/// </summary>
internal sealed class ImportPlan(IConsentDb db, SchoolCalendar calendar)
{
    private readonly List<Action> changes = [];
    private readonly List<Pupil> newPupils = [];
    private readonly List<Group> newGroups = [];
    private readonly List<GroupMembership> newMemberships = [];
    private readonly List<ConsentRecord> newRecords = [];

    public HashSet<Guid> PupilsTouched { get; } = [];

    public async Task<ImportPreview> BuildAsync(ParsedFile file, Guid schoolLocationId, SchoolYear year, bool createGroups, Guid importId, Guid? enteredBy, CancellationToken cancellationToken)
    {
        var today = calendar.Today;
        var now = calendar.Now;
        var pupils = await db.Pupils.Where(p => p.SchoolLocationId == schoolLocationId).ToDictionaryAsync(p => p.PupilNumber, StringComparer.Ordinal, cancellationToken);
        var groups = await db.Groups.Where(g => g.SchoolLocationId == schoolLocationId && g.SchoolYear == year.StartYear).ToDictionaryAsync(g => g.Name, StringComparer.Ordinal, cancellationToken);
        var groupIds = groups.Values.Select(g => g.Id).ToList();
        var open = (await db.GroupMemberships.Where(m => groupIds.Contains(m.GroupId) && m.Until == null).ToListAsync(cancellationToken))
            .GroupBy(m => m.PupilId).ToDictionary(g => g.Key, g => g.ToList());
        var records = (await db.ConsentRecords.AsNoTracking().Where(r => r.SchoolLocationId == schoolLocationId && r.SchoolYear == year.StartYear).ToListAsync(cancellationToken))
            .ToLookup(r => r.PupilId);
        var errors = file.Errors.ToList();
        var rowsWithErrors = file.Errors.Select(e => e.Row).ToHashSet();
        var previews = new List<ImportRowPreview>();
        int pupilsNew = 0, pupilsChanged = 0, consentsNew = 0, membershipsNew = 0, groupsNew = 0, unchanged = 0;
        var start = PupilGroupEndpoints.MembershipStart(year, today);

        foreach (var row in file.Rows)
        {
            var rowErrors = new Shared.Problems.ValidationErrors();
            if (row.BirthDate is { } birth && ConsentRules.BirthDateProblem(birth, today) is { } birthProblem)
            {
                rowErrors.Add(ConsentCsv.Columns.BirthDate, birthProblem);
            }

            if (!groups.ContainsKey(row.Group) && !createGroups && row.Group.Length > 0)
            {
                rowErrors.Add(ConsentCsv.Columns.Group, $"Onbekende klas '{row.Group}' in schooljaar {year}; maak de groep eerst aan of importeer met 'groepen aanmaken'. / Unknown group.");
            }

            if (row.HasConsent && row.BirthDate is { } b && row.GivenBy is { } by && row.GivenOn is { } on && row.InformedOn is { } informed)
            {
                ConsentRules.CheckConsent(rowErrors, "", by, on, informed, b, year, today);
            }

            foreach (var (column, messages) in rowErrors.ToDictionary())
            {
                errors.AddRange(messages.Select(m => new ImportError(row.Row, ColumnName(column), m)));
                rowsWithErrors.Add(row.Row);
            }

            if (rowsWithErrors.Contains(row.Row) || row.BirthDate is null)
            {
                previews.Add(new ImportRowPreview(row.Row, row.PupilNumber, ImportOutcome.Fout, []));
                continue;
            }

            var notes = new List<string>();
            var isNew = !pupils.TryGetValue(row.PupilNumber, out var pupil);
            if (pupil is null)
            {
                pupil = new Pupil { Id = Guid.CreateVersion7(now), SchoolLocationId = schoolLocationId, PupilNumber = row.PupilNumber, Name = row.Name, BirthDate = row.BirthDate.Value, CreatedAt = now };
                pupils[row.PupilNumber] = pupil;
                newPupils.Add(pupil);
                notes.Add("nieuwe leerling");
                pupilsNew++;
            }
            else if (pupil.Name != row.Name || pupil.BirthDate != row.BirthDate)
            {
                var (target, name, birthDate) = (pupil, row.Name, row.BirthDate.Value);
                changes.Add(() => { target.Name = name; target.BirthDate = birthDate; });
                notes.Add("naam/geboortedatum bijgewerkt");
                pupilsChanged++;
            }

            if (!groups.TryGetValue(row.Group, out var group))
            {
                group = new Group { Id = Guid.CreateVersion7(now), SchoolLocationId = schoolLocationId, SchoolYear = year.StartYear, Name = row.Group, CreatedAt = now };
                groups[row.Group] = group;
                newGroups.Add(group);
                groupsNew++;
            }

            var memberships = open.TryGetValue(pupil.Id, out var list) ? list : open[pupil.Id] = [];
            if (!memberships.Any(m => m.GroupId == group.Id))
            {
                // A pupil who moved class: the old membership closes the day before the new one starts.
                foreach (var moved in memberships.ToList())
                {
                    changes.Add(() => moved.Until = start.AddDays(-1) < moved.From ? moved.From : start.AddDays(-1));
                    memberships.Remove(moved);
                }

                var membership = new GroupMembership { Id = Guid.NewGuid(), GroupId = group.Id, PupilId = pupil.Id, From = start };
                memberships.Add(membership);
                newMemberships.Add(membership);
                notes.Add($"in klas {row.Group}");
                membershipsNew++;
            }

            if (row.HasConsent && !SameAsLatest(records[pupil.Id], row))
            {
                var record = new ConsentRecord
                {
                    Id = Guid.CreateVersion7(now), PupilId = pupil.Id, SchoolLocationId = schoolLocationId, SchoolYear = year.StartYear, Kind = ConsentRecordKind.Besluit,
                    Beeld = row.Beeld!.Value, Geluid = row.Geluid!.Value, GivenBy = row.GivenBy!.Value, GivenOn = row.GivenOn!.Value, InformedOn = row.InformedOn!.Value,
                    Method = ConsentMethod.Geimporteerd, RecordedAt = now, ImportId = importId, EnteredByPersonId = enteredBy,
                };
                newRecords.Add(record);
                notes.Add($"toestemming beeld {row.Beeld}, geluid {row.Geluid}");
                consentsNew++;
            }

            if (notes.Count > 0)
            {
                PupilsTouched.Add(pupil.Id);
            }
            else
            {
                unchanged++;
            }

            previews.Add(new ImportRowPreview(row.Row, row.PupilNumber, isNew ? ImportOutcome.Nieuw : notes.Count > 0 ? ImportOutcome.Gewijzigd : ImportOutcome.Ongewijzigd, notes));
        }

        var ordered = errors.OrderBy(e => e.Row).ThenBy(e => e.Column, StringComparer.Ordinal).ToList();
        return new ImportPreview(year.StartYear, ordered.Count == 0, new ImportSummary(file.Rows.Count, pupilsNew, pupilsChanged, consentsNew, membershipsNew, groupsNew, unchanged, ordered.Count), previews, ordered);
    }

    /// <summary>Stages every change on the unit of work; the caller saves them at once (all or nothing).</summary>
    public void Stage()
    {
        foreach (var change in changes)
        {
            change();
        }

        db.Pupils.AddRange(newPupils);
        db.Groups.AddRange(newGroups);
        db.GroupMemberships.AddRange(newMemberships);
        db.ConsentRecords.AddRange(newRecords);
    }

    /// <summary>Idempotence: the file says nothing new when the latest record for the pupil says the same.</summary>
    private static bool SameAsLatest(IEnumerable<ConsentRecord> history, ImportRow row) =>
        history.OrderByDescending(r => r.GivenOn).ThenByDescending(r => r.RecordedAt).FirstOrDefault() is { } latest
        && latest.Beeld == row.Beeld && latest.Geluid == row.Geluid && latest.GivenBy == row.GivenBy && latest.GivenOn == row.GivenOn && latest.InformedOn == row.InformedOn;

    private static string ColumnName(string field) => field switch
    {
        "givenOn" => ConsentCsv.Columns.GivenOn,
        "informedOn" => ConsentCsv.Columns.InformedOn,
        "givenBy" => ConsentCsv.Columns.GivenBy,
        _ => field,
    };
}
