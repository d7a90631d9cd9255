using Xunit;

namespace Vault.Infra.Tests;

/// <summary>How the apps run: production configuration, private networking, telemetry, ingress.</summary>
public sealed class PlatformTests
{
    private static readonly ArmTemplate Template = ArmTemplate.Main;

    [Theory]
    [InlineData("api")]
    [InlineData("worker")]
    public void Apps_run_in_Production_with_SqlServer_reached_through_their_managed_identity(string role)
    {
        var settings = Template.AppSettings(role).ToDictionary(s => s.Name, s => s.Value);
        Assert.Equal("Production", settings["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("SqlServer", settings["Vault__Database__Provider"]);
        Assert.Equal("false", settings["Vault__Database__MigrateOnStart"]);
        Assert.Equal("false", settings["Vault__DevelopmentSignIn__Enabled"]);
        Assert.Equal("false", settings["Vault__SeedDemoData"]);

        var connection = settings["Vault__Database__ConnectionString"];
        Assert.Contains("Authentication=Active Directory Default", connection, StringComparison.Ordinal);
        Assert.Contains("Encrypt=True", connection, StringComparison.Ordinal);
        Assert.Contains("TrustServerCertificate=False", connection, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", connection, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("User ID", connection, StringComparison.OrdinalIgnoreCase);

        Assert.Equal("[variables('blobServiceUri')]", settings["Vault__Storage__BlobServiceUri"]);
        Assert.Equal("[variables('queueServiceUri')]", settings["Vault__Storage__QueueServiceUri"]);
        Assert.False(settings.ContainsKey("Vault__Storage__ConnectionString"), "Production storage is reached with managed identity, not a connection string.");
        Assert.Equal("[variables('keyVaultUri')]", settings["Vault__Keys__KeyVaultUri"]);
        Assert.Equal("data-protection", settings["Vault__Storage__DataProtectionContainer"]);

        // Behind the Container Apps ingress TLS ends at the proxy; the OIDC redirect and Secure cookies need the original scheme.
        Assert.Equal("true", settings["ASPNETCORE_FORWARDEDHEADERS_ENABLED"]);
    }

    [Fact]
    public void Sign_in_is_multi_tenant_and_limited_to_the_allowed_tenants()
    {
        var settings = Template.AppSettings("api").ToDictionary(s => s.Name, s => s.Value);
        Assert.Equal("organizations", settings["AzureAd__TenantId"]);
        Assert.Equal("[parameters('entraClientId')]", settings["AzureAd__ClientId"]);
        Assert.Equal("/signin-oidc", settings["AzureAd__CallbackPath"]);
        Assert.Contains("parameters('allowedTenantIds')[copyIndex('tenantEnv')]", settings["Vault__Identity__AllowedTenants__{0}"], StringComparison.Ordinal);
        Assert.True(Template.Parameter("allowedTenantIds").GetProperty("minLength").GetInt32() >= 1, "The host refuses to start without an allow-list.");

        foreach (var role in new[] { "api", "worker" })
        {
            var env = ArmTemplate.Properties(Template.App(role)).GetProperty("template").GetProperty("containers")[0].GetProperty("env").GetString()!;
            Assert.Contains("variables('sharedEnv')", env, StringComparison.Ordinal);
            Assert.Contains("variables('tenantEnv')", env, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Api_and_worker_run_the_same_image_and_the_worker_is_selected_by_arguments()
    {
        var api = ArmTemplate.Properties(Template.App("api")).GetProperty("template").GetProperty("containers")[0];
        var worker = ArmTemplate.Properties(Template.App("worker")).GetProperty("template").GetProperty("containers")[0];
        Assert.Equal(api.GetProperty("image").GetString(), worker.GetProperty("image").GetString());
        Assert.False(api.TryGetProperty("args", out _));
        Assert.Equal("[variables('workerArgs')]", worker.GetProperty("args").GetString());
        Assert.Contains(Template.Variable("workerArgs").EnumerateArray(), a => a.GetString() == "--Vault:Recordings:RunRenditionWorker=true");
        Assert.False(ArmTemplate.Properties(Template.App("worker")).GetProperty("configuration").TryGetProperty("ingress", out _), "Workers take no HTTP traffic.");
    }

    [Fact]
    public void Api_ingress_is_HTTPS_only_on_the_port_the_image_listens_on()
    {
        var ingress = ArmTemplate.Properties(Template.App("api")).GetProperty("configuration").GetProperty("ingress");
        Assert.False(ingress.GetProperty("allowInsecure").GetBoolean());
        var port = ingress.GetProperty("targetPort").GetInt32();
        Assert.Contains($"ASPNETCORE_URLS=http://+:{port}", RepoFiles.Text("Dockerfile"), StringComparison.Ordinal);
        Assert.True(Template.Parameter("apiMinReplicas").GetProperty("defaultValue").GetInt32() >= 2, "The API runs on at least two instances.");
    }

    [Fact]
    public void Storage_SQL_and_Key_Vault_are_reached_through_private_endpoints()
    {
        var endpoints = Assert.Single(Template.Resources("Microsoft.Network/privateEndpoints"));
        var text = endpoints.GetRawText();
        foreach (var group in new[] { "'blob'", "'queue'", "'sqlServer'", "'vault'" })
        {
            Assert.Contains(group, text, StringComparison.Ordinal);
        }

        Assert.Equal("4", endpoints.GetProperty("copy").GetProperty("count").ToString());
        Assert.Single(Template.Resources("Microsoft.Network/privateEndpoints/privateDnsZoneGroups"));
        var zones = Template.Variable("privateDnsZones");
        Assert.Equal("privatelink.vaultcore.azure.net", zones.GetProperty("vault").GetString());
        foreach (var zone in new[] { "blob", "queue", "sql" })
        {
            Assert.Contains("privatelink", zones.GetProperty(zone).GetString()!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Container_apps_environment_is_integrated_in_the_virtual_network()
    {
        var environment = ArmTemplate.Properties(Template.Resource("Microsoft.App/managedEnvironments"));
        Assert.Equal("[variables('appsSubnetId')]", environment.GetProperty("vnetConfiguration").GetProperty("infrastructureSubnetId").GetString());
        Assert.True(environment.GetProperty("peerTrafficConfiguration").GetProperty("encryption").GetProperty("enabled").GetBoolean());
        var vnet = ArmTemplate.Properties(Template.Resource("Microsoft.Network/virtualNetworks"));
        var apps = Assert.Single(vnet.GetProperty("subnets").EnumerateArray(), s => s.GetProperty("name").GetString() == "apps");
        Assert.Equal("Microsoft.App/environments", apps.GetProperty("properties").GetProperty("delegations")[0].GetProperty("properties").GetProperty("serviceName").GetString());
    }

    [Fact]
    public void Apps_export_telemetry_to_Application_Insights_through_OpenTelemetry()
    {
        // The environment's OpenTelemetry agent injects OTEL_EXPORTER_OTLP_ENDPOINT; the host exports OTLP when it is set.
        var environment = ArmTemplate.Properties(Template.Resource("Microsoft.App/managedEnvironments"));
        Assert.Contains("ConnectionString", environment.GetProperty("appInsightsConfiguration").GetProperty("connectionString").GetString()!, StringComparison.Ordinal);
        var otel = environment.GetProperty("openTelemetryConfiguration");
        Assert.Contains("appInsights", otel.GetProperty("tracesConfiguration").GetProperty("destinations").EnumerateArray().Select(d => d.GetString()));
        Assert.Contains("appInsights", otel.GetProperty("logsConfiguration").GetProperty("destinations").EnumerateArray().Select(d => d.GetString()));
        var insights = ArmTemplate.Properties(Template.Resource("Microsoft.Insights/components"));
        Assert.Equal("LogAnalytics", insights.GetProperty("IngestionMode").GetString());
        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT", RepoFiles.Text("src/Vault.Api/Hosting/VaultHost.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Example_parameters_supply_every_parameter_without_a_default_and_no_secret()
    {
        var example = RepoFiles.Json("infra/azuredeploy.parameters.example.json").GetProperty("parameters");
        foreach (var parameter in Template.Root.GetProperty("parameters").EnumerateObject())
        {
            if (!parameter.Value.TryGetProperty("defaultValue", out _))
            {
                Assert.True(example.TryGetProperty(parameter.Name, out _), $"The example parameters file lacks {parameter.Name}.");
            }

            Assert.NotEqual("securestring", parameter.Value.GetProperty("type").GetString());
        }

        foreach (var supplied in example.EnumerateObject())
        {
            Assert.True(Template.Root.GetProperty("parameters").TryGetProperty(supplied.Name, out _), $"The example sets an unknown parameter {supplied.Name}.");
        }
    }
}
