using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vault.Shared.Problems;

namespace Vault.Api.Hosting;

/// <summary>Maps what escapes a handler to problem details: never a stack trace, never a 500 for bad input.</summary>
internal sealed class VaultExceptionHandler(IProblemDetailsService problems, ILogger<VaultExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (kind, detail) = exception switch
        {
            DbUpdateConcurrencyException => (VaultProblems.Concurrency, null),
            BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge => (VaultProblems.PayloadTooLarge, bad.Message),
            BadHttpRequestException bad => (VaultProblems.BadRequest with { Status = bad.StatusCode }, bad.Message),
            Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => (VaultProblems.BadRequest, "Het formulier is verlopen of ongeldig (antiforgery)."),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (null, null),
            _ when Unavailable.Classify(exception) is { } down => (down, null),
            _ => (new ProblemKind("internal", 500, "Er ging iets mis in de kluis", "Something went wrong in the vault"), null),
        };

        if (kind is null)
        {
            return true;
        }

        if (kind.Status >= 500)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = kind.Status;
        if (kind.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning(exception, "{Dependency} unavailable for {Method} {Path}", kind.Slug, httpContext.Request.Method, httpContext.Request.Path);
            httpContext.Response.Headers.RetryAfter = Unavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails { Type = kind.Type, Title = kind.Title, Status = kind.Status, Detail = detail },
            Exception = exception,
        });
    }
}
