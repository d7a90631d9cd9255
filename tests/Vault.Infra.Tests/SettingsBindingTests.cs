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
    private static readonly Dictionary<string, string> AwaitingOtherBranches = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Sections bound by their own options types (the feature's, not <see cref="VaultOptions"/>).</summary>
    private static readonly Dictionary<string, Type> FeatureSections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Keys"] = typeof(Vault.Api.Storage.KeyOptions),
        ["Recordings"] = typeof(Vault.Api.Recordings.RecordingOptions),
        ["Audit"] = typeof(Vault.Api.Audit.AuditOptions),
        ["Retention"] = typeof(Vault.Retention.RetentionOptions),
    };

    /// <summary>Whether a <c>Vault:...</c> key binds, to its feature's options or to <see cref="VaultOptions"/>.</summary>
    private static bool BindsSomewhere(string key)
    {
        var segments = key.Split(':').Skip(1).ToList();
        return segments.Count > 1 && FeatureSections.TryGetValue(segments[0], out var feature)
            ? Binds(feature, segments.Skip(1))
            : Binds(typeof(VaultOptions), segments);
    }

    [Fact]
    public void Every_feature_setting_the_template_passes_binds_to_its_options_with_the_strict_binder()
    {
        var settings = VaultSettings().Where(s => FeatureSections.ContainsKey(s.Key.Split(':')[1])).ToList();
        Assert.Contains(settings, s => s.Key == "Vault:Keys:SecretName");
        Assert.Contains(settings, s => s.Key == "Vault:Recordings:RenditionQueue");
        Assert.Contains(settings, s => s.Key == "Vault:Recordings:RunRenditionWorker");
        Assert.Contains(settings, s => s.Key == "Vault:Audit:CheckpointContainer");
        foreach (var group in settings.GroupBy(s => s.Key.Split(':')[1], StringComparer.OrdinalIgnoreCase))
        {
            var type = FeatureSections[group.Key];
            var values = group.ToDictionary(s => s.Key, s => (string?)SampleValue(type, string.Join(':', s.Key.Split(':').Skip(1)), s.Value));
            var section = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Vault:" + group.Key);
            Assert.NotNull(section.Get(type, o => o.ErrorOnUnknownConfiguration = true));
        }
    }

    [Fact]
    public void Every_Vault_setting_the_template_passes_binds_to_the_host_options()
    {
        var unbound = VaultSettings()
            .Where(s => !BindsSomewhere(s.Key))
            .Where(s => !AwaitingOtherBranches.ContainsKey(s.Key))
            .Select(s => s.Key)
            .ToList();
        Assert.True(unbound.Count == 0, "Settings that bind to nothing in VaultOptions: " + string.Join(", ", unbound));

        // The real binder, strict about unknown keys, accepts the bound settings with values of the right type.
        var bound = VaultSettings().Where(s => !AwaitingOtherBranches.ContainsKey(s.Key) && !FeatureSections.ContainsKey(s.Key.Split(':')[1]))
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
            Assert.False(BindsSomewhere(key), $"{key} binds now ({owner}); remove it from the list.");
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
