using System.Collections;
using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Identity.Web;
using Vault.Api.Hosting;
using Xunit;

namespace Vault.Infra.Tests;

/// <summary>
/// Every <c>Vault__*</c> and <c>AzureAd__*</c> setting the template gives the apps must land on a real property
/// of the host's options: a typo would be silently ignored by the configuration binder and the vault would run
/// with a default instead (for example an empty tenant allow-list, or a missing Key Vault).
/// </summary>
public sealed class SettingsBindingTests
{
    /// <summary>
    /// Settings the template already passes for features other branches are building. Each must disappear from
    /// this list when its options property lands (the second test fails until it does).
    /// </summary>
    private static readonly Dictionary<string, string> AwaitingOtherBranches = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Vault:Storage:StagingContainer"] = "recordings store (issue 5): container for uploads in progress",
        ["Vault:Storage:MediaJobsQueue"] = "media pipeline (issue 5): queue of media jobs",
        ["Vault:Keys:KeyVaultUri"] = "recordings store (issue 5): Key Vault holding the master key",
        ["Vault:Keys:MasterKeySecretName"] = "recordings store (issue 5): name of the master key secret",
        ["Vault:Media:Worker:Enabled"] = "media pipeline (issue 5): run the queue-driven media worker in this process",
        ["Vault:Storage:AuditCheckpointContainer"] = "audit workspace (issue 8): container of chain-head checkpoints",
    };

    [Fact]
    public void Every_Vault_setting_the_template_passes_binds_to_the_host_options()
    {
        var unbound = VaultSettings()
            .Where(s => !Binds(typeof(VaultOptions), s.Key.Split(':').Skip(1)))
            .Where(s => !AwaitingOtherBranches.ContainsKey(s.Key))
            .Select(s => s.Key)
            .ToList();
        Assert.True(unbound.Count == 0, "Settings that bind to nothing in VaultOptions: " + string.Join(", ", unbound));

        // The real binder, strict about unknown keys, accepts the bound settings with values of the right type.
        var bound = VaultSettings().Where(s => !AwaitingOtherBranches.ContainsKey(s.Key))
            .ToDictionary(s => s.Key, s => (string?)SampleValue(typeof(VaultOptions), s.Key, s.Value));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(bound).Build();
        var options = configuration.GetSection(VaultOptions.Section).Get<VaultOptions>(o => o.ErrorOnUnknownConfiguration = true)!;
        Assert.Equal("SqlServer", options.Database.Provider);
        Assert.False(options.Database.MigrateOnStart);
        Assert.False(options.DevelopmentSignIn.Enabled);
        Assert.Single(options.Identity.AllowedTenants);
        Assert.NotNull(options.Storage.BlobServiceUri);
        Assert.NotNull(options.Storage.QueueServiceUri);
    }

    [Fact]
    public void Settings_awaiting_other_branches_are_still_unbound_and_still_used()
    {
        var used = VaultSettings().Select(s => s.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, owner) in AwaitingOtherBranches)
        {
            Assert.True(used.Contains(key), $"{key} is no longer passed by the template; remove it from the list.");
            Assert.False(Binds(typeof(VaultOptions), key.Split(':').Skip(1)), $"{key} binds now ({owner}); remove it from the list.");
        }
    }

    [Fact]
    public void AzureAd_settings_the_template_passes_bind_to_Microsoft_Identity_Web()
    {
        var settings = ArmTemplate.Main.AppSettings("api").Where(s => s.Name.StartsWith("AzureAd__", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(settings);
        var values = settings.ToDictionary(
            s => s.Name.Replace("__", ":", StringComparison.Ordinal),
            s => (string?)(s.Value.StartsWith('[') ? SampleValue(typeof(MicrosoftIdentityOptions), s.Name.Replace("__", ":", StringComparison.Ordinal), s.Value) : s.Value));
        var options = new ConfigurationBuilder().AddInMemoryCollection(values).Build()
            .GetSection("AzureAd").Get<MicrosoftIdentityOptions>(o => o.ErrorOnUnknownConfiguration = true)!;
        Assert.Equal("organizations", options.TenantId);
        Assert.Equal("/signin-oidc", options.CallbackPath.Value);
        Assert.False(string.IsNullOrEmpty(options.ClientId));
    }

    /// <summary>The Vault settings of both apps as configuration keys (<c>Vault:Database:Provider</c>) with their template values.</summary>
    private static IEnumerable<KeyValuePair<string, string>> VaultSettings() =>
        ArmTemplate.Main.AppSettings("api").Concat(ArmTemplate.Main.AppSettings("worker"))
            .Select(s => (Key: s.Name.Replace("__", ":", StringComparison.Ordinal).Replace("{0}", "0", StringComparison.Ordinal), s.Value))
            .Where(s => s.Key.StartsWith("Vault:", StringComparison.Ordinal))
            .DistinctBy(s => s.Key, StringComparer.OrdinalIgnoreCase)
            .Select(s => KeyValuePair.Create(s.Key, s.Value));

    /// <summary>Follows a configuration path through the options types the way the binder does.</summary>
    private static bool Binds(Type type, IEnumerable<string> segments)
    {
        var current = type;
        foreach (var segment in segments)
        {
            var element = ElementType(current);
            if (element is not null)
            {
                if (!int.TryParse(segment, out _))
                {
                    return false;
                }

                current = element;
                continue;
            }

            var property = current.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || property.GetIndexParameters().Length > 0)
            {
                return false;
            }

            current = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }

        return IsLeaf(current);
    }

    private static Type? ElementType(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        return type.IsArray ? type.GetElementType() : type.GetGenericArguments().FirstOrDefault();
    }

    private static bool IsLeaf(Type type) =>
        type == typeof(string) || type.IsPrimitive || type.IsEnum || TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string));

    /// <summary>A literal stays as written; a template expression becomes a sample of the property's type.</summary>
    private static string SampleValue(Type root, string key, string templateValue)
    {
        if (!templateValue.StartsWith('['))
        {
            return templateValue;
        }

        var current = root;
        foreach (var segment in key.Split(':').Skip(1))
        {
            var element = ElementType(current);
            current = element ?? current.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)!.PropertyType;
        }

        current = Nullable.GetUnderlyingType(current) ?? current;
        return current == typeof(Uri) ? "https://example.invalid/"
            : current == typeof(bool) ? "true"
            : current == typeof(int) ? "1"
            : "00000000-0000-0000-0000-000000000001";
    }
}
