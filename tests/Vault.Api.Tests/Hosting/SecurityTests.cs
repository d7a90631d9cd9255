using System.Net;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Hosting;

/// <summary>Rate limits on sign-in and upload starts; headers and cookie flags on every page.</summary>
public sealed class SecurityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class DevelopmentVault : DevelopmentVaultFactory
    {
        public DevelopmentVault()
        {
            With("Vault:RateLimits:SignInPerMinute", "3");
        }
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string persona) =>
        DevelopmentVaultFactory.SignInWithPickerAsync(client, persona, Ct);

    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429_with_Retry_After()
    {
        await using var vault = new DevelopmentVault();
        await vault.InitializeAsync();
        using var client = vault.CreateClient();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await SignInAsync(client, "sanne")).StatusCode);
        }

        var last = await SignInAsync(client, "sanne");
        Assert.DoesNotContain(HttpStatusCode.InternalServerError, answers);
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.NotNull(last.Headers.RetryAfter);
        Assert.Contains("problems/too-many-requests", await last.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_more_uploads_than_the_hourly_limit_gets_429()
    {
        await using var vault = new VaultApiFactory().With("Vault:RateLimits:UploadStartsPerHour", "2");
        await vault.InitializeAsync();
        var world = await vault.CreatePlacementAsync();
        using var client = vault.SignInAs(world.Student);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var body = new StringContent($$"""{"ticketId":"{{Guid.NewGuid()}}","fileName":"les.mp4","size":1000}""", System.Text.Encoding.UTF8, "application/json");
            answers.Add((await client.PostAsync("/api/recordings/uploads", body, Ct)).StatusCode);
        }

        Assert.NotEqual(HttpStatusCode.TooManyRequests, answers[0]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, answers[1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[2]);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/akkoord")]
    [InlineData("/dev/aanmelden")]
    public async Task Every_page_carries_CSP_and_security_headers_and_cookies_are_http_only(string path)
    {
        await using var vault = new DevelopmentVault();
        await vault.InitializeAsync();
        using var client = vault.CreateRawClient();
        var picker = await client.GetAsync("/dev/aanmelden", Ct);
        var cookies = picker.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];

        using var browser = vault.CreateClient();
        await SignInAsync(browser, "sanne");
        var page = await browser.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.DoesNotContain("<script>", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.All(cookies, c => Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(cookies, c => Assert.Contains("samesite", c, StringComparison.OrdinalIgnoreCase));
    }
}
