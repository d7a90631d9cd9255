using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Vault.Consent.Gate;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;
using Vault.Shared.Time;

namespace Vault.Consent.Registry;

/// <summary>Recording, withdrawing and reading a pupil's consent (R3, R4): append-only.</summary>
internal static class ConsentRecordEndpoints
{
    public static void MapConsentRecordEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/pupils/{id:guid}/consents", Record).WithName("RecordConsent").WithSummary("Toestemming vastleggen / Record consent");
        group.MapPost("/pupils/{id:guid}/withdrawals", Withdraw).WithName("WithdrawConsent").WithSummary("Toestemming intrekken, per direct (R4) / Withdraw consent, effective immediately");
        group.MapGet("/pupils/{id:guid}/consents", InForce).WithName("ConsentInForce").WithSummary("Toestemming van kracht op een datum, met geschiedenis / Consent in force on a date, with history");
    }

    private static async Task<Pupil?> MinePupilAsync(Guid id, IConsentDb db, ICurrentActor actor, CancellationToken cancellationToken)
    {
        var mine = await actor.ConsentSchoolLocationsAsync(cancellationToken);
        var pupil = await db.Pupils.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return pupil is not null && mine.Contains(pupil.SchoolLocationId) ? pupil : null;
    }

    private static async Task<Results<Created<ConsentRecordView>, ValidationProblem, ProblemHttpResult>> Record(
        Guid id, RecordConsentRequest request, IConsentDb db, ICurrentActor actor, IAuditTrail audit, SchoolCalendar calendar, CancellationToken cancellationToken)
    {
        // A consent for a pupil of another schoollocatie: the pupil does not exist for this administrator.
        if (await MinePupilAsync(id, db, actor, cancellationToken) is not { } pupil)
        {
            return VaultProblems.NotFoundProblem();
        }

        var year = request.SchoolYear is { } y ? new SchoolYear(y) : SchoolYear.Containing(request.GivenOn);
        var errors = new ValidationErrors();
        errors.Require(Math.Abs(year.StartYear - calendar.CurrentSchoolYear.StartYear) <= 1, "schoolYear", "Alleen het vorige, huidige of volgende schooljaar. / Only the previous, current or next school year.");
        errors.Require(request.Method != ConsentMethod.Geimporteerd, "method", "'Geïmporteerd' is voorbehouden aan de import. / 'Imported' is reserved for the import.");
        ConsentRules.CheckConsent(errors, "", request.GivenBy, request.GivenOn, request.InformedOn, pupil.BirthDate, year, calendar.Today);
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        var record = new ConsentRecord
        {
            Id = Guid.CreateVersion7(calendar.Now),
            PupilId = pupil.Id,
            SchoolLocationId = pupil.SchoolLocationId,
            SchoolYear = year.StartYear,
            Kind = ConsentRecordKind.Besluit,
            Beeld = request.Beeld,
            Geluid = request.Geluid,
            GivenBy = request.GivenBy,
            GivenOn = request.GivenOn,
            InformedOn = request.InformedOn,
            Method = request.Method,
            EnteredByPersonId = actor.PersonId,
            RecordedAt = calendar.Now,
        };
        db.ConsentRecords.Add(record);
        audit.Record(new AuditEvent(AuditActions.ConsentRecorded, "consent-record", record.Id.ToString())
        {
            SchoolLocationId = record.SchoolLocationId,
            PupilIds = [pupil.Id],
            Details = new { record.SchoolYear, beeld = record.Beeld.ToString(), geluid = record.Geluid.ToString(), givenBy = record.GivenBy.ToString(), record.GivenOn, record.InformedOn, method = record.Method.ToString() },
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/consent/pupils/{pupil.Id}/consents", ConsentRecordView.From(record));
    }

    private static async Task<Results<Created<WithdrawalView>, ValidationProblem, ProblemHttpResult>> Withdraw(
        Guid id, WithdrawConsentRequest request, IConsentDb db, ICurrentActor actor, IAuditTrail audit, SchoolCalendar calendar,
        UploadGate gate, IEnumerable<IConsentWithdrawalListener> listeners, CancellationToken cancellationToken)
    {
        if (await MinePupilAsync(id, db, actor, cancellationToken) is not { } pupil)
        {
            return VaultProblems.NotFoundProblem();
        }

        var today = calendar.Today;
        var year = SchoolYear.Containing(today);
        if (request.By == ConsentGiver.Leerling && SchoolCalendar.AgeOn(pupil.BirthDate, today) < 16)
        {
            return VaultProblems.Invalid("by", "Een leerling jonger dan 16 trekt niet zelf in; dat doet een ouder of verzorger. / A pupil under 16 does not withdraw; a parent or guardian does.");
        }

        var history = await db.ConsentRecords.AsNoTracking().Where(r => r.PupilId == pupil.Id && r.SchoolYear == year.StartYear).ToListAsync(cancellationToken);
        if (ConsentResolver.InForce(history, today) is not { } current)
        {
            return VaultProblems.Problem(VaultProblems.Conflict, "Er is dit schooljaar geen toestemming vastgelegd om in te trekken. / No consent is recorded this school year to withdraw.");
        }

        var image = request.Media is WithdrawMedia.Beeld or WithdrawMedia.BeeldEnGeluid;
        var sound = request.Media is WithdrawMedia.Geluid or WithdrawMedia.BeeldEnGeluid;
        var record = new ConsentRecord
        {
            Id = Guid.CreateVersion7(calendar.Now),
            PupilId = pupil.Id,
            SchoolLocationId = pupil.SchoolLocationId,
            SchoolYear = year.StartYear,
            Kind = ConsentRecordKind.Intrekking,
            Beeld = image ? MediumDecision.Geweigerd : current.Beeld,
            Geluid = sound ? MediumDecision.Geweigerd : current.Geluid,
            GivenBy = request.By,
            GivenOn = today,
            InformedOn = current.InformedOn,
            Method = ConsentMethod.DigitaalFormulier,
            EnteredByPersonId = actor.PersonId,
            RecordedAt = calendar.Now,
        };
        db.ConsentRecords.Add(record);

        // R4: find the recordings with this pupil through the stored presence lists and have them marked for review.
        var recordings = await gate.RecordingsWithPupilAsync(pupil.Id, imageOnly: !sound, cancellationToken);
        var medium = image && sound ? Medium.BeeldEnGeluid : image ? Medium.Beeld : Medium.Geluid;
        foreach (var listener in listeners)
        {
            await listener.OnConsentWithdrawnAsync(pupil.Id, recordings, medium, cancellationToken);
        }

        audit.Record(new AuditEvent(AuditActions.ConsentWithdrawn, "consent-record", record.Id.ToString())
        {
            SchoolLocationId = record.SchoolLocationId,
            PupilIds = [pupil.Id],
            Details = new { record.SchoolYear, medium, by = request.By.ToString(), recordings },
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/consent/pupils/{pupil.Id}/consents", new WithdrawalView(ConsentRecordView.From(record), recordings.Count));
    }

    private static async Task<Results<Ok<ConsentInForceView>, ProblemHttpResult>> InForce(
        Guid id, DateOnly? on, IConsentDb db, ICurrentActor actor, SchoolCalendar calendar, CancellationToken cancellationToken)
    {
        if (await MinePupilAsync(id, db, actor, cancellationToken) is not { } pupil)
        {
            return VaultProblems.NotFoundProblem();
        }

        var day = on ?? calendar.Today;
        var year = SchoolYear.Containing(day);
        var history = await db.ConsentRecords.AsNoTracking().Where(r => r.PupilId == pupil.Id && r.SchoolYear == year.StartYear)
            .OrderBy(r => r.GivenOn).ThenBy(r => r.RecordedAt).ToListAsync(cancellationToken);
        var state = ConsentResolver.StateOn(history, pupil.BirthDate, day);
        var inForce = ConsentResolver.InForce(history, day);
        return TypedResults.Ok(new ConsentInForceView(pupil.Id, day, year.StartYear, state.Beeld, state.Geluid,
            inForce is null ? null : ConsentRecordView.From(inForce), [.. history.Select(ConsentRecordView.From)]));
    }
}
