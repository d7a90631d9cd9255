using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;
using Vault.Shared.Time;

namespace Vault.Consent.Import;

/// <summary>The start-of-year import: a preview with every row's outcome and error, and an all-or-nothing apply.</summary>
internal static class ImportEndpoints
{
    public static void MapImportEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/locations/{schoolLocationId:guid}/imports/preview", Preview).WithName("PreviewConsentImport")
            .WithSummary("Import controleren (CSV als request body) / Preview an import (CSV as the request body)");
        group.MapPost("/locations/{schoolLocationId:guid}/imports", Apply).WithName("ApplyConsentImport")
            .WithSummary("Import toepassen: alles of niets / Apply an import: all or nothing");
    }

    private static Task<IResult> Preview(Guid schoolLocationId, int? schoolYear, bool? createGroups, HttpRequest request, ICurrentActor actor, IConsentDb db, SchoolCalendar calendar, CancellationToken cancellationToken) =>
        RunAsync(schoolLocationId, schoolYear, createGroups ?? false, apply: false, request, actor, db, null, calendar, cancellationToken);

    private static Task<IResult> Apply(Guid schoolLocationId, int? schoolYear, bool? createGroups, HttpRequest request, ICurrentActor actor, IConsentDb db, IAuditTrail audit, SchoolCalendar calendar, CancellationToken cancellationToken) =>
        RunAsync(schoolLocationId, schoolYear, createGroups ?? false, apply: true, request, actor, db, audit, calendar, cancellationToken);

    private static async Task<IResult> RunAsync(
        Guid schoolLocationId, int? schoolYear, bool createGroups, bool apply, HttpRequest request, ICurrentActor actor, IConsentDb db, IAuditTrail? audit, SchoolCalendar calendar, CancellationToken cancellationToken)
    {
        if (!(await actor.ConsentSchoolLocationsAsync(cancellationToken)).Contains(schoolLocationId))
        {
            return VaultProblems.NotFoundProblem();
        }

        var year = schoolYear is { } y ? new SchoolYear(y) : calendar.CurrentSchoolYear;
        if (Math.Abs(year.StartYear - calendar.CurrentSchoolYear.StartYear) > 1)
        {
            return VaultProblems.Invalid("schoolYear", "Alleen het vorige, huidige of volgende schooljaar. / Only the previous, current or next school year.");
        }

        var bytes = await ReadBodyAsync(request, cancellationToken);
        var file = bytes is null
            ? new ParsedFile([], [], new FileProblem(413, "import-too-large", $"Het bestand is groter dan {ConsentCsv.MaxBytes / 1024 / 1024} MB. / The file is too large."))
            : ConsentCsv.Parse(bytes);
        if (file.Problem is { } problem)
        {
            return VaultProblems.Problem(new ProblemKind(problem.Slug, problem.Status, TitleNl(problem.Status), TitleEn(problem.Status)), problem.Message);
        }

        var importId = Guid.CreateVersion7(calendar.Now);
        var plan = new ImportPlan(db, calendar);
        var preview = await plan.BuildAsync(file, schoolLocationId, year, createGroups, importId, actor.PersonId, cancellationToken);
        if (!apply)
        {
            return TypedResults.Ok(preview);
        }

        if (!preview.CanApply)
        {
            return VaultProblems.Problem(ImportRefused, $"{preview.Errors.Count} fout(en); er is niets opgeslagen. / {preview.Errors.Count} error(s); nothing was stored.",
                new Dictionary<string, object?> { ["errors"] = preview.Errors, ["summary"] = preview.Summary });
        }

        plan.Stage();
        if (plan.PupilsTouched.Count > 0)
        {
            audit!.Record(new AuditEvent(AuditActions.ConsentImported, "consent-import", importId.ToString())
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
                return VaultProblems.Problem(VaultProblems.Conflict, "Intussen is er op deze school iets gewijzigd; er is niets opgeslagen. Controleer het bestand opnieuw. / The school's data changed meanwhile; nothing was stored. Preview again.");
            }
        }

        return TypedResults.Ok(preview);
    }

    private static readonly ProblemKind ImportRefused = new("import-invalid", 400, "Het importbestand bevat fouten", "The import file contains errors");

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

    /// <summary>Reads at most <see cref="ConsentCsv.MaxBytes"/>; null when the body is larger.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > ConsentCsv.MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > ConsentCsv.MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
