using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Vault.Shared.Problems;

namespace Vault.Api.Hosting;

/// <summary>
/// Rate limits where abuse is cheap for an attacker and costly for the vault: interactive sign-in (per client
/// address) and starting uploads (per signed-in account). Upload chunks are not limited per request — a
/// resumable 8 GB upload is a thousand requests — but the number of uploads in flight per account is.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Vault:RateLimits";

    public int SignInPerMinute { get; set; } = 10;

    public int UploadStartsPerHour { get; set; } = 60;

    public int ConcurrentUploadRequestsPerAccount { get; set; } = 4;
}

internal static class RateLimiting
{
    public static readonly ProblemKind TooManyRequests = new("too-many-requests", 429, "Te veel verzoeken; probeer het zo opnieuw", "Too many requests; try again shortly");

    public static IServiceCollection AddVaultRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, limits));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails { Type = TooManyRequests.Type, Title = TooManyRequests.Title, Status = 429 },
                });
            };
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions limits)
    {
        var request = context.Request;
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var post = HttpMethods.IsPost(request.Method);
        if (post && (request.Path.StartsWithSegments("/dev/aanmelden") || request.Path.StartsWithSegments("/signin-oidc")))
        {
            return RateLimitPartition.GetFixedWindowLimiter("sign-in:" + address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.SignInPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        }

        if (request.Path.StartsWithSegments("/api/recordings/uploads"))
        {
            var account = context.User.FindFirst("oid")?.Value ?? address;
            if (post && request.Path.Value!.TrimEnd('/').Equals("/api/recordings/uploads", StringComparison.OrdinalIgnoreCase))
            {
                return RateLimitPartition.GetFixedWindowLimiter("upload-start:" + account, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.UploadStartsPerHour,
                    Window = TimeSpan.FromHours(1),
                    QueueLimit = 0,
                });
            }

            return RateLimitPartition.GetConcurrencyLimiter("upload:" + account, _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = limits.ConcurrentUploadRequestsPerAccount,
                QueueLimit = limits.ConcurrentUploadRequestsPerAccount,
            });
        }

        return RateLimitPartition.GetNoLimiter("none");
    }
}
