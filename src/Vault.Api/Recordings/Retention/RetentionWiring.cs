using Vault.Retention.Ports;

namespace Vault.Api.Recordings.Retention;

/// <summary>The recordings feature's registrations for retention: the catalogue (replacing the module's unwired one) and the call points.</summary>
internal static class RetentionWiring
{
    public static IServiceCollection AddRecordingsRetention(this IServiceCollection services)
    {
        services.AddScoped<RetentionCatalog>();
        services.AddSingleton<DestroyedBlobs>();
        services.AddScoped<IRetentionCatalog>(sp => sp.GetRequiredService<RetentionCatalog>());
        services.AddScoped<StudentDeletion>();
        return services;
    }
}
