using Azure.Security.KeyVault.Secrets;

namespace Vault.Api.Storage;

/// <summary>Where the master key comes from: a key file (Development, tests) or a Key Vault secret (production).</summary>
internal interface IMasterKeySource
{
    string Describe { get; }

    Task<MasterKey> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="next"/> as the coming master key without making it current yet.</summary>
    Task StageAsync(MasterKey next, CancellationToken cancellationToken);

    /// <summary>Makes the staged key current (after the per-recording keys were re-wrapped under it).</summary>
    Task PromoteAsync(CancellationToken cancellationToken);

    /// <summary>A staged key left behind by an interrupted rotation, if any.</summary>
    Task<MasterKey?> LoadStagedAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Development: a key file outside the repository, created on first run with mode 0600. A file that the group
/// or others may read is refused: the vault does not start with a key that may have leaked.
/// </summary>
internal sealed class FileMasterKeySource(string path) : IMasterKeySource
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Forbidden = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public string Describe => $"key file {path}";

    private string StagedPath => path + ".next";

    public async Task<MasterKey> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            var created = MasterKey.Generate();
            await WriteAsync(path, created, cancellationToken);
            return created;
        }

        return await ReadAsync(path, cancellationToken);
    }

    public Task StageAsync(MasterKey next, CancellationToken cancellationToken) => WriteAsync(StagedPath, next, cancellationToken);

    public Task PromoteAsync(CancellationToken cancellationToken)
    {
        File.Move(StagedPath, path, overwrite: true);
        return Task.CompletedTask;
    }

    public async Task<MasterKey?> LoadStagedAsync(CancellationToken cancellationToken) =>
        File.Exists(StagedPath) ? await ReadAsync(StagedPath, cancellationToken) : null;

    private static async Task<MasterKey> ReadAsync(string file, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(file) & Forbidden) != 0)
        {
            throw new InvalidOperationException(
                $"The master key file {file} may be read by others (mode {Convert.ToString((int)File.GetUnixFileMode(file), 8)}); " +
                "the vault refuses to start. Make it readable by the vault's account only (chmod 600).");
        }

        var text = (await File.ReadAllTextAsync(file, cancellationToken)).Trim();
        try
        {
            return new MasterKey(Convert.FromBase64String(text));
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The master key file {file} does not hold a base64 key; the vault refuses to start.");
        }
    }

    private static async Task WriteAsync(string file, MasterKey key, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        if (File.Exists(file))
        {
            File.Delete(file);
        }

        await using var stream = new FileStream(file, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(key.ToBase64().AsMemory(), cancellationToken);
    }
}

/// <summary>Production: the master key is a Key Vault secret (base64 of 32 bytes); the vault reads it with managed identity.</summary>
internal sealed class KeyVaultMasterKeySource(SecretClient secrets, string name) : IMasterKeySource
{
    private const string StagedSuffix = "-next";

    public string Describe => $"Key Vault secret {secrets.VaultUri}{name}";

    public async Task<MasterKey> LoadAsync(CancellationToken cancellationToken)
    {
        KeyVaultSecret secret;
        try
        {
            secret = (await secrets.GetSecretAsync(name, cancellationToken: cancellationToken)).Value;
        }
        catch (Azure.RequestFailedException ex)
        {
            throw new InvalidOperationException(
                $"The master key secret '{name}' could not be read from {secrets.VaultUri} ({ex.Status} {ex.ErrorCode}); the vault refuses to start. " +
                "Check that the secret exists and that the vault's managed identity may get secrets.", ex);
        }
        catch (Azure.Identity.AuthenticationFailedException ex)
        {
            throw new InvalidOperationException($"The vault could not authenticate to {secrets.VaultUri} to read the master key; the vault refuses to start.", ex);
        }

        return Parse(secret.Value, name);
    }

    public Task StageAsync(MasterKey next, CancellationToken cancellationToken) =>
        secrets.SetSecretAsync(name + StagedSuffix, next.ToBase64(), cancellationToken);

    public async Task PromoteAsync(CancellationToken cancellationToken)
    {
        var staged = await secrets.GetSecretAsync(name + StagedSuffix, cancellationToken: cancellationToken);
        await secrets.SetSecretAsync(name, staged.Value.Value, cancellationToken);
        await secrets.StartDeleteSecretAsync(name + StagedSuffix, cancellationToken);
    }

    public async Task<MasterKey?> LoadStagedAsync(CancellationToken cancellationToken)
    {
        try
        {
            var staged = await secrets.GetSecretAsync(name + StagedSuffix, cancellationToken: cancellationToken);
            return Parse(staged.Value.Value, name + StagedSuffix);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private static MasterKey Parse(string? value, string secretName)
    {
        try
        {
            return new MasterKey(Convert.FromBase64String(value ?? string.Empty));
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            // Never echo the value: it may be (part of) a key.
            throw new InvalidOperationException($"The master key secret '{secretName}' does not hold a base64 key of {MasterKey.Length} bytes; the vault refuses to start.", ex);
        }
    }
}
