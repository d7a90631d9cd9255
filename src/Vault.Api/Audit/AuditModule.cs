using Vault.Shared.Commands;

namespace Vault.Api.Audit;

/// <summary>The audit log's services: chain verification, checkpoints, the <c>audit verify</c> command.</summary>
public static class AuditModule
{
    public static IServiceCollection AddVaultAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.CheckpointContainer), "Vault:Audit:CheckpointContainer is required.")
            .ValidateOnStart();
        services.AddSingleton<AuditCheckpointStore>();
        services.AddScoped<AuditCheckpointWriter>();
        services.AddScoped<IVaultCommand, AuditVerifyCommand>();
        services.AddHostedService<AuditCheckpointService>();
        services.AddSingleton<DeferredAudit>();
        services.AddHostedService<DeferredAuditWriter>();
        return services;
    }
}
