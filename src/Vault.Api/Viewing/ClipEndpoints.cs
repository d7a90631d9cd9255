using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Viewing;

public sealed record ClipRequest(string Name, double FromSeconds, double ToSeconds);

public sealed record ClipView(Guid Id, string Name, double FromSeconds, double ToSeconds, DateTimeOffset CreatedAt);

public sealed record CopyrightRefusalRequest(Guid? PlacementId);

public sealed record CopyrightRefusalView(Guid? PlacementId, DateTimeOffset RefusedAt);

/// <summary>
/// Clips: named time ranges of a recording the student puts in front of their assessors (references, never
/// copies). And R14: the student's refusal of the Instituut's reuse of their work.
/// </summary>
internal static class ClipEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/clips", ListAsync).WithName("ListClips").WithSummary("The student's clips of a recording");
        group.MapPost("/{id:guid}/clips", AddAsync).WithName("AddClip").WithSummary("The student marks a named time range for the assessors");
        group.MapDelete("/{id:guid}/clips/{clipId:guid}", DeleteAsync).WithName("DeleteClip").WithSummary("The student removes a clip");
        group.MapGet("/copyright-refusals", RefusalsAsync).WithName("MyCopyrightRefusals").WithSummary("R14: the student's refusals of reuse");
        group.MapPost("/copyright-refusals", RefuseAsync).WithName("RefuseCopyrightReuse").WithSummary("R14: the student refuses the Instituut's reuse of their work");
    }

    private static async Task<Results<Ok<List<ClipView>>, ProblemHttpResult>> ListAsync(Guid id, RecordingAuthorizer authorizer, VaultDbContext db, CancellationToken cancellationToken)
    {
        var grant = await authorizer.AuthorizeAsync(id, RecordingOperations.View, cancellationToken);
        if (!grant.Allowed)
        {
            return grant.Refusal("");
        }

        var clips = await db.Set<RecordingClip>().AsNoTracking().Where(c => c.RecordingId == id).ToListAsync(cancellationToken);
        return TypedResults.Ok(clips.OrderBy(c => c.FromSeconds).Select(c => new ClipView(c.Id, c.Name, c.FromSeconds, c.ToSeconds, c.CreatedAt)).ToList());
    }

    internal static async Task<Results<Created<ClipView>, ValidationProblem, ProblemHttpResult>> AddAsync(
        Guid id, ClipRequest request, RecordingAuthorizer authorizer, VaultDbContext db, IAuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var grant = await authorizer.AuthorizeAsync(id, RecordingOperations.Clip, cancellationToken);
        if (!grant.Allowed || grant.Recording is not { } recording)
        {
            return grant.Refusal(Text.T("Alleen de student maakt fragmenten van de eigen opname.", "Only the student makes clips of their own recording."));
        }

        var duration = recording.Playable.DurationSeconds;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            errors["name"] = [Text.T("Geef het fragment een naam (ten hoogste 200 tekens).", "Name the clip (at most 200 characters).")];
        }

        if (!double.IsFinite(request.FromSeconds) || !double.IsFinite(request.ToSeconds) || request.FromSeconds < 0 || request.ToSeconds <= request.FromSeconds || request.ToSeconds > duration + 1)
        {
            errors["toSeconds"] = [Text.T("Het fragment ligt binnen de opname en eindigt na het begin.", "The clip lies within the recording and ends after it starts.")];
        }

        if (errors.Count > 0)
        {
            return VaultProblems.Invalid(errors);
        }

        var clip = new RecordingClip { Id = Guid.CreateVersion7(), RecordingId = id, Name = request.Name.Trim(), FromSeconds = request.FromSeconds, ToSeconds = request.ToSeconds, CreatedAt = time.GetUtcNow() };
        db.Add(clip);
        audit.Record(CommentEndpoints.Event(AuditActions.ClipChanged, recording, new { clip = clip.Id, change = "added", from = clip.FromSeconds, to = clip.ToSeconds }));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/recordings/{id}/clips/{clip.Id}", new ClipView(clip.Id, clip.Name, clip.FromSeconds, clip.ToSeconds, clip.CreatedAt));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, Guid clipId, RecordingAuthorizer authorizer, VaultDbContext db, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var grant = await authorizer.AuthorizeAsync(id, RecordingOperations.Clip, cancellationToken);
        if (!grant.Allowed || grant.Recording is not { } recording)
        {
            return grant.Refusal(Text.T("Alleen de student verwijdert fragmenten.", "Only the student removes clips."));
        }

        var clip = await db.Set<RecordingClip>().SingleOrDefaultAsync(c => c.Id == clipId && c.RecordingId == id, cancellationToken);
        if (clip is null)
        {
            return VaultProblems.NotFoundProblem();
        }

        db.Remove(clip);
        audit.Record(CommentEndpoints.Event(AuditActions.ClipChanged, recording, new { clip = clip.Id, change = "deleted" }));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<List<CopyrightRefusalView>>> RefusalsAsync(ICurrentActor actor, VaultDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Set<CopyrightRefusal>().AsNoTracking().Where(r => r.StudentId == actor.PersonId)
            .Select(r => new CopyrightRefusalView(r.PlacementId, r.RefusedAt)).ToListAsync(cancellationToken));

    internal static async Task<Results<Ok<CopyrightRefusalView>, ProblemHttpResult>> RefuseAsync(
        CopyrightRefusalRequest request, ICurrentActor actor, VaultDbContext db, IAuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (actor.PersonId is not { } me)
        {
            return VaultProblems.Problem(VaultProblems.UnknownPerson);
        }

        if (request.PlacementId is { } placement && !await db.Placements.AnyAsync(p => p.Id == placement && p.StudentId == me, cancellationToken))
        {
            return VaultProblems.NotFoundProblem();
        }

        var existing = await db.Set<CopyrightRefusal>().SingleOrDefaultAsync(r => r.StudentId == me && r.PlacementId == request.PlacementId, cancellationToken);
        if (existing is null)
        {
            existing = new CopyrightRefusal { Id = Guid.CreateVersion7(), StudentId = me, PlacementId = request.PlacementId, RefusedAt = time.GetUtcNow() };
            db.Add(existing);
            audit.Record(new AuditEvent(AuditActions.CopyrightRefused, "Person", me.ToString()) { Details = new { placement = request.PlacementId, rule = "R14" } });
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(new CopyrightRefusalView(existing.PlacementId, existing.RefusedAt));
    }
}
