using Microsoft.AspNetCore.Antiforgery;
using Vault.Shared.Problems;

namespace Vault.Api.Identity;

/// <summary>
/// The pages call the API (upload, recorder) with the sign-in cookie. A cookie rides along on any cross-site request,
/// so an unsafe API call authenticated by the cookie must also carry the page's antiforgery token in
/// <see cref="HeaderName"/> (a header a cross-site form cannot set). Bearer-token calls are not affected.
/// </summary>
internal static class ApiCsrfProtection
{
    public const string HeaderName = "X-Vault-Antiforgery";

    public static readonly ProblemKind MissingToken = new("antiforgery", 400,
        "Dit verzoek mist het beveiligingstoken van de pagina; laad de pagina opnieuw", "This request lacks the page's security token; reload the page");

    public static IApplicationBuilder UseApiCsrfProtection(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var unsafeMethod = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method));
        var bearer = request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (unsafeMethod && !bearer && request.Path.StartsWithSegments("/api") && context.User.Identity?.IsAuthenticated == true)
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!request.Headers.ContainsKey(HeaderName) || !await antiforgery.IsRequestValidAsync(context))
            {
                await VaultProblems.Problem(MissingToken).ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    });
}
