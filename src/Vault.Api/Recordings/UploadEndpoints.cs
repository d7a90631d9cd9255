using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vault.Api.Data;
using Vault.Api.Storage;
using Vault.Consent.Gate;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Problems;

namespace Vault.Api.Recordings;

public sealed record StartUploadRequest(Guid TicketId, string FileName, long? Size, CaptureMode Capture = CaptureMode.DeviceFile);

public sealed record UploadView(Guid Id, long Received, long? Size, long MaxSize, UploadStatus Status, DateTimeOffset ExpiresAt, Guid? RecordingId);

/// <summary>
/// Resumable uploads (tus-like): start with a gate ticket, send bytes with <c>PATCH</c> and an <c>Upload-Offset</c>
/// header (again from the reported offset after a dropped connection), ask for progress, then complete.
/// The same protocol carries closed-environment capture (R8): the browser sends MediaRecorder chunks as they are made.
/// </summary>
internal static class UploadEndpoints
{
    public const string OffsetHeader = "Upload-Offset";
    public const string BytesContentType = "application/offset+octet-stream";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/uploads", StartAsync).WithName("StartUpload").WithSummary("Start a resumable upload with an upload-gate ticket");
        group.MapPatch("/uploads/{id:guid}", AppendAsync).WithName("AppendUpload").WithSummary("Append bytes at Upload-Offset; resumes after a dropped connection");
        group.MapGet("/uploads/{id:guid}", ProgressAsync).WithName("GetUpload").WithSummary("Progress of an upload: bytes received, status, expiry");
        group.MapPost("/uploads/{id:guid}/complete", CompleteAsync).WithName("CompleteUpload").WithSummary("Validate, re-check, clean and store the recording");
    }

    private static async Task<Results<Created<UploadView>, ValidationProblem, ProblemHttpResult>> StartAsync(
        StartUploadRequest request, ICurrentActor actor, IUploadGate gate, VaultDbContext db, KeyRing keys, UploadStaging staging,
        IAuditTrail audit, IOptions<RecordingOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (actor.PersonId is not { } personId)
        {
            return VaultProblems.Problem(VaultProblems.UnknownPerson);
        }

        var errors = new ValidationErrors()
            .Require(!string.IsNullOrWhiteSpace(request.FileName) && request.FileName.Length <= 260, "fileName", Text.T("Geef een bestandsnaam (hoogstens 260 tekens).", "Give a file name (at most 260 characters)."))
            .Require(UploadFileName.IsPlain(request.FileName), "fileName", Text.T("Een bestandsnaam zonder map, '..' of stuurtekens.", "A file name without a folder, '..' or control characters."))
            .Require(request.Size is null or >= 0, "size", Text.T("De grootte kan niet negatief zijn.", "The size cannot be negative."));
        if (!errors.IsValid)
        {
            return errors.ToProblem();
        }

        if (request.Size > options.Value.MaxUploadBytes)
        {
            return VaultProblems.Problem(RecordingProblems.TooLarge, Text.T($"Hoogstens {options.Value.MaxUploadBytes} bytes.", $"At most {options.Value.MaxUploadBytes} bytes."));
        }

        var validation = await gate.ValidateTicketAsync(request.TicketId, personId, request.Capture, cancellationToken);
        if (!validation.IsValid)
        {
            return VaultProblems.Problem(RecordingProblems.TicketInvalid, validation.Problem.ToString(), new Dictionary<string, object?> { ["reason"] = validation.Problem.ToString() });
        }

        var (key, plain) = await keys.CreateKeyAsync(db, cancellationToken);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(plain);
        var session = new UploadSession
        {
            Id = Guid.NewGuid(),
            StudentId = personId,
            TicketId = request.TicketId,
            PlacementId = validation.Ticket!.PlacementId,
            Capture = request.Capture,
            FileName = Path.GetFileName(request.FileName.Trim()),
            DeclaredSize = request.Size,
            MaxSize = options.Value.MaxUploadBytes,
            KeyId = key.Id,
            Status = UploadStatus.Open,
            CreatedAt = time.GetUtcNow(),
        };
        staging.Touch(session);
        db.Add(session);
        audit.Record(new AuditEvent(AuditActions.UploadStarted, "Upload", session.Id.ToString())
        {
            Details = new { ticket = request.TicketId, capture = request.Capture.ToString(), size = request.Size },
            SchoolLocationId = validation.Ticket.SchoolLocationId,
            OpleidingsschoolId = validation.Ticket.OpleidingsschoolId,
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/recordings/uploads/{session.Id}", View(session));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> AppendAsync(
        Guid id, HttpContext context, ICurrentActor actor, VaultDbContext db, UploadStaging staging, IAuditTrail audit, TimeProvider time)
    {
        // The vault enforces its own limit (Vault:Recordings:MaxUploadBytes) as bytes arrive.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        // tus: the bytes come as application/offset+octet-stream; anything else is a client sending the wrong thing.
        if (!string.Equals(context.Request.GetTypedHeaders().ContentType?.MediaType.Value, BytesContentType, StringComparison.OrdinalIgnoreCase))
        {
            return VaultProblems.Problem(VaultProblems.UnsupportedMedia, Text.T($"Stuur de bytes als {BytesContentType}.", $"Send the bytes as {BytesContentType}."));
        }

        if (!long.TryParse(context.Request.Headers[OffsetHeader], System.Globalization.CultureInfo.InvariantCulture, out var offset) || offset < 0)
        {
            return VaultProblems.Problem(VaultProblems.BadRequest, Text.T($"De kop {OffsetHeader} ontbreekt.", $"The {OffsetHeader} header is missing."));
        }

        var session = await FindAsync(db, actor, id, context.RequestAborted);
        if (session is null)
        {
            return VaultProblems.NotFoundProblem();
        }

        context.Response.Headers[OffsetHeader] = session.Received.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (session.Status != UploadStatus.Open || session.ExpiresAt <= time.GetUtcNow())
        {
            return VaultProblems.Problem(RecordingProblems.UploadNotOpen);
        }

        if (offset != session.Received)
        {
            return VaultProblems.Problem(RecordingProblems.OffsetMismatch, null, new Dictionary<string, object?> { ["offset"] = session.Received });
        }

        UploadStaging.AppendResult result;
        try
        {
            result = await staging.AppendAsync(db, session, context.Request.Body, context.RequestAborted);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another request (a retry while this one was still storing) recorded progress first: the client asks
            // for the offset and resumes from there. A recorded segment is only ever rewritten with the bytes of its own range (blobs are named by range).
            return VaultProblems.Problem(RecordingProblems.OffsetMismatch);
        }

        if (result == UploadStaging.AppendResult.TooLarge)
        {
            audit.Record(new AuditEvent(AuditActions.UploadRefused, "Upload", session.Id.ToString()) { Details = new { reason = RecordingProblems.TooLarge.Slug } });
            await staging.DiscardAsync(db, session, UploadStatus.Refused, RecordingProblems.TooLarge.Slug, CancellationToken.None);
            return VaultProblems.Problem(RecordingProblems.TooLarge, Text.T($"Hoogstens {staging.Limit(session)} bytes; de upload is verwijderd.", $"At most {staging.Limit(session)} bytes; the upload was removed."));
        }

        context.Response.Headers[OffsetHeader] = session.Received.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<UploadView>, ProblemHttpResult>> ProgressAsync(Guid id, HttpContext context, ICurrentActor actor, VaultDbContext db, CancellationToken cancellationToken)
    {
        var session = await FindAsync(db, actor, id, cancellationToken);
        if (session is null)
        {
            return VaultProblems.NotFoundProblem();
        }

        context.Response.Headers[OffsetHeader] = session.Received.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(View(session));
    }

    private static async Task<Results<Created<RecordingView>, ProblemHttpResult>> CompleteAsync(
        Guid id, ICurrentActor actor, VaultDbContext db, UploadCompletion completion, IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        var session = await FindAsync(db, actor, id, cancellationToken);
        if (session is null)
        {
            return VaultProblems.NotFoundProblem();
        }

        // Once started, completion is not abandoned because the client went away: it either stores or discards.
        var outcome = await completion.CompleteAsync(session, lifetime.ApplicationStopping);
        return outcome.Recording is { } recording
            ? TypedResults.Created($"/api/recordings/{recording.Id}", RecordingView.Of(recording))
            : outcome.Refusal!;
    }

    private static Task<UploadSession?> FindAsync(VaultDbContext db, ICurrentActor actor, Guid id, CancellationToken cancellationToken) =>
        db.Set<UploadSession>().Include(u => u.Segments).SingleOrDefaultAsync(u => u.Id == id && u.StudentId == actor.PersonId, cancellationToken);

    private static UploadView View(UploadSession s) => new(s.Id, s.Received, s.DeclaredSize, s.MaxSize, s.Status, s.ExpiresAt, s.RecordingId);
}
