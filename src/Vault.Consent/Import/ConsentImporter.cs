using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;
using Vault.Shared.Time;

namespace Vault.Consent.Import;

/// <summary>
/// The start-of-year import, shared by the API and the consent administrator's upload page: a preview with every
/// row's outcome and error, and an all-or-nothing apply. A refused apply returns the preview (CanApply false) and
/// stores nothing.
/// </summary>
public sealed class ConsentImporter(IConsentDb db, ICurrentActor actor, IAuditTrail audit, SchoolCalendar calendar)
{
    public const int MaxBytes = ConsentCsv.MaxBytes;

    public static readonly ProblemKind ImportRefused = new("import-invalid", 400, "Het importbestand bevat fouten", "The import file contains errors");

    /// <param name="file">The file's bytes; null when it was larger than <see cref="MaxBytes"/>.</param>
    public async Task<CommandResult<ImportPreview>> RunAsync(Guid schoolLocationId, int? schoolYear, bool createGroups, bool apply, byte[]? file, CancellationToken cancellationToken)
    {
        if (!(await actor.ConsentSchoolLocationsAsync(cancellationToken)).Contains(schoolLocationId))
        {
            return CommandResult<ImportPreview>.Fail(VaultProblems.NotFound);
        }

        var year = schoolYear is { } y ? new SchoolYear(y) : calendar.CurrentSchoolYear;
        if (Math.Abs(year.StartYear - calendar.CurrentSchoolYear.StartYear) > 1)
        {
            var errors = new ValidationErrors();
            errors.Add("schoolYear", "Alleen het vorige, huidige of volgende schooljaar. / Only the previous, current or next school year.");
            return CommandResult<ImportPreview>.Invalid(errors);
        }

        var parsed = file is null
            ? new ParsedFile([], [], new FileProblem(413, "import-too-large", $"Het bestand is groter dan {ConsentCsv.MaxBytes / 1024 / 1024} MB. / The file is too large."))
            : ConsentCsv.Parse(file);
        if (parsed.Problem is { } problem)
        {
            return CommandResult<ImportPreview>.Fail(new ProblemKind(problem.Slug, problem.Status, TitleNl(problem.Status), TitleEn(problem.Status)), problem.Message);
        }

        var importId = Guid.CreateVersion7(calendar.Now);
        var plan = new ImportPlan(db, calendar);
        var preview = await plan.BuildAsync(parsed, schoolLocationId, year, createGroups, importId, actor.PersonId, cancellationToken);
        if (!apply || !preview.CanApply)
        {
            return preview;
        }

        plan.Stage();
        if (plan.PupilsTouched.Count > 0)
        {
            audit.Record(new AuditEvent(AuditActions.ConsentImported, "consent-import", importId.ToString())
            {
                SchoolLocationId = schoolLocationId,
                PupilIds = [.. plan.PupilsTouched],
                Details = new { schoolYear = year.StartYear, preview.Summary },
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                // Another import or administrator added the same pupil numbers meanwhile: nothing of this file was stored.
                return CommandResult<ImportPreview>.Fail(VaultProblems.Conflict, "Intussen is er op deze school iets gewijzigd; er is niets opgeslagen. Controleer het bestand opnieuw. / The school's data changed meanwhile; nothing was stored. Preview again.");
            }
        }

        return preview;
    }

    private static string TitleNl(int status) => status switch
    {
        413 => "Het bestand is te groot",
        415 => "De codering van het bestand wordt niet ondersteund",
        _ => "Het importbestand is onbruikbaar",
    };

    private static string TitleEn(int status) => status switch
    {
        413 => "The file is too large",
        415 => "The file's encoding is not supported",
        _ => "The import file cannot be used",
    };
}
