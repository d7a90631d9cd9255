namespace Vault.Api.Storage;

/// <summary>Configuration section <c>Vault:Keys</c>: where the master key lives.</summary>
public sealed class KeyOptions
{
    public const string Section = "Vault:Keys";

    /// <summary>Production: the Key Vault holding the master key as a secret (base64 of 32 bytes), reached with managed identity.</summary>
    public Uri? KeyVaultUri { get; set; }

    public string SecretName { get; set; } = "mediavault-master-key";

    /// <summary>Development and tests: the key file, relative to <c>Vault:DataDirectory</c>. Never inside the repository.</summary>
    public string KeyFile { get; set; } = "master.key";
}
