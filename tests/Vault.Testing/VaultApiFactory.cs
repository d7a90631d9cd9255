using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Vault.Api.Data;
using Vault.Api.Hosting;
using Vault.Api.People;
using Vault.Shared.Identity;
using Xunit;

namespace Vault.Testing;

/// <summary>
/// The vault on Kestrel at 127.0.0.1 with its own SQLite file, the shared Azurite and a fake clock; test
/// users sign in with tokens signed by the test key through the real JwtBearer pipeline.
/// Use one per test class (<c>IClassFixture&lt;VaultApiFactory&gt;</c>) for a fresh database.
/// </summary>
public class VaultApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = CreateJson();
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "mediavault-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> settings = new(StringComparer.Ordinal);

    public VaultApiFactory()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public Azurite Azurite { get; private set; } = null!;

    /// <summary>The vault's clock; starts on Monday 23 November 2026, 10:00 in Amsterdam.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public string DataDirectory => dataDirectory;

    /// <summary>This vault's SQLite database (the vault's default place in its data directory).</summary>
    public string DatabaseFile => Path.Combine(DataDirectory, "vault.db");

    /// <summary>This vault's master key file.</summary>
    public string KeyFile => Path.Combine(DataDirectory, "master.key");

    /// <summary>
    /// What a <see cref="ChildVault"/> needs to be this same deployment as a separate process: this vault's database
    /// (already migrated) and master key file, and no second rendition worker. Containers and queues come on top.
    /// </summary>
    public Dictionary<string, string?> SameDeploymentSettings() => new(StringComparer.Ordinal)
    {
        ["Vault:Database:ConnectionString"] = $"Data Source={DatabaseFile}",
        ["Vault:Database:MigrateOnStart"] = "false",
        ["Vault:Keys:KeyFile"] = KeyFile,
        ["Vault:Recordings:RunRenditionWorker"] = "false",
    };

    public static JsonSerializerOptions JsonOptions => Json;

    /// <summary>The institute administrator created with the database, for arranging data through the API.</summary>
    public TestUser Admin { get; private set; } = null!;

    /// <summary>Overrides a configuration value before the host starts.</summary>
    public VaultApiFactory With(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    public virtual async ValueTask InitializeAsync()
    {
        Azurite = await Azurite.SharedAsync();
        Directory.CreateDirectory(dataDirectory);
        StartServer();
        Admin = await CreateUserDirectAsync("Beheerder Test", [VaultRoles.InstituteAdministrator]);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.IdentityModel", "None");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Authentication", "None");
        builder.UseSetting("Vault:DataDirectory", dataDirectory);
        builder.UseSetting("Vault:Database:MigrateOnStart", "true");
        builder.UseSetting("Vault:Storage:ConnectionString", Azurite.ConnectionString);
        builder.UseSetting("Vault:Storage:RecordingsContainer", "rec" + Guid.NewGuid().ToString("N")[..20]);
        builder.UseSetting("Vault:Audit:CheckpointContainer", "audit" + Guid.NewGuid().ToString("N")[..20]);
        builder.UseSetting("AzureAd:Instance", "https://login.mediavault.test/");
        builder.UseSetting("AzureAd:TenantId", "organizations");
        builder.UseSetting("AzureAd:ClientId", TestTokens.ClientId);
        builder.UseSetting("AzureAd:Audience", TestTokens.Audience);
        builder.UseSetting("Vault:Identity:AllowedTenants:0", TestTokens.Tenant);
        builder.UseSetting("Vault:Identity:AllowedTenants:1", TestTokens.SchoolTenant);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
            {
                // Stand-in for Entra ID's metadata: the test issuers and the test signing key. Everything else
                // (signature, audience, lifetime, tenant allow-list) is the vault's own validation.
                var configuration = new OpenIdConnectConfiguration { Issuer = TestTokens.Issuer(TestTokens.Tenant) };
                configuration.SigningKeys.Add(TestTokens.SigningKey);
                options.Authority = null;
                options.MetadataAddress = null!;
                options.Configuration = configuration;
                options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
                options.TokenValidationParameters.IssuerValidator = null;
                options.TokenValidationParameters.ValidIssuers =
                    [TestTokens.Issuer(TestTokens.Tenant), TestTokens.Issuer(TestTokens.SchoolTenant), TestTokens.Issuer(TestTokens.ForeignTenant)];
                options.TokenValidationParameters.ValidAudiences = [TestTokens.Audience, TestTokens.ClientId];
                options.TokenValidationParameters.IssuerSigningKeys = [TestTokens.SigningKey];
            });
            services.PostConfigure<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions>(
                Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectDefaults.AuthenticationScheme, options =>
            {
                // Stand-in for Entra ID's discovery document: page sign-in challenges redirect to it.
                var configuration = new OpenIdConnectConfiguration
                {
                    Issuer = TestTokens.Issuer(TestTokens.Tenant),
                    AuthorizationEndpoint = "https://login.mediavault.test/organizations/oauth2/v2.0/authorize",
                    TokenEndpoint = "https://login.mediavault.test/organizations/oauth2/v2.0/token",
                };
                options.Configuration = configuration;
                options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
            });
        });
    }

    /// <summary>A person created straight in the database (for bootstrapping the first administrator).</summary>
    public async Task<TestUser> CreateUserDirectAsync(string name, IReadOnlyList<string> roles, Guid? schoolLocationId = null, Guid? opleidingsschoolId = null, string tenant = TestTokens.Tenant)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
        var person = new Person
        {
            Id = Guid.NewGuid(),
            DisplayName = name,
            Email = $"{Guid.NewGuid():N}@test.invalid",
            EntraObjectId = Guid.NewGuid().ToString(),
            EntraTenantId = tenant,
            CreatedAt = Time.GetUtcNow(),
            Roles = [.. roles.Select(r => new RoleAssignment { Id = Guid.NewGuid(), Role = r, SchoolLocationId = schoolLocationId, OpleidingsschoolId = opleidingsschoolId })],
        };
        db.People.Add(person);
        await db.SaveChangesAsync();
        return new TestUser(person.Id, person.DisplayName, person.EntraObjectId, tenant, roles);
    }

    /// <summary>An HTTP client signed in as <paramref name="user"/> with a fresh bearer token.</summary>
    public HttpClient SignInAs(TestUser user)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(user.ObjectId, user.Tenant, user.Name, user.Roles));
        return client;
    }

    /// <summary>The Kestrel address the vault listens on.</summary>
    public Uri ServerAddress => serverAddress ??= CreateClient().BaseAddress!;

    private Uri? serverAddress;

    /// <summary>A plain client to the Kestrel address, without cookie handling or automatic redirects.</summary>
    public HttpClient CreateRawClient(bool allowAutoRedirect = false) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = allowAutoRedirect, UseCookies = false }) { BaseAddress = ServerAddress };

    /// <summary>An HTTP client with a raw Authorization header value (for token tests).</summary>
    public HttpClient WithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Runs <paramref name="work"/> against the vault's database in its own scope.</summary>
    public async Task<T> WithDbAsync<T>(Func<VaultDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<VaultDbContext>());
    }

    public async Task WithScopeAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        json.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        return json;
    }
}

/// <summary>A signed-in identity for tests: the vault's person id and the token claims that go with it.</summary>
public sealed record TestUser(Guid Id, string Name, string ObjectId, string Tenant, IReadOnlyList<string> Roles);
