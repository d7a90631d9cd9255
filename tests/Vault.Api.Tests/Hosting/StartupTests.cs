using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Vault.Testing;
using Xunit;

namespace Vault.Api.Tests.Hosting;

/// <summary>Fail closed at start-up: misconfiguration stops the vault instead of half-working.</summary>
public sealed class StartupTests
{
    private sealed class Host(string environment, Dictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("Vault:DataDirectory", Path.Combine(Path.GetTempPath(), "mediavault-startup", Guid.NewGuid().ToString("N")));
            builder.UseSetting("Vault:Storage:ConnectionString", "UseDevelopmentStorage=true");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }

    private static Exception StartFails(string environment, Dictionary<string, string?> settings)
    {
        using var host = new Host(environment, settings);
        return Assert.ThrowsAny<Exception>(() => host.Server);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Testing")]
    public void The_vault_refuses_to_start_with_the_development_sign_in_outside_Development(string environment)
    {
        var error = StartFails(environment, new() { ["Vault:DevelopmentSignIn:Enabled"] = "true" });
        Assert.Contains("refuses to start", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("DevelopmentSignIn", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_vault_refuses_to_start_without_an_identity_provider()
    {
        var error = StartFails("Production", []);
        Assert.Contains("No identity provider is configured", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_vault_refuses_to_start_multi_tenant_without_an_allow_list()
    {
        var error = StartFails("Production", new() { ["AzureAd:ClientId"] = TestTokens.ClientId, ["AzureAd:TenantId"] = "organizations" });
        Assert.Contains("AllowedTenants", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_vault_refuses_to_seed_demo_data_outside_Development()
    {
        var error = StartFails("Production", new()
        {
            ["AzureAd:ClientId"] = TestTokens.ClientId,
            ["AzureAd:TenantId"] = TestTokens.Tenant,
            ["Vault:SeedDemoData"] = "true",
            ["Vault:Database:MigrateOnStart"] = "true",
        });
        Assert.Contains("SeedDemoData", error.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>The development persona picker: present in Development, absent (404) everywhere else.</summary>
public sealed class DevelopmentSignInTests
{
    [Fact]
    public async Task In_Development_a_persona_signs_in_and_sees_their_placements()
    {
        await using var vault = new DevelopmentVaultFactory();
        await vault.InitializeAsync();
        using var client = vault.CreateClient();

        var picker = await client.GetStringAsync("/dev/aanmelden", TestContext.Current.CancellationToken);
        var signIn = await DevelopmentVaultFactory.SignInWithPickerAsync(client, "sanne", TestContext.Current.CancellationToken);
        var home = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("Sanne de Vries", picker, StringComparison.Ordinal);
        Assert.True(signIn.IsSuccessStatusCode, $"sign-in answered {signIn.StatusCode}");
        Assert.Contains("Welkom, Sanne de Vries", home, StringComparison.Ordinal);
        Assert.Contains("Maaslandcollege", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_Development_the_persona_picker_does_not_exist()
    {
        await using var vault = new VaultApiFactory();
        await vault.InitializeAsync();
        using var client = vault.CreateRawClient();

        var response = await client.GetAsync("/dev/aanmelden", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
