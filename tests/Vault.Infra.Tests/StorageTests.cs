using System.Text.Json;
using Xunit;

namespace Vault.Infra.Tests;

/// <summary>The storage account holding recordings (encrypted client-side), uploads in progress, audit checkpoints and the media job queue.</summary>
public sealed class StorageTests
{
    private static readonly ArmTemplate Template = ArmTemplate.Main;

    private static JsonElement Account => ArmTemplate.Properties(Template.Resource("Microsoft.Storage/storageAccounts"));

    private static JsonElement BlobService => ArmTemplate.Properties(Template.Resource("Microsoft.Storage/storageAccounts/blobServices"));

    [Fact]
    public void Storage_account_refuses_shared_key_access()
    {
        // Managed identities only: no account key, no SAS signed with it, and the portal defaults to Entra too.
        Assert.False(Account.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.True(Account.GetProperty("defaultToOAuthAuthentication").GetBoolean());
        Assert.False(Account.GetProperty("isLocalUserEnabled").GetBoolean());
        Assert.False(Account.GetProperty("isSftpEnabled").GetBoolean());
    }

    [Fact]
    public void Storage_account_allows_no_public_blob_access_and_no_public_network()
    {
        Assert.False(Account.GetProperty("allowBlobPublicAccess").GetBoolean());
        Assert.Equal("Disabled", Account.GetProperty("publicNetworkAccess").GetString());
        Assert.Equal("Deny", Account.GetProperty("networkAcls").GetProperty("defaultAction").GetString());
        Assert.False(Account.GetProperty("allowCrossTenantReplication").GetBoolean());
        foreach (var container in Template.Resources("Microsoft.Storage/storageAccounts/blobServices/containers"))
        {
            Assert.Equal("None", ArmTemplate.Properties(container).GetProperty("publicAccess").GetString());
        }
    }

    [Fact]
    public void Storage_account_requires_TLS_1_2_and_HTTPS_only()
    {
        Assert.Equal("TLS1_2", Account.GetProperty("minimumTlsVersion").GetString());
        Assert.True(Account.GetProperty("supportsHttpsTrafficOnly").GetBoolean());
        Assert.True(Account.GetProperty("encryption").GetProperty("requireInfrastructureEncryption").GetBoolean());
    }

    [Fact]
    public void Blob_versioning_and_soft_delete_are_on_with_windows_short_enough_for_crypto_shredding()
    {
        // Every version and soft-deleted copy is ciphertext under the recording's own key, which destruction
        // removes from the database. The windows only bound how long that ciphertext lingers: at most two weeks.
        Assert.True(BlobService.GetProperty("isVersioningEnabled").GetBoolean());
        foreach (var policy in new[] { "deleteRetentionPolicy", "containerDeleteRetentionPolicy" })
        {
            var retention = BlobService.GetProperty(policy);
            Assert.True(retention.GetProperty("enabled").GetBoolean(), policy);
            Assert.InRange(Template.MinInt(retention.GetProperty("days")), 1, 14);
            Assert.InRange(Template.MaxInt(retention.GetProperty("days")), 1, 14);
        }

        // Point-in-time restore would bring destroyed blobs back; it stays off.
        Assert.False(BlobService.GetProperty("restorePolicy").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public void Previous_recording_versions_and_snapshots_expire_by_lifecycle()
    {
        var rule = LifecycleRule("recordings/");
        var actions = rule.GetProperty("definition").GetProperty("actions");
        Assert.InRange(Template.MaxInt(actions.GetProperty("version").GetProperty("delete").GetProperty("daysAfterCreationGreaterThan")), 1, 14);
        Assert.InRange(Template.MaxInt(actions.GetProperty("snapshot").GetProperty("delete").GetProperty("daysAfterCreationGreaterThan")), 1, 14);
    }

    [Fact]
    public void Abandoned_uploads_are_deleted_by_a_lifecycle_rule_on_the_prefix_the_vault_stages_them_under()
    {
        var container = ArmTemplate.Main.AppSettings("api").Single(s => s.Name == "Vault__Storage__RecordingsContainer").Value;
        var rule = LifecycleRule($"{container}/{Vault.Api.Recordings.StorageLayout.UploadsPrefix}");
        Assert.True(rule.GetProperty("enabled").GetBoolean());
        var delete = rule.GetProperty("definition").GetProperty("actions").GetProperty("baseBlob").GetProperty("delete");
        Assert.InRange(Template.MaxInt(delete.GetProperty("daysAfterModificationGreaterThan")), 1, 7);
        Assert.Contains("blockBlob", rule.GetProperty("definition").GetProperty("filters").GetProperty("blobTypes").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public void Containers_for_recordings_audit_checkpoints_and_the_key_ring_exist_and_no_others()
    {
        var names = Template.Resources("Microsoft.Storage/storageAccounts/blobServices/containers").Select(ArmTemplate.Name).ToList();
        Assert.Contains(names, n => n.Contains("/default/recordings'", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("/default/audit-checkpoints'", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("/default/data-protection'", StringComparison.Ordinal));
        Assert.Equal(3, names.Count);
    }

    [Fact]
    public void Audit_checkpoint_container_has_a_time_based_immutability_policy()
    {
        var policy = Template.Resource("Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies", "/default/audit-checkpoints/default");
        var properties = ArmTemplate.Properties(policy);
        Assert.True(Template.MinInt(properties.GetProperty("immutabilityPeriodSinceCreationInDays")) >= 1);
        Assert.True(Template.Parameter("auditCheckpointImmutabilityDays").GetProperty("defaultValue").GetInt32() >= 365,
            "Audit checkpoints must by default outlive at least a school year of destruction runs.");

        // Checkpoints are appended to an append blob: existing blocks stay immutable, new ones may be added.
        Assert.True(properties.GetProperty("allowProtectedAppendWrites").GetBoolean());
    }

    [Fact]
    public void Recordings_container_has_no_immutability_policy_so_destruction_stays_possible()
    {
        var policies = Template.Resources("Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies");
        Assert.DoesNotContain(policies, p => ArmTemplate.Name(p).Contains("/recordings", StringComparison.Ordinal));
        Assert.DoesNotContain("immutableStorageWithVersioning", Template.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Media_jobs_queue_exists()
    {
        Template.Resource("Microsoft.Storage/storageAccounts/queueServices/queues", "/default/media-jobs");
    }

    private static JsonElement LifecycleRule(string prefix)
    {
        var policy = ArmTemplate.Properties(Template.Resource("Microsoft.Storage/storageAccounts/managementPolicies"));
        return Assert.Single(policy.GetProperty("policy").GetProperty("rules").EnumerateArray(), r =>
            r.GetProperty("definition").GetProperty("filters").GetProperty("prefixMatch").EnumerateArray().Any(p => p.GetString() == prefix));
    }
}
