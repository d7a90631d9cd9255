using Azure.Identity;
using Azure.Storage.Blobs;
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
