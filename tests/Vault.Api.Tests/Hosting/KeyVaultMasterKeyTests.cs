using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Vault.Api.Storage;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Hosting;

/// <summary>
/// Production takes the master key from a Key Vault secret. Key Vault cannot run here, so its secrets REST
/// endpoint is faked at the HTTP level (the SDK's real client, challenge authentication and parsing run
/// unchanged): the vault starts with the key from the secret and refuses to start when it is missing or malformed.
/// </summary>
public sealed class KeyVaultMasterKeyTests
{
    private const string SecretName = "mediavault-master-key";

    [Fact]
    public async Task The_vault_takes_its_master_key_from_the_Key_Vault_secret()
    {
        var key = RandomNumberGenerator.GetBytes(MasterKey.Length);
        var keyVault = new FakeKeyVault { [SecretName] = Convert.ToBase64String(key) };
        await using var vault = new KeyVaultVault(keyVault);

        await vault.InitializeAsync();
        var master = await vault.WithDbAsync(db => vault.Services.GetRequiredService<KeyRing>().OpenAsync(db, TestContext.Current.CancellationToken));

        Assert.Equal(new MasterKey(key).Id, master.Id);
        Assert.Contains(keyVault.Requests, r => r.Path.StartsWith($"/secrets/{SecretName}", StringComparison.Ordinal) && r.Query.Contains("api-version=", StringComparison.Ordinal) && r.Authorization == "Bearer fake-token");
        Assert.Contains("https://vault.azure.net/.default", keyVault.Scopes);
    }

    [Fact]
    public async Task The_vault_refuses_to_start_when_the_secret_is_missing()
    {
        await using var vault = new KeyVaultVault(new FakeKeyVault());

        var refusal = Flatten(await Assert.ThrowsAnyAsync<Exception>(async () => await vault.InitializeAsync()));

        Assert.Contains($"The master key secret '{SecretName}' could not be read", refusal, StringComparison.Ordinal);
        Assert.Contains("404 SecretNotFound", refusal, StringComparison.Ordinal);
        Assert.Contains("refuses to start", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("this is not base64")]
    [InlineData("AAECAwQFBgcICQoLDA0ODw==")] // 16 bytes: base64, but not a 256-bit key
    public async Task The_vault_refuses_to_start_when_the_secret_is_not_a_256_bit_key(string value)
    {
        await using var vault = new KeyVaultVault(new FakeKeyVault { [SecretName] = value });

        var refusal = Flatten(await Assert.ThrowsAnyAsync<Exception>(async () => await vault.InitializeAsync()));

        Assert.Contains($"The master key secret '{SecretName}' does not hold a base64 key of 32 bytes", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(value, refusal, StringComparison.Ordinal);
    }

    private static string Flatten(Exception ex) => ex.InnerException is null ? ex.Message : ex.Message + " | " + Flatten(ex.InnerException);

    /// <summary>The test vault with <c>Vault:Keys:KeyVaultUri</c> set and the SDK's secret client talking to the fake.</summary>
    private sealed class KeyVaultVault : VaultApiFactory
    {
        private readonly FakeKeyVault keyVault;

        public KeyVaultVault(FakeKeyVault keyVault)
        {
            this.keyVault = keyVault;
            With("Vault:Keys:KeyVaultUri", FakeKeyVault.Uri.ToString());
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton(new SecretClient(FakeKeyVault.Uri, keyVault.Credential, new SecretClientOptions
            {
                Transport = new HttpClientTransport(new HttpClient(keyVault)),
                Retry = { MaxRetries = 0 },
            })));
        }
    }

    /// <summary>
    /// Key Vault's secrets endpoint as the SDK sees it: an unauthenticated request gets the bearer challenge, an
    /// authenticated <c>GET /secrets/{name}/</c> gets the secret bundle or Key Vault's 404. Also the token source.
    /// </summary>
    private sealed class FakeKeyVault : HttpMessageHandler
    {
        public static readonly Uri Uri = new("https://mediavault-test.vault.azure.net/");
        private readonly Dictionary<string, string> secrets = new(StringComparer.Ordinal);

        public ConcurrentBag<(string Path, string Query, string? Authorization)> Requests { get; } = [];

        public ConcurrentBag<string> Scopes { get; } = [];

        public string this[string name]
        {
            set => secrets[name] = value;
        }

        /// <summary>Managed identity's stand-in: any scope, one fixed token (which the fake then expects).</summary>
        public TokenCredential Credential => new TokenSource(this);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var authorization = request.Headers.Authorization?.ToString();
            Requests.Add((request.RequestUri!.AbsolutePath, request.RequestUri.Query, authorization));
            if (authorization is null)
            {
                var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent(string.Empty) };
                challenge.Headers.TryAddWithoutValidation("WWW-Authenticate", "Bearer authorization=\"https://login.microsoftonline.com/" + TestTokens.Tenant + "\", resource=\"https://vault.azure.net\"");
                return Task.FromResult(challenge);
            }

            var name = request.RequestUri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["secrets", var n, ..] ? n : string.Empty;
            if (request.Method != HttpMethod.Get || !secrets.TryGetValue(name, out var value))
            {
                return Task.FromResult(Json(HttpStatusCode.NotFound, new { error = new { code = "SecretNotFound", message = $"A secret with (name/id) {name} was not found in this key vault." } }));
            }

            return Task.FromResult(Json(HttpStatusCode.OK, new
            {
                value,
                id = $"{Uri}secrets/{name}/{Guid.NewGuid():N}",
                attributes = new { enabled = true, created = 1_795_000_000, updated = 1_795_000_000, recoveryLevel = "Recoverable+Purgeable" },
            }));
        }

        private static HttpResponseMessage Json(HttpStatusCode status, object body) =>
            new(status) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };

        private sealed class TokenSource(FakeKeyVault vault) : TokenCredential
        {
            public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
            {
                foreach (var scope in requestContext.Scopes)
                {
                    vault.Scopes.Add(scope);
                }

                return new AccessToken("fake-token", new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
            }

            public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
                ValueTask.FromResult(GetToken(requestContext, cancellationToken));
        }
    }
}
