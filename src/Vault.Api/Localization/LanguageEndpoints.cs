using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Vault.Api.Localization;

/// <summary>
/// The language switch in the layout: a form posts the chosen language here, the vault keeps it in ASP.NET Core's
/// culture cookie (read by request localization) and sends the browser back to the page it came from. Dutch is the
/// default; English is the only other choice. The form carries an antiforgery token, checked by the framework.
/// </summary>
internal static class LanguageEndpoints
{
    public static readonly CultureInfo Dutch = new("nl-NL");

    public static readonly CultureInfo English = new("en-GB");

    public static IEndpointConventionBuilder MapLanguageEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/taal", Choose)
            .AllowAnonymous()
            .ExcludeFromDescription()
            .WithName("ChooseLanguage");

    internal static Results<RedirectHttpResult, ValidationProblem> Choose([FromForm] string? language, [FromForm] string? returnUrl, HttpContext context)
    {
        CultureInfo? culture = language switch
        {
            "nl" => Dutch,
            "en" => English,
            _ => null,
        };
        if (culture is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["language"] = ["Kies nl of en. / Choose nl or en."],
            });
        }

        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365),
                HttpOnly = true,
                Secure = context.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                IsEssential = true,
                Path = "/",
            });
        return TypedResults.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }

    /// <summary>Only a path on this site: no scheme, no host, no protocol-relative or backslash tricks.</summary>
    internal static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Contains('\r') && !url.Contains('\n');
}
