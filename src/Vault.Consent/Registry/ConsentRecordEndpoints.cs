using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
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
        Guid id, RecordConsentRequest request, ConsentCommands commands, CancellationToken cancellationToken) =>
        (await commands.RecordAsync(id, request, cancellationToken)).ToHttpResult(v => TypedResults.Created($"/api/consent/pupils/{id}/consents", v));

    private static async Task<Results<Created<WithdrawalView>, ValidationProblem, ProblemHttpResult>> Withdraw(
        Guid id, WithdrawConsentRequest request, ConsentCommands commands, CancellationToken cancellationToken) =>
        (await commands.WithdrawAsync(id, request, cancellationToken)).ToHttpResult(v => TypedResults.Created($"/api/consent/pupils/{id}/consents", v));

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
