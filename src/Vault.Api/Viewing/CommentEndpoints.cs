using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vault.Api.Data;
using Vault.Api.Recordings;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Viewing;

public sealed record CommentRequest(double AtSeconds, double? ToSeconds, CommentCategory Category, string Text, Guid? ParentId = null);

public sealed record CommentEdit(CommentCategory Category, string Text);

public sealed record CommentView(Guid Id, Guid? ParentId, Guid AuthorPersonId, string AuthorName, double AtSeconds, double? ToSeconds,
    CommentCategory Category, string CategoryName, string Text, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, bool Mine);

/// <summary>Time-stamped feedback, visible to the recording's viewers only; threaded replies; edit/delete of one's own.</summary>
internal static class CommentEndpoints
{
    public const int MaxText = 4000;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/comments", ListAsync).WithName("ListComments").WithSummary("The comments on a recording, by time");
        group.MapPost("/{id:guid}/comments", AddAsync).WithName("AddComment").WithSummary("Comment at a moment or over a time range, or reply");
        group.MapPut("/{id:guid}/comments/{commentId:guid}", EditAsync).WithName("EditComment").WithSummary("Edit one's own comment");
        group.MapDelete("/{id:guid}/comments/{commentId:guid}", DeleteAsync).WithName("DeleteComment").WithSummary("Delete one's own comment (and its replies)");
    }

    public static string Dutch(CommentCategory category) => category switch
    {
        CommentCategory.Vraag => Text.T("Vraag", "Question"),
        CommentCategory.Tip => Text.T("Tip", "Tip"),
        CommentCategory.SterkPunt => Text.T("Sterk punt", "Strong point"),
        CommentCategory.Aandachtspunt => Text.T("Aandachtspunt", "Point for attention"),
        _ => category.ToString(),
    };

    internal static CommentView ToView(RecordingComment c, Guid? me) =>
        new(c.Id, c.ParentId, c.AuthorPersonId, c.AuthorName, c.AtSeconds, c.ToSeconds, c.Category, Dutch(c.Category), c.Text, c.CreatedAt, c.EditedAt, c.AuthorPersonId == me);

    private static async Task<Results<Ok<List<CommentView>>, ProblemHttpResult>> ListAsync(
        Guid id, RecordingAuthorizer authorizer, VaultDbContext db, ICurrentActor actor, CancellationToken cancellationToken)
    {
        var grant = await authorizer.AuthorizeAsync(id, RecordingOperations.View, cancellationToken);
        if (!grant.Allowed)
        {
            return grant.Refusal("");
        }

        var comments = await db.Set<RecordingComment>().AsNoTracking().Where(c => c.RecordingId == id).ToListAsync(cancellationToken);
        return TypedResults.Ok(comments.OrderBy(c => c.AtSeconds).ThenBy(c => c.CreatedAt).Select(c => ToView(c, actor.PersonId)).ToList());
    }

    internal static async Task<Results<Created<CommentView>, ValidationProblem, ProblemHttpResult>> AddAsync(
        Guid id, CommentRequest request, RecordingAuthorizer authorizer, VaultDbContext db, ICurrentActor actor, IAuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var grant = await authorizer.AuthorizeAsync(id, RecordingOperations.Comment, cancellationToken);
        if (!grant.Allowed || grant.Recording is not { } recording)
        {
            return grant.Refusal(Text.T("U mag hier geen feedback geven.", "You may not comment here."));
        }

        var errors = Validate(request.AtSeconds, request.ToSeconds, request.Text, recording.Playable.DurationSeconds, request.Category);
        if (request.ParentId is { } parent && !await db.Set<RecordingComment>().AnyAsync(c => c.Id == parent && c.RecordingId == id, cancellationToken))
        {
            errors["parentId"] = [Text.T("Er is geen opmerking om op te reageren.", "There is no comment to reply to.")];
        }

        if (errors.Count > 0)
        {
            return VaultProblems.Invalid(errors);
        }

        var comment = new RecordingComment
        {
            Id = Guid.CreateVersion7(),
            RecordingId = id,
            ParentId = request.ParentId,
            AuthorPersonId = actor.PersonId!.Value,
            AuthorName = actor.DisplayName,
            AtSeconds = request.AtSeconds,
            ToSeconds = request.ToSeconds,
            Category = request.Category,
            Text = request.Text.Trim(),
            CreatedAt = time.GetUtcNow(),
        };
        db.Add(comment);
        audit.Record(Event(AuditActions.CommentAdded, recording, new { comment = comment.Id, at = comment.AtSeconds, to = comment.ToSeconds, reply = comment.ParentId is not null }));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/recordings/{id}/comments/{comment.Id}", ToView(comment, actor.PersonId));
    }

    private static async Task<Results<Ok<CommentView>, ValidationProblem, ProblemHttpResult>> EditAsync(
        Guid id, Guid commentId, CommentEdit request, RecordingAuthorizer authorizer, VaultDbContext db, ICurrentActor actor, IAuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var (grant, comment) = await OwnAsync(id, commentId, authorizer, db, actor, cancellationToken);
        if (comment is null || grant.Recording is not { } recording)
        {
            return grant.Refusal(Text.T("Alleen de schrijver past een opmerking aan.", "Only the author edits a comment."));
        }

        var errors = Validate(comment.AtSeconds, comment.ToSeconds, request.Text, double.MaxValue, request.Category);
        if (errors.Count > 0)
        {
            return VaultProblems.Invalid(errors);
        }

        comment.Text = request.Text.Trim();
        comment.Category = request.Category;
        comment.EditedAt = time.GetUtcNow();
        audit.Record(Event(AuditActions.CommentChanged, recording, new { comment = comment.Id, change = "edited" }));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToView(comment, actor.PersonId));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, Guid commentId, RecordingAuthorizer authorizer, VaultDbContext db, ICurrentActor actor, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var (grant, comment) = await OwnAsync(id, commentId, authorizer, db, actor, cancellationToken);
        if (comment is null || grant.Recording is not { } recording)
        {
            return grant.Refusal(Text.T("Alleen de schrijver verwijdert een opmerking.", "Only the author deletes a comment."));
        }

        var replies = await db.Set<RecordingComment>().Where(c => c.ParentId == comment.Id).ToListAsync(cancellationToken);
        db.RemoveRange(replies);
        db.Remove(comment);
        audit.Record(Event(AuditActions.CommentChanged, recording, new { comment = comment.Id, change = "deleted", replies = replies.Count }));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<(RecordingGrant Grant, RecordingComment? Comment)> OwnAsync(
        Guid id, Guid commentId, RecordingAuthorizer authorizer, VaultDbContext db, ICurrentActor actor, CancellationToken cancellationToken)
    {
        var grant = await authorizer.AuthorizeAsync(id, RecordingOperations.Comment, cancellationToken);
        if (!grant.Allowed)
        {
            return (grant, null);
        }

        var comment = await db.Set<RecordingComment>().SingleOrDefaultAsync(c => c.Id == commentId && c.RecordingId == id, cancellationToken);
        return comment is null
            ? (grant with { Visible = false }, null) // no such comment on this recording: 404
            : comment.AuthorPersonId == actor.PersonId ? (grant, comment) : (grant with { Allowed = false }, null);
    }

    private static Dictionary<string, string[]> Validate(double at, double? to, string? text, double duration, CommentCategory category)
    {
        var errors = new Dictionary<string, string[]>();
        if (!double.IsFinite(at) || at < 0 || at > duration + 1)
        {
            errors["atSeconds"] = [Text.T("Het tijdstip ligt niet binnen de opname.", "The moment is not within the recording.")];
        }

        if (to is { } end && (!double.IsFinite(end) || end <= at || end > duration + 1))
        {
            errors["toSeconds"] = [Text.T("Het einde ligt na het begin en binnen de opname.", "The end lies after the start and within the recording.")];
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxText)
        {
            errors["text"] = [Text.T($"Schrijf een opmerking (ten hoogste {MaxText} tekens).", $"Write a comment (at most {MaxText} characters).")];
        }

        if (!Enum.IsDefined(category))
        {
            errors["category"] = [Text.T("Kies vraag, tip, sterk punt of aandachtspunt.", "Choose question, tip, strength or point of attention.")];
        }

        return errors;
    }

    internal static AuditEvent Event(string action, Recording recording, object details) => new(action, "Recording", recording.Id.ToString())
    {
        RecordingId = recording.Id,
        SchoolLocationId = recording.SchoolLocationId,
        OpleidingsschoolId = recording.OpleidingsschoolId,
        Details = details,
    };
}
