using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Api.Recordings.Retention;
using Vault.Consent.Gate;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;
using Vault.Shared.Time;

namespace Vault.Api.Viewing;

public sealed record AssessmentView(Guid RecordingId, DateTimeOffset? AssessmentDoneAt, Guid? AssessedByPersonId, DateTimeOffset? DeletionRequestedAt);

/// <summary>The student's deletion request: destroyed at once unless a legal hold (R17) keeps it, or the destruction must be retried.</summary>
public sealed record DeletionView(Guid RecordingId, DateTimeOffset RequestedAt, bool Destroyed, string? Note);

public sealed record AssessorRequest(Guid PersonId, string Reason, DateOnly EndDate);

public sealed record AssessorView(Guid Id, Guid PersonId, string Name, string Reason, DateOnly EndDate, DateTimeOffset AddedAt);

/// <summary>R16: the IO marks the assessment done and may add a second examiner (R9); the student may delete before assessment.</summary>
internal static class AssessmentEndpoints
{
    public static readonly ProblemKind AlreadyAssessed = new("recording-already-assessed", 409, "De opname is al beoordeeld", "The recording has already been assessed");
    public static readonly ProblemKind AssessorNotAllowed = new("assessor-not-allowed", 422, "Deze persoon kan geen extra beoordelaar zijn", "This person cannot be an extra assessor");

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/assessment", AssessAsync).WithName("MarkAssessmentDone").WithSummary("R16: the IO marks the assessment done");
        group.MapPost("/{id:guid}/deletion-request", RequestDeletionAsync).WithName("RequestRecordingDeletion").WithSummary("The student deletes their recording before assessment: destroyed at once");
        group.MapGet("/{id:guid}/assessors", ListAssessorsAsync).WithName("ListExtraAssessors").WithSummary("Extra assessors of a recording");
        group.MapPost("/{id:guid}/assessors", AddAssessorAsync).WithName("AddExtraAssessor").WithSummary("The IO adds a second examiner, with a reason and an end date");
        group.MapDelete("/{id:guid}/assessors/{assessorId:guid}", RemoveAssessorAsync).WithName("RemoveExtraAssessor").WithSummary("The IO removes an extra assessor");
    }

    internal static async Task<Results<Ok<AssessmentView>, ProblemHttpResult>> AssessAsync(
        Guid id, RecordingAuthorizer authorizer, VaultDbContext db, ICurrentActor actor, IAuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var grant = await authorizer.AuthorizeAsync(id, RecordingOperations.Assess, cancellationToken);
        if (!grant.Allowed || grant.Recording is not { } recording)
        {
            return grant.Refusal(Text.T("Alleen de instituutsopleider rondt de beoordeling af (R16).", "Only the instituutsopleider completes the assessment (R16)."));
        }

        if (recording.AssessmentDoneAt is null)
        {
            recording.AssessmentDoneAt = time.GetUtcNow();
            recording.AssessedByPersonId = actor.PersonId;
            audit.Record(CommentEndpoints.Event(AuditActions.AssessmentDone, recording, new { rule = "R16" }));
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(new AssessmentView(recording.Id, recording.AssessmentDoneAt, recording.AssessedByPersonId, recording.DeletionRequestedAt));
    }

    /// <summary>
    /// The student deletes their own recording before it is assessed (R16): the request is saved and audited, then the
    /// recording is destroyed at once through retention (keys shredded, blobs, comments, clips and assessors removed,
    /// a tombstone and destruction record kept). A legal hold (R17) keeps it; a failed destruction is retried by
    /// retention's daily student-deletion sweep, which reads the saved request.
    /// </summary>
    internal static async Task<Results<Ok<DeletionView>, ProblemHttpResult>> RequestDeletionAsync(
        Guid id, RecordingAuthorizer authorizer, VaultDbContext db, IAuditTrail audit, TimeProvider time, StudentDeletion deletion, CancellationToken cancellationToken)
    {
        var grant = await authorizer.AuthorizeAsync(id, RecordingOperations.Delete, cancellationToken);
        if (!grant.Allowed || grant.Recording is not { } recording)
        {
            return grant.Refusal(Text.T("Alleen de student verwijdert de eigen opname.", "Only the student deletes their own recording."));
        }

        if (recording.AssessmentDoneAt is not null)
        {
            return VaultProblems.Problem(AlreadyAssessed, Text.T("Na de beoordeling vernietigt de jaarlijkse ronde de opname (R7).", "After assessment the yearly run destroys the recording (R7)."));
        }

        if (recording.DeletionRequestedAt is null)
        {
            recording.DeletionRequestedAt = time.GetUtcNow();
            audit.Record(CommentEndpoints.Event(AuditActions.DeletionRequested, recording, new { by = "student" }));
            await db.SaveChangesAsync(cancellationToken);
        }

        var requestedAt = recording.DeletionRequestedAt.Value;
        var report = await deletion.DestroyRequestedAsync(recording.Id, "student", cancellationToken);
        return TypedResults.Ok(report switch
        {
            null => new DeletionView(id, requestedAt, true, null),
            { Destroyed: > 0 } => new DeletionView(id, requestedAt, true, null),
            { Skipped: > 0 } => new DeletionView(id, requestedAt, false,
                Text.T("Er geldt een bewaarplicht (R17): de opname wordt vernietigd zodra die is opgeheven.", "A legal hold applies (R17): the recording is destroyed once it is lifted.")),
            _ => new DeletionView(id, requestedAt, false,
                Text.T("De vernietiging is nog niet gelukt; de kluis probeert het vandaag opnieuw.", "The destruction did not complete yet; the vault retries today.")),
        });
    }

    private static async Task<Results<Ok<List<AssessorView>>, ProblemHttpResult>> ListAssessorsAsync(
        Guid id, RecordingAuthorizer authorizer, VaultDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var grant = await authorizer.AuthorizeAsync(id, RecordingOperations.View, cancellationToken);
        if (!grant.Allowed)
        {
            return grant.Refusal("");
        }

        var today = SchoolCalendar.DateInAmsterdam(time.GetUtcNow()); // an end date "t/m" is a Dutch calendar day
        var rows = await (from a in db.Set<ExtraAssessor>().AsNoTracking()
                          join p in db.People on a.PersonId equals p.Id
                          where a.RecordingId == id && a.RemovedAt == null && a.EndDate >= today
                          select new AssessorView(a.Id, a.PersonId, p.DisplayName, a.Reason, a.EndDate, a.AddedAt)).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows);
    }

    internal static async Task<Results<Created<AssessorView>, ValidationProblem, ProblemHttpResult>> AddAssessorAsync(
        Guid id, AssessorRequest request, RecordingAuthorizer authorizer, VaultDbContext db, ICurrentActor actor, IAuditTrail audit, IUploadGate gate,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var grant = await authorizer.AuthorizeAsync(id, RecordingOperations.AddAssessor, cancellationToken);
        if (!grant.Allowed || grant.Recording is not { } recording)
        {
            return grant.Refusal(Text.T("Alleen de instituutsopleider voegt een extra beoordelaar toe.", "Only the instituutsopleider adds an extra assessor."));
        }

        var today = SchoolCalendar.DateInAmsterdam(time.GetUtcNow()); // an end date "t/m" is a Dutch calendar day
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500)
        {
            errors["reason"] = [Text.T("Geef een reden (ten hoogste 500 tekens).", "Give a reason (at most 500 characters).")];
        }

        if (request.EndDate < today || request.EndDate > today.AddYears(1))
        {
            errors["endDate"] = [Text.T("De einddatum ligt tussen vandaag en een jaar vanaf nu.", "The end date lies between today and a year from now.")];
        }

        if (errors.Count > 0)
        {
            return VaultProblems.Invalid(errors);
        }

        var roles = await db.RoleAssignments.AsNoTracking().Where(r => r.PersonId == request.PersonId).ToListAsync(cancellationToken);
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.PersonId, cancellationToken);
        var haags = await AssessorCandidates.IsHaagsAsync(gate, recording.Id, cancellationToken);
        if (person is null || person.Id == recording.StudentId || !AssessorCandidates.Eligible(roles, recording, haags))
        {
            // R9: under the Haagse module only employees of that schoollocatie or the Instituut; elsewhere a coach of any school.
            return haags
                ? VaultProblems.Problem(AssessorNotAllowed,
                    Text.T("R9: alleen medewerkers van deze schoollocatie of van het Instituut.", "R9: only employees of this schoollocatie or of the Instituut."),
                    new Dictionary<string, object?> { ["rule"] = "R9" })
                : VaultProblems.Problem(AssessorNotAllowed, Text.T("Alleen opleiders kunnen beoordelaar zijn.", "Only coaches can be assessors."));
        }

        var assessor = new ExtraAssessor
        {
            Id = Guid.CreateVersion7(),
            RecordingId = recording.Id,
            PersonId = person.Id,
            Reason = request.Reason.Trim(),
            EndDate = request.EndDate,
            AddedByPersonId = actor.PersonId!.Value,
            AddedAt = time.GetUtcNow(),
        };
        db.Add(assessor);
        audit.Record(CommentEndpoints.Event(AuditActions.AssessorAdded, recording, new { assessor = person.Id, reason = assessor.Reason, endDate = assessor.EndDate, rule = haags ? "R9" : null }));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/recordings/{id}/assessors/{assessor.Id}",
            new AssessorView(assessor.Id, person.Id, person.DisplayName, assessor.Reason, assessor.EndDate, assessor.AddedAt));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RemoveAssessorAsync(
        Guid id, Guid assessorId, RecordingAuthorizer authorizer, VaultDbContext db, IAuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var grant = await authorizer.AuthorizeAsync(id, RecordingOperations.AddAssessor, cancellationToken);
        if (!grant.Allowed || grant.Recording is not { } recording)
        {
            return grant.Refusal(Text.T("Alleen de instituutsopleider verwijdert een extra beoordelaar.", "Only the instituutsopleider removes an extra assessor."));
        }

        var assessor = await db.Set<ExtraAssessor>().SingleOrDefaultAsync(a => a.Id == assessorId && a.RecordingId == id && a.RemovedAt == null, cancellationToken);
        if (assessor is null)
        {
            return VaultProblems.NotFoundProblem();
        }

        assessor.RemovedAt = time.GetUtcNow();
        audit.Record(CommentEndpoints.Event(AuditActions.AssessorRemoved, recording, new { assessor = assessor.PersonId }));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
