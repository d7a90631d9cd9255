using System.Text.Json;
using Xunit;

namespace Vault.Infra.Tests;

/// <summary>Azure SQL (the per-recording keys live here) and Key Vault (the master key that wraps them).</summary>
public sealed class SqlAndKeyVaultTests
{
    private static readonly ArmTemplate Template = ArmTemplate.Main;

    private static JsonElement SqlServer => ArmTemplate.Properties(Template.Resource("Microsoft.Sql/servers"));

    private static JsonElement KeyVault => ArmTemplate.Properties(Template.Resource("Microsoft.KeyVault/vaults"));

    [Fact]
    public void Sql_server_allows_Entra_authentication_only()
    {
        var administrators = SqlServer.GetProperty("administrators");
        Assert.Equal("ActiveDirectory", administrators.GetProperty("administratorType").GetString());
        Assert.True(administrators.GetProperty("azureADOnlyAuthentication").GetBoolean());
        Assert.Equal("Group", administrators.GetProperty("principalType").GetString());
        Assert.False(SqlServer.TryGetProperty("administratorLogin", out _), "No SQL login may exist.");
        Assert.False(SqlServer.TryGetProperty("administratorLoginPassword", out _), "No SQL password may exist.");

        var entraOnly = Template.Resource("Microsoft.Sql/servers/azureADOnlyAuthentications");
        Assert.True(ArmTemplate.Properties(entraOnly).GetProperty("azureADOnlyAuthentication").GetBoolean());
    }

    [Fact]
    public void Sql_server_requires_TLS_1_2_and_refuses_public_network_access()
    {
        Assert.Equal("1.2", SqlServer.GetProperty("minimalTlsVersion").GetString());
        Assert.Equal("Disabled", SqlServer.GetProperty("publicNetworkAccess").GetString());
        Assert.Empty(Template.Resources("Microsoft.Sql/servers/firewallRules"));
    }

    [Fact]
    public void Sql_database_backups_do_not_outlive_the_destruction_window()
    {
        // A destroyed recording's key survives in database backups until they expire: at most 7 days, no long-term copies.
        var shortTerm = ArmTemplate.Properties(Template.Resource("Microsoft.Sql/servers/databases/backupShortTermRetentionPolicies"));
        Assert.InRange(Template.MaxInt(shortTerm.GetProperty("retentionDays")), 1, 7);

        var longTerm = ArmTemplate.Properties(Template.Resource("Microsoft.Sql/servers/databases/backupLongTermRetentionPolicies"));
        foreach (var retention in new[] { "weeklyRetention", "monthlyRetention", "yearlyRetention" })
        {
            Assert.Equal("PT0S", longTerm.GetProperty(retention).GetString());
        }
    }

    [Fact]
    public void Sql_database_is_encrypted_at_rest_and_audited()
    {
        var encryption = Template.Resource("Microsoft.Sql/servers/databases/transparentDataEncryption");
        Assert.Equal("Enabled", ArmTemplate.Properties(encryption).GetProperty("state").GetString());
        var auditing = ArmTemplate.Properties(Template.Resource("Microsoft.Sql/servers/auditingSettings"));
        Assert.Equal("Enabled", auditing.GetProperty("state").GetString());
        Assert.True(auditing.GetProperty("isAzureMonitorTargetEnabled").GetBoolean());
    }

    [Fact]
    public void Key_vault_uses_RBAC_and_purge_protection()
    {
        Assert.True(KeyVault.GetProperty("enableRbacAuthorization").GetBoolean());
        Assert.True(KeyVault.GetProperty("enablePurgeProtection").GetBoolean());
        Assert.True(KeyVault.GetProperty("enableSoftDelete").GetBoolean());
        Assert.InRange(KeyVault.GetProperty("softDeleteRetentionInDays").GetInt32(), 7, 90);
        Assert.False(KeyVault.TryGetProperty("accessPolicies", out _), "Access policies bypass RBAC; none may be declared.");
        Assert.False(KeyVault.GetProperty("enabledForTemplateDeployment").GetBoolean());
    }

    [Fact]
    public void Key_vault_refuses_public_network_access()
    {
        Assert.Equal("Disabled", KeyVault.GetProperty("publicNetworkAccess").GetString());
        Assert.Equal("Deny", KeyVault.GetProperty("networkAcls").GetProperty("defaultAction").GetString());
    }

    [Fact]
    public void Master_key_is_a_Key_Vault_secret_created_only_from_a_secure_parameter()
    {
        // The main template never (re)writes the master key: a redeployment must not replace it.
        Assert.Empty(Template.Resources("Microsoft.KeyVault/vaults/secrets"));

        var masterKey = ArmTemplate.MasterKey;
        var secret = masterKey.Resource("Microsoft.KeyVault/vaults/secrets");
        Assert.Equal("[parameters('masterKey')]", ArmTemplate.Properties(secret).GetProperty("value").GetString());
        var parameter = masterKey.Parameter("masterKey");
        Assert.Equal("securestring", parameter.GetProperty("type").GetString());
        Assert.False(parameter.TryGetProperty("defaultValue", out _));
        Assert.True(parameter.GetProperty("minLength").GetInt32() >= 44, "256 bits in base64 are 44 characters.");

        var deploy = RepoFiles.Text("infra/deploy.sh");
        Assert.Contains("openssl rand -base64 32 |", deploy, StringComparison.Ordinal);
        Assert.Contains("*NotFound*", deploy, StringComparison.Ordinal);
        Assert.Contains("never replaced", deploy, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_vault_and_sql_access_is_logged_to_Log_Analytics()
    {
        var settings = Template.Resources("Microsoft.Insights/diagnosticSettings");
        Assert.Contains(settings, s => ArmTemplate.Scope(s) == "[variables('keyVaultScope')]");
        Assert.Contains(settings, s => ArmTemplate.Scope(s).Contains("/databases/master", StringComparison.Ordinal));
    }
}
