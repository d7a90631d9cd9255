using Microsoft.EntityFrameworkCore;
using Vault.Consent.Gate;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;
using Vault.Shared.Time;

namespace Vault.Consent.Registry;

/// <summary>
/// Recording and withdrawing a pupil's consent (R3, R4, append-only) and the year rollover: one implementation
/// for the API and the consent administrator's pages, with one set of Dutch messages.
/// </summary>
public sealed class ConsentCommands
{
    private readonly IConsentDb db;
    private readonly ICurrentActor actor;
    private readonly IAuditTrail audit;
    private readonly SchoolCalendar calendar;
    private readonly UploadGate gate;
    private readonly IEnumerable<IConsentWithdrawalListener> listeners;

    internal ConsentCommands(IConsentDb db, ICurrentActor actor, IAuditTrail audit, SchoolCalendar calendar, UploadGate gate, IEnumerable<IConsentWithdrawalListener> listeners)
    {
        this.db = db;
        this.actor = actor;
        this.audit = audit;
        this.calendar = calendar;
        this.gate = gate;
        this.listeners = listeners;
    }

    /// <summary>The pupil when they belong to one of this administrator's schoollocaties; otherwise they do not exist for them.</summary>
    internal async Task<Pupil?> MinePupilAsync(Guid id, CancellationToken cancellationToken)
    {
        var mine = await actor.ConsentSchoolLocationsAsync(cancellationToken);
        var pupil = await db.Pupils.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return pupil is not null && mine.Contains(pupil.SchoolLocationId) ? pupil : null;
    }

    public async Task<CommandResult<ConsentRecordView>> RecordAsync(Guid pupilId, RecordConsentRequest request, CancellationToken cancellationToken)
    {
        if (await MinePupilAsync(pupilId, cancellationToken) is not { } pupil)
        {
            return CommandResult<ConsentRecordView>.Fail(VaultProblems.NotFound);
        }

        var year = request.SchoolYear is { } y ? new SchoolYear(y) : SchoolYear.Containing(request.GivenOn);
        var errors = new ValidationErrors();
        errors.Require(Math.Abs(year.StartYear - calendar.CurrentSchoolYear.StartYear) <= 1, "schoolYear", "Alleen het vorige, huidige of volgende schooljaar. / Only the previous, current or next school year.");
        errors.Require(request.Method != ConsentMethod.Geimporteerd, "method", "'Geïmporteerd' is voorbehouden aan de import. / 'Imported' is reserved for the import.");
        ConsentRules.CheckConsent(errors, "", request.GivenBy, request.GivenOn, request.InformedOn, pupil.BirthDate, year, calendar.Today);
        if (!errors.IsValid)
        {
            return CommandResult<ConsentRecordView>.Invalid(errors);
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
        return ConsentRecordView.From(record);
    }

    public async Task<CommandResult<WithdrawalView>> WithdrawAsync(Guid pupilId, WithdrawConsentRequest request, CancellationToken cancellationToken)
    {
        if (await MinePupilAsync(pupilId, cancellationToken) is not { } pupil)
        {
            return CommandResult<WithdrawalView>.Fail(VaultProblems.NotFound);
        }

        var today = calendar.Today;
        var year = SchoolYear.Containing(today);
        if (request.By == ConsentGiver.Leerling && SchoolCalendar.AgeOn(pupil.BirthDate, today) < 16)
        {
            var errors = new ValidationErrors();
            errors.Add("by", "Een leerling jonger dan 16 trekt niet zelf in; dat doet een ouder of verzorger. / A pupil under 16 does not withdraw; a parent or guardian does.");
            return CommandResult<WithdrawalView>.Invalid(errors);
        }

        var history = await db.ConsentRecords.AsNoTracking().Where(r => r.PupilId == pupil.Id && r.SchoolYear == year.StartYear).ToListAsync(cancellationToken);
        if (ConsentResolver.InForce(history, today) is not { } current)
        {
            return CommandResult<WithdrawalView>.Fail(VaultProblems.Conflict, "Er is dit schooljaar geen toestemming vastgelegd om in te trekken. / No consent is recorded this school year to withdraw.");
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
        return new WithdrawalView(ConsentRecordView.From(record), recordings.Count);
    }
}
