using System.Text.Json;
using Vault.Shared.Identity;
using Xunit;

namespace Vault.Infra.Tests;

/// <summary>The Entra ID app registration (infra/entra/app-registration.json) and the script that applies it.</summary>
public sealed class AppRegistrationTests
{
    private static readonly JsonElement Manifest = RepoFiles.Json("infra/entra/app-registration.json");

    private static IReadOnlyList<JsonElement> Roles => Manifest.GetProperty("appRoles").EnumerateArray().ToList();

    [Fact]
    public void App_registration_declares_the_eight_app_roles()
    {
        Assert.Equal(VaultRoles.All.Order(StringComparer.Ordinal), Roles.Select(r => r.GetProperty("value").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(8, Roles.Count);
        Assert.Equal(Roles.Count, Roles.Select(r => Guid.Parse(r.GetProperty("id").GetString()!)).Distinct().Count());
        foreach (var role in Roles)
        {
            Assert.True(role.GetProperty("isEnabled").GetBoolean());
            Assert.Equal(["User"], role.GetProperty("allowedMemberTypes").EnumerateArray().Select(t => t.GetString()!));
        }
    }

    [Fact]
    public void App_roles_carry_the_vaults_Dutch_names_and_Dutch_descriptions()
    {
        string[] dutchWords = ["de", "het", "een", "van", "en", "op"];
        foreach (var role in Roles)
        {
            var value = role.GetProperty("value").GetString()!;
            Assert.Equal(VaultRoles.DutchName(value), role.GetProperty("displayName").GetString());
            var description = role.GetProperty("description").GetString()!;
            Assert.InRange(description.Length, 20, 250);
            var words = description.ToLowerInvariant().Split([' ', ',', '.', ':', ';'], StringSplitOptions.RemoveEmptyEntries);
            Assert.True(words.Count(dutchWords.Contains) >= 2, $"The description of {value} should be Dutch: '{description}'.");
        }
    }

    [Fact]
    public void App_registration_is_multi_tenant_for_the_schools_tenants()
    {
        Assert.Equal("AzureADMultipleOrgs", Manifest.GetProperty("signInAudience").GetString());
        Assert.Equal("organizations", ArmTemplate.Main.AppSettings("api").Single(s => s.Name == "AzureAd__TenantId").Value);
    }

    [Fact]
    public void App_registration_signs_in_with_ID_tokens_on_https_signin_oidc()
    {
        var web = Manifest.GetProperty("web");
        var redirects = web.GetProperty("redirectUris").EnumerateArray().Select(u => u.GetString()!).ToList();
        Assert.All(redirects, u => Assert.StartsWith("https://", u, StringComparison.Ordinal));
        var callbackPath = RepoFiles.Json("src/Vault.Api/appsettings.json").GetProperty("AzureAd").GetProperty("CallbackPath").GetString()!;
        Assert.Contains(redirects, u => u.EndsWith(callbackPath, StringComparison.Ordinal));
        Assert.Equal("/signin-oidc", callbackPath);

        var implicitGrant = web.GetProperty("implicitGrantSettings");
        Assert.True(implicitGrant.GetProperty("enableIdTokenIssuance").GetBoolean());
        Assert.False(implicitGrant.GetProperty("enableAccessTokenIssuance").GetBoolean(), "Access tokens never travel through the browser's URL.");
        Assert.False(Manifest.TryGetProperty("passwordCredentials", out _));
        Assert.False(Manifest.GetProperty("isFallbackPublicClient").GetBoolean());
    }

    [Fact]
    public void App_registration_exposes_an_API_scope_with_v2_tokens()
    {
        Assert.Equal(["api://__CLIENT_ID__"], Manifest.GetProperty("identifierUris").EnumerateArray().Select(u => u.GetString()!));
        var api = Manifest.GetProperty("api");
        Assert.Equal(2, api.GetProperty("requestedAccessTokenVersion").GetInt32());
        var scope = Assert.Single(api.GetProperty("oauth2PermissionScopes").EnumerateArray());
        Assert.True(scope.GetProperty("isEnabled").GetBoolean());
        Assert.Equal("User", scope.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(scope.GetProperty("value").GetString()));
        Assert.True(Guid.TryParse(scope.GetProperty("id").GetString(), out _));
    }

    [Fact]
    public void Registration_script_is_idempotent_fails_fast_and_adds_no_client_secret()
    {
        var script = RepoFiles.Text("infra/entra/register-app.sh");
        Assert.Contains("set -euo pipefail", script, StringComparison.Ordinal);
        Assert.Contains("az ad app list --filter", script, StringComparison.Ordinal);
        Assert.Contains("app-registration.json", script, StringComparison.Ordinal);
        Assert.Contains("\"appRoleAssignmentRequired\": true", script, StringComparison.Ordinal);
        Assert.Contains("adminconsent", script, StringComparison.Ordinal);
        Assert.DoesNotContain("credential reset", script, StringComparison.Ordinal);
        Assert.DoesNotContain("addPassword", script, StringComparison.Ordinal);
    }
}
