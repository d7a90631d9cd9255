using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Vault.Api.Hosting;

namespace Vault.Api.Storage;

public static class StorageSetup
{
    /// <summary>One <see cref="BlobServiceClient"/> for the process: a connection string locally (Azurite), managed identity in production.</summary>
    public static IServiceCollection AddVaultStorage(this IServiceCollection services, StorageOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            services.AddSingleton(_ => new BlobServiceClient(options.ConnectionString));
        }
        else if (options.BlobServiceUri is not null)
        {
            services.AddSingleton(_ => new BlobServiceClient(options.BlobServiceUri, new DefaultAzureCredential()));
        }
        else
        {
            throw new InvalidOperationException("Vault:Storage needs a ConnectionString (Azurite) or a BlobServiceUri (managed identity).");
        }

        return services;
    }

    /// <summary>
    /// The key hierarchy and the encrypted blob store. The master key comes from Key Vault when
    /// <c>Vault:Keys:KeyVaultUri</c> is set; otherwise from a key file, which only Development and the test host
    /// may use: anywhere else the vault refuses to start without a Key Vault.
    /// </summary>
    public static IServiceCollection AddVaultKeys(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, string dataDirectory)
    {
        var keys = configuration.GetSection(KeyOptions.Section).Get<KeyOptions>() ?? new KeyOptions();
        if (keys.KeyVaultUri is not null)
        {
            services.TryAddSingleton(_ => new SecretClient(keys.KeyVaultUri, new DefaultAzureCredential()));
            services.AddSingleton<IMasterKeySource>(sp => new KeyVaultMasterKeySource(sp.GetRequiredService<SecretClient>(), keys.SecretName));
        }
        else if (environment.IsDevelopment() || environment.IsEnvironment("Testing"))
        {
            var file = Path.GetFullPath(keys.KeyFile, dataDirectory);
            services.AddSingleton<IMasterKeySource>(new FileMasterKeySource(file));
        }
        else
        {
            throw new InvalidOperationException("Vault:Keys:KeyVaultUri is required outside Development: the master key lives in Key Vault. The vault refuses to start.");
        }

        services.AddSingleton<KeyRing>();
        services.AddHostedService<KeyRingStartup>();
        services.AddSingleton<EncryptedBlobStore>();
        services.AddScoped<Vault.Shared.Commands.IVaultCommand, RotateMasterKeyCommand>();
        return services;
    }
}

/// <summary>Ready only when the recordings container can be reached.</summary>
internal sealed class BlobStorageHealthCheck(BlobServiceClient blobs, Microsoft.Extensions.Options.IOptions<VaultOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var container = blobs.GetBlobContainerClient(options.Value.Storage.RecordingsContainer);
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or AggregateException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy("Blob storage cannot be reached.", ex);
        }
    }
}
