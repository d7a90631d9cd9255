using Xunit;

namespace Vault.Infra.Tests;

/// <summary>Who may do what: the apps' managed identities and their role assignments.</summary>
public sealed class AccessTests
{
    private static readonly ArmTemplate Template = ArmTemplate.Main;

    /// <summary>The built-in roles the vault may hand out, by their well-known ids.</summary>
    private static readonly Dictionary<string, string> AllowedRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ba92f5b4-2d11-453d-a403-e96b0029c9fe"] = "Storage Blob Data Contributor",
        ["c6a89b2d-59bc-44d0-9896-0f6e12d7b80a"] = "Storage Queue Data Message Sender",
        ["8a0f0c08-91a1-4084-bc3d-661d67233fed"] = "Storage Queue Data Message Processor",
        ["19e7f393-937e-4f77-808e-94535e297925"] = "Storage Queue Data Reader",
        ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User",
        ["7f951dda-4ed3-4680-a7ca-43fe172d538d"] = "AcrPull",
    };

    private static readonly Dictionary<string, string> ForbiddenRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635"] = "Owner",
        ["b24988ac-6180-42a0-ab88-20f7382dd24c"] = "Contributor",
        ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"] = "User Access Administrator",
        ["17d1049b-9a84-46fb-8f53-869881c3d3ab"] = "Storage Account Contributor",
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
        ["00482a5a-887f-4fb3-b363-3b7fe8e74483"] = "Key Vault Administrator",
        ["b86a8fe4-44ce-4948-aee5-eccb2c155cd7"] = "Key Vault Secrets Officer",
    };

    private static IReadOnlyList<System.Text.Json.JsonElement> Assignments => Template.Resources("Microsoft.Authorization/roleAssignments");

    [Fact]
    public void Api_and_worker_run_with_system_assigned_managed_identities()
    {
        foreach (var role in new[] { "api", "worker" })
        {
            var identity = Template.App(role).GetProperty("identity");
            Assert.Contains("SystemAssigned", identity.GetProperty("type").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Role_definition_ids_are_the_built_in_roles_their_names_say()
    {
        var expected = new Dictionary<string, string>
        {
            ["storageBlobDataContributor"] = "Storage Blob Data Contributor",
            ["storageQueueDataMessageSender"] = "Storage Queue Data Message Sender",
            ["storageQueueDataMessageProcessor"] = "Storage Queue Data Message Processor",
            ["storageQueueDataReader"] = "Storage Queue Data Reader",
            ["keyVaultSecretsUser"] = "Key Vault Secrets User",
            ["acrPull"] = "AcrPull",
        };
        foreach (var role in Template.Variable("roleIds").EnumerateObject())
        {
            Assert.True(expected.ContainsKey(role.Name), $"Unexpected role variable {role.Name}.");
            Assert.Equal(expected[role.Name], AllowedRoles[role.Value.GetString()!]);
        }
    }

    [Fact]
    public void Role_assignments_are_least_privilege()
    {
        Assert.NotEmpty(Assignments);
        foreach (var assignment in Assignments)
        {
            var role = Template.RoleGuid(assignment);
            Assert.False(ForbiddenRoles.ContainsKey(role), $"{ForbiddenRoles.GetValueOrDefault(role)} must never be assigned.");
            Assert.True(AllowedRoles.ContainsKey(role), $"Role {role} is not on the vault's list of narrow roles.");

            // Scoped to one container, the queue, the vault or the registry: never the resource group or subscription.
            var scope = ArmTemplate.Scope(assignment);
            Assert.True(
                scope.Contains("variables('containerScope')", StringComparison.Ordinal) || scope is "[variables('queueScope')]" or "[variables('keyVaultScope')]" or "[variables('registryScope')]",
                $"Role assignment {ArmTemplate.Name(assignment)} has too wide a scope: '{scope}'.");
            Assert.Equal("ServicePrincipal", ArmTemplate.Properties(assignment).GetProperty("principalType").GetString());
        }

        Assert.Contains("/blobServices/default/containers/", Template.Variable("containerScope").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public void Api_may_enqueue_but_not_process_media_jobs_and_the_worker_may_process_them()
    {
        var api = RolesOf("api");
        var worker = RolesOf("worker");
        Assert.Contains("Storage Queue Data Message Sender", api);
        Assert.DoesNotContain("Storage Queue Data Message Processor", api);
        Assert.Contains("Storage Queue Data Message Processor", worker);
        Assert.DoesNotContain("Storage Queue Data Message Sender", worker);
        Assert.Contains("Key Vault Secrets User", api);
        Assert.Contains("Key Vault Secrets User", worker);
        Assert.Contains("Storage Blob Data Contributor", api);
        Assert.Contains("Storage Blob Data Contributor", worker);
    }

    [Fact]
    public void Media_worker_has_no_access_to_audit_checkpoints_or_the_sign_in_key_ring()
    {
        var workerBlob = Assignments.Where(a => ArmTemplate.Principal(a) == "worker" && AllowedRoles[Template.RoleGuid(a)] == "Storage Blob Data Contributor").ToList();
        Assert.NotEmpty(workerBlob);
        Assert.All(workerBlob, a => Assert.DoesNotContain("audit-checkpoints", ArmTemplate.Scope(a), StringComparison.Ordinal));
        Assert.All(workerBlob, a => Assert.DoesNotContain("data-protection", ArmTemplate.Scope(a), StringComparison.Ordinal));
        var apiBlob = Assert.Single(Assignments, a => ArmTemplate.Principal(a) == "api" && AllowedRoles[Template.RoleGuid(a)] == "Storage Blob Data Contributor");
        Assert.Contains("audit-checkpoints", ArmTemplate.Scope(apiBlob), StringComparison.Ordinal);
        Assert.Contains("data-protection", ArmTemplate.Scope(apiBlob), StringComparison.Ordinal);
    }

    [Fact]
    public void Apps_pull_images_with_a_managed_identity_not_a_registry_password()
    {
        var registry = ArmTemplate.Properties(Template.Resource("Microsoft.ContainerRegistry/registries"));
        Assert.False(registry.GetProperty("adminUserEnabled").GetBoolean());
        Assert.False(registry.GetProperty("anonymousPullEnabled").GetBoolean());
        foreach (var role in new[] { "api", "worker" })
        {
            var registries = ArmTemplate.Properties(Template.App(role)).GetProperty("configuration").GetProperty("registries");
            var entry = Assert.Single(registries.EnumerateArray());
            Assert.Equal("[variables('pullIdentityId')]", entry.GetProperty("identity").GetString());
            Assert.False(entry.TryGetProperty("passwordSecretRef", out _));
        }

        var pull = Assert.Single(Assignments, a => ArmTemplate.Principal(a) == "pull");
        Assert.Equal("AcrPull", AllowedRoles[Template.RoleGuid(pull)]);
    }

    [Fact]
    public void Apps_carry_no_secrets_in_their_configuration()
    {
        foreach (var role in new[] { "api", "worker" })
        {
            Assert.False(ArmTemplate.Properties(Template.App(role)).GetProperty("configuration").TryGetProperty("secrets", out _));
        }

        foreach (var forbidden in new[] { "AccountKey=", "Password=", "listKeys(", "SharedAccessSignature", "listConnectionStrings(" })
        {
            Assert.DoesNotContain(forbidden, Template.Text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Worker_scales_on_the_media_jobs_queue_with_its_managed_identity()
    {
        var rules = ArmTemplate.Properties(Template.App("worker")).GetProperty("template").GetProperty("scale").GetProperty("rules");
        var queue = Assert.Single(rules.EnumerateArray()).GetProperty("azureQueue");
        Assert.Equal("media-jobs", queue.GetProperty("queueName").GetString());
        Assert.Equal("system", queue.GetProperty("identity").GetString());
        Assert.False(queue.TryGetProperty("auth", out _), "The scale rule must not use a connection string.");
        Assert.Contains("Storage Queue Data Reader", RolesOf("worker"));
    }

    private static List<string> RolesOf(string principal) =>
        Assignments.Where(a => ArmTemplate.Principal(a) == principal).Select(a => AllowedRoles[Template.RoleGuid(a)]).ToList();
}
