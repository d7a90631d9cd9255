using Azure.Identity;
using Azure.Storage.Queues;
using Vault.Api.Hosting;
using Vault.Api.Media;
using Vault.Api.Recordings.Retention;
using Vault.Api.Storage;
using Vault.Api.Viewing;
using Vault.Consent.Gate;

namespace Vault.Api.Recordings;

/// <summary>The recordings feature's face towards the host: services and endpoints.</summary>
public static class RecordingsSetup
{
    /// <summary>
    /// Starts a player's range download before the request is authenticated (<see cref="PlaybackPrefetch"/>): put it
    /// after routing and before <c>UseAuthentication</c>.
    /// </summary>
    public static IApplicationBuilder UsePlaybackPrefetch(this IApplicationBuilder app) => PlaybackPrefetch.Register(app);

    public static IServiceCollection AddRecordings(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, string dataDirectory)
    {
        services.AddVaultKeys(configuration, environment, dataDirectory);
        services.AddOptions<RecordingOptions>().Bind(configuration.GetSection(RecordingOptions.Section));
        services.AddOptions<MediaOptions>().Bind(configuration.GetSection(MediaOptions.Section));
        var storage = configuration.GetSection(VaultOptions.Section).Get<VaultOptions>()?.Storage ?? new StorageOptions();
        services.AddSingleton(_ => !string.IsNullOrWhiteSpace(storage.ConnectionString)
            ? new QueueServiceClient(storage.ConnectionString)
            : new QueueServiceClient(storage.QueueServiceUri ?? throw new InvalidOperationException("Vault:Storage needs a QueueServiceUri (managed identity) for rendition jobs."), new DefaultAzureCredential()));

        services.AddSingleton<MediaTools>();
        services.AddSingleton<LoopbackMediaServer>();
        services.AddSingleton<RenditionQueue>();
        services.AddSingleton<PlaybackSessions.Tracker>();
        services.AddScoped<PlaybackSessions>();
        services.AddScoped<UploadStaging>();
        services.AddScoped<UploadCompletion>();
        services.AddScoped<RecordingAccess>();
        services.AddViewing();
        services.AddScoped<IConsentWithdrawalListener, ConsentWithdrawalListener>();
        services.AddRecordingsRetention();
        services.AddSingleton<OrphanBlobSweep>();
        services.AddSingleton<AbandonedUploadSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<AbandonedUploadSweeper>());
        services.AddHostedService<RecordingsStartupCheck>();
        services.AddScoped<RenditionJob>();
        services.AddSingleton<RenditionMetrics>();
        if (configuration.GetValue(RecordingOptions.Section + ":RunRenditionWorker", true))
        {
            services.AddHostedService<RenditionWorker>();
        }
        return services;
    }

    public static RouteGroupBuilder MapRecordingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/recordings").WithTags("Recordings");
        UploadEndpoints.Map(group);
        RecordingEndpoints.Map(group);
        Redaction.Map(group);
        ViewingSetup.MapViewing(group);
        return group;
    }
}

/// <summary>Fail closed: without an upload gate (Vault.Consent) no recording may be accepted, so the vault does not start.</summary>
internal sealed class RecordingsStartupCheck(IServiceScopeFactory scopes, EncryptedBlobStore blobs, ILogger<RecordingsStartupCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        _ = scope.ServiceProvider.GetService<IUploadGate>()
            ?? throw new InvalidOperationException("No IUploadGate is registered (Vault.Consent): the vault refuses to start, because recordings may only be accepted through the upload gate.");
        try
        {
            await blobs.EnsureContainerAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or AggregateException)
        {
            // Storage that is down at start-up is a readiness problem (/health/ready), not a reason to stay down.
            logger.LogWarning(ex, "The recordings container could not be prepared at start-up");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
