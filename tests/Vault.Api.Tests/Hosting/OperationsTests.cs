using System.Net;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Hosting;

public sealed class OperationsTests(VaultApiFactory vault) : IClassFixture<VaultApiFactory>
{
    [Fact]
    public async Task Liveness_and_readiness_answer_without_sign_in_when_database_and_storage_are_reachable()
    {
        using var client = vault.CreateRawClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_api()
    {
        using var client = vault.CreateRawClient();
        var document = await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Contains("/api/placements", document, StringComparison.Ordinal);
        Assert.Contains("CreatePlacement", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Responses_carry_strict_security_headers()
    {
        using var client = vault.CreateRawClient();
        var response = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"studentId\": ", "malformed JSON")]
    [InlineData("{\"studentId\":\"00000000-0000-0000-0000-000000000000\",\"schoolLocationId\":\"00000000-0000-0000-0000-000000000000\",\"kind\":\"Werkplekleren\",\"startDate\":\"2026-09-01\",\"endDate\":\"2027-06-30\",\"coaches\":[],\"employer\":null,\"unexpected\":1}", "unknown field")]
    [InlineData("{\"kind\":\"Stage\"}", "unknown enum value")]
    public async Task Bad_json_gets_a_problem_details_400_and_changes_nothing(string body, string because)
    {
        using var admin = vault.SignInAs(vault.Admin);
        var before = await vault.WithDbAsync(db => Task.FromResult(db.Placements.Count()));

        var response = await admin.PostAsync("/api/placements", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, because);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await vault.WithDbAsync(db => Task.FromResult(db.Placements.Count())));
    }

    [Fact]
    public async Task Deeply_nested_json_is_refused_with_400()
    {
        using var admin = vault.SignInAs(vault.Admin);
        var body = new string('[', 200) + new string(']', 200);
        var response = await admin.PostAsync("/api/placements", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Problem_titles_are_Dutch_by_default_and_English_when_asked()
    {
        using var admin = vault.SignInAs(vault.Admin);
        var nl = await admin.GetAsync($"/api/people/{Guid.NewGuid()}", TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/people/{Guid.NewGuid()}");
        request.Headers.AcceptLanguage.ParseAdd("en-GB");
        var en = await admin.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, nl.StatusCode);
        Assert.Contains("Niet gevonden", await nl.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("Not found", await en.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("https://mediavault.hr.nl/problems/not-found", await en.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
