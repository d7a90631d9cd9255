using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Hosting;

/// <summary>
/// Issue 11: CSP and the security headers on every page, not a sample. The pages are found from the vault's own
/// endpoints (every Razor page route), and each is asked for by each user group's persona: whatever the answer (the
/// page, a refusal, a redirect, a 404 for an unknown id), it carries the headers, no page a persona can open has inline
/// script, and every cookie set on the way is HttpOnly and SameSite.
/// </summary>
public sealed partial class EveryPageSecurityTests
{
    private static readonly string[] Personas = ["sanne", "fatima", "karin", "joris", "admin"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_page_route_answers_every_user_group_with_CSP_and_security_headers_and_no_inline_script()
    {
        await using var vault = new DevelopmentVaultFactory();
        await vault.InitializeAsync();
        var routes = vault.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => Path(e.RoutePattern))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        var answers = new List<string>();
        var rendered = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var persona in Personas)
        {
            using var client = vault.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = vault.ServerAddress });
            var signIn = await DevelopmentVaultFactory.SignInWithPickerAsync(client, persona, Ct);
            Assert.True((int)signIn.StatusCode < 400, $"{persona} signs in: {signIn.StatusCode}");
            Check($"{persona} sign-in", signIn, "", problems);
            foreach (var route in routes)
            {
                using var page = await client.GetAsync(route, Ct);
                var body = await page.Content.ReadAsStringAsync(Ct);
                answers.Add($"{persona} {route} {(int)page.StatusCode}");
                Check($"{persona} {route} ({(int)page.StatusCode})", page, body, problems);
                if (page.StatusCode == HttpStatusCode.OK)
                {
                    rendered.Add(route);
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', answers));
        Assert.True(routes.Count >= 20, $"the page routes were found ({routes.Count})");
        Assert.Empty(problems);
        Assert.All(routes.Where(r => !r.Contains("00000000", StringComparison.Ordinal)), r => Assert.Contains(r, rendered));
    }

    private static void Check(string what, HttpResponseMessage response, string body, List<string> problems)
    {
        Assert.True((int)response.StatusCode < 500, $"{what}: {body}");
        var csp = response.Headers.TryGetValues("Content-Security-Policy", out var values) ? values.Single() : "";
        if (!csp.Contains("default-src 'self'", StringComparison.Ordinal) || !csp.Contains("script-src 'self'", StringComparison.Ordinal)
            || !csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal) || csp.Contains("unsafe-inline", StringComparison.Ordinal))
        {
            problems.Add($"{what}: CSP '{csp}'");
        }

        if (!response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) || sniff.Single() != "nosniff"
            || !response.Headers.TryGetValues("Referrer-Policy", out var referrer) || referrer.Single() != "no-referrer"
            || !response.Headers.TryGetValues("X-Frame-Options", out var frame) || frame.Single() != "DENY")
        {
            problems.Add($"{what}: security headers missing");
        }

        if (InlineScript().IsMatch(body))
        {
            problems.Add($"{what}: inline <script> without src");
        }

        foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [])
        {
            if (!cookie.Contains("httponly", StringComparison.OrdinalIgnoreCase) || !cookie.Contains("samesite", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{what}: cookie without HttpOnly/SameSite: {cookie.Split(';')[0].Split('=')[0]}");
            }
        }
    }

    /// <summary>The route with every parameter filled by an id that exists nowhere (the answer is then a 404 page).</summary>
    private static string Path(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern)
    {
        var path = "/" + pattern.RawText!.TrimStart('/');
        foreach (var parameter in pattern.Parameters)
        {
            path = Regex.Replace(path, "\\{" + Regex.Escape(parameter.Name) + "[^}]*\\}", parameter.IsOptional ? "" : Guid.Empty.ToString());
        }

        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
