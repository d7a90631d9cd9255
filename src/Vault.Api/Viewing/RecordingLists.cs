using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Api.Recordings;
using Vault.Consent.Gate;
using Vault.Retention.Data;
using Vault.Shared.Identity;
using Vault.Shared.Problems;
using Vault.Shared.Time;

namespace Vault.Api.Viewing;

/// <summary>Where a recording stands, for its student and coaches.</summary>
public enum RecordingStatus
{
    Processing = 0,
    Ready = 1,
    AwaitingAssessment = 2,
    Assessed = 3,
    MarkedForDestruction = 4,
    LegalHold = 5,
}

public sealed record RecordingListItem(Guid Id, Guid PlacementId, Guid StudentId, string StudentName, string FileName, RecordingPurpose Purpose,
    RecordingMedia Media, DateTimeOffset RecordingAt, DateTimeOffset CreatedAt, double DurationSeconds, RecordingStatus Status, string StatusName);

/// <summary>The student's own recordings, and a coach's students' recordings, newest first.</summary>
internal static class RecordingLists
{
    public const int MaxItems = 500;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/mine", MineEndpointAsync).WithName("MyRecordings").WithSummary("The student's own recordings with their status");
        group.MapGet("/coached", CoachedEndpointAsync).WithName("CoachedRecordings").WithSummary("Recordings of the students one currently coaches, newest first");
    }

    public static string Dutch(RecordingStatus status) => status switch
    {
        RecordingStatus.Processing => Text.T("Wordt verwerkt", "Processing"),
        RecordingStatus.Ready => Text.T("Klaar om te bekijken", "Ready to view"),
        RecordingStatus.AwaitingAssessment => Text.T("Wacht op beoordeling", "Awaiting assessment"),
        RecordingStatus.Assessed => Text.T("Beoordeeld", "Assessed"),
        RecordingStatus.MarkedForDestruction => Text.T("Gemarkeerd voor vernietiging", "Marked for destruction"),
        RecordingStatus.LegalHold => Text.T("Bewaard (juridisch geschil)", "Kept (legal dispute)"),
        _ => status.ToString(),
    };

    internal static async Task<List<RecordingListItem>> MineAsync(ICurrentActor actor, VaultDbContext db, IRetentionDb retention, CancellationToken cancellationToken)
    {
        if (actor.PersonId is not { } me)
        {
            return [];
        }

        var recordings = await db.Set<Recording>().AsNoTracking().Where(r => r.StudentId == me)
            .OrderByDescending(r => r.RecordingAt).Take(MaxItems).ToListAsync(cancellationToken);
        return await ItemsAsync(recordings, db, retention, cancellationToken);
    }

    internal static async Task<List<RecordingListItem>> CoachedAsync(
        ICurrentActor actor, VaultDbContext db, IRetentionDb retention, TimeProvider time, Guid? studentId, Guid? placementId, RecordingStatus? status, CancellationToken cancellationToken)
    {
        if (actor.PersonId is not { } me)
        {
            return [];
        }

        // The same relation as RecordingAuthorizationHandler's View: open coach rows (guiding roles) or an active extra assessor.
        var guiding = Participation.GuidingRoles.ToList();
        var today = SchoolCalendar.DateInAmsterdam(time.GetUtcNow()); // an end date "t/m" is a Dutch calendar day
        var query = db.Set<Recording>().AsNoTracking()
            .Where(r => db.PlacementCoaches.Any(c => c.PlacementId == r.PlacementId && c.PersonId == me && c.RemovedAt == null && guiding.Contains(c.Role))
                || db.Set<ExtraAssessor>().Any(a => a.RecordingId == r.Id && a.PersonId == me && a.RemovedAt == null && a.EndDate >= today));
        if (studentId is { } s)
        {
            query = query.Where(r => r.StudentId == s);
        }

        if (placementId is { } p)
        {
            query = query.Where(r => r.PlacementId == p);
        }

        var recordings = await query.OrderByDescending(r => r.RecordingAt).ThenByDescending(r => r.CreatedAt).Take(MaxItems).ToListAsync(cancellationToken);
        var items = await ItemsAsync(recordings, db, retention, cancellationToken);
        return status is { } wanted ? items.Where(i => i.Status == wanted).ToList() : items;
    }

    private static async Task<Ok<List<RecordingListItem>>> MineEndpointAsync(ICurrentActor actor, VaultDbContext db, IRetentionDb retention, CancellationToken cancellationToken) =>
        TypedResults.Ok(await MineAsync(actor, db, retention, cancellationToken));

    private static async Task<Ok<List<RecordingListItem>>> CoachedEndpointAsync(
        ICurrentActor actor, VaultDbContext db, IRetentionDb retention, TimeProvider time, Guid? studentId, Guid? placementId, RecordingStatus? status, CancellationToken cancellationToken) =>
        TypedResults.Ok(await CoachedAsync(actor, db, retention, time, studentId, placementId, status, cancellationToken));

    private static async Task<List<RecordingListItem>> ItemsAsync(List<Recording> recordings, VaultDbContext db, IRetentionDb retention, CancellationToken cancellationToken)
    {
        var ids = recordings.Select(r => r.Id).ToList();
        var placements = recordings.Select(r => r.PlacementId).Distinct().ToList();
        var students = recordings.Select(r => r.StudentId).Distinct().ToList();
        var holds = await retention.LegalHolds.AsNoTracking()
            .Where(h => h.LiftedAt == null && ((h.RecordingId != null && ids.Contains(h.RecordingId.Value)) || placements.Contains(h.PlacementId)))
            .ToListAsync(cancellationToken);
        var names = await db.People.AsNoTracking().Where(p => students.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        return recordings.Select(r =>
        {
            var status = StatusOf(r, holds.Any(h => h.Covers(r.Id, r.PlacementId)));
            return new RecordingListItem(r.Id, r.PlacementId, r.StudentId, names.GetValueOrDefault(r.StudentId, ""), r.FileName, r.Purpose, r.Media,
                r.RecordingAt, r.CreatedAt, r.Playable.DurationSeconds, status, Dutch(status));
        }).ToList();
    }

    internal static RecordingStatus StatusOf(Recording r, bool held) =>
        held ? RecordingStatus.LegalHold // R17
        : r.DeletionRequestedAt is not null || r.ReviewDueAt is not null ? RecordingStatus.MarkedForDestruction
        : r.AssessmentDoneAt is not null ? RecordingStatus.Assessed // R16
        : r.Rendition is RenditionStatus.Queued or RenditionStatus.Processing ? RecordingStatus.Processing
        : r.Purpose == RecordingPurpose.Beoordeling ? RecordingStatus.AwaitingAssessment
        : RecordingStatus.Ready;
}
