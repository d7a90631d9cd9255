using Vault.Api.Storage;

namespace Vault.Api.Recordings;

/// <summary>The recordings feature's face towards the host: services and endpoints.</summary>
public static class RecordingsSetup
{
    public static IServiceCollection AddRecordings(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, string dataDirectory)
    {
        services.AddVaultKeys(configuration, environment, dataDirectory);
        return services;
    }

    public static IEndpointRouteBuilder MapRecordingEndpoints(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
