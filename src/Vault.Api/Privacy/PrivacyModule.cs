using Vault.Retention.Erasure;

namespace Vault.Api.Privacy;

/// <summary>The privacy officer's workspace: services behind <see cref="PrivacyEndpoints"/>.</summary>
public static class PrivacyModule
{
    public static IServiceCollection AddVaultPrivacy(this IServiceCollection services)
    {
        services.AddScoped<PupilRecordings>();
        services.AddScoped<PrivacyReports>();
        services.AddScoped<ErasureCommands>();
        services.AddScoped<ErasureWorkflow>();
        services.AddScoped<IErasureOutcomeSink>(sp => sp.GetRequiredService<ErasureWorkflow>());
        return services;
    }
}
