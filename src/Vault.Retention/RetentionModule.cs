using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Vault.Retention.Data;
using Vault.Retention.Commands;
using Vault.Retention.Holds;
using Vault.Retention.Notices;
using Vault.Retention.Ports;
using Vault.Retention.Runs;
using Vault.Retention.Scheduling;
using Vault.Shared.Commands;
using Vault.Shared.Identity;
using Vault.Shared.Time;

namespace Vault.Retention;

/// <summary>
/// Destruction planning and execution: the module's public face. The host provides <see cref="Data.IRetentionDb"/>
/// (its database) and <see cref="Ports.IRetentionCatalog"/> (the recordings feature); the module brings the rest.
/// </summary>
public static class RetentionModule
{
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddScoped<IRetentionCatalog, UnwiredRetentionCatalog>();
        services.AddScoped<DestructionLease>();
        services.AddScoped<RunExecution>();
        services.AddScoped<DestructionRunner>();
        services.AddScoped<IRecordingDestruction>(sp => sp.GetRequiredService<DestructionRunner>());
        services.AddScoped<PreviewPublisher>();
        services.AddScoped<Holds.LegalHoldCommands>();
        services.AddScoped(sp => new RetentionQueries(
            sp.GetRequiredService<IRetentionDb>(), sp.GetRequiredService<IRetentionCatalog>(), sp.GetRequiredService<DestructionRunner>(),
            sp.GetRequiredService<ICurrentActor>(), sp.GetRequiredService<SchoolCalendar>(), sp.GetRequiredService<IOptions<RetentionOptions>>()));
        services.AddScoped<RetentionDuty>();
        services.AddSingleton<Erasure.ErasureSignal>();
        services.AddScoped<Erasure.ErasureExecution>();
        services.AddScoped<Erasure.IErasureHandler, Erasure.ErasureHandler>();
        services.AddScoped<Erasure.IDestructionRecords, Erasure.DestructionRecords>();
        services.AddHostedService<Erasure.ErasureWorker>();
        services.AddScoped<IVaultCommand, RetentionPlanCommand>();
        services.AddScoped<IVaultCommand, RetentionRunCommand>();
        services.AddHostedService<RetentionService>();
        services.AddAuthorizationBuilder().AddPolicy(RetentionAccess.Policy, p => p
            .RequireAuthenticatedUser()
            .RequireClaim("roles", VaultRoles.PrivacyOfficer, VaultRoles.InstituteAdministrator));
        return services;
    }

    public static RouteGroupBuilder MapRetentionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/retention").WithTags("Retention");
        LegalHoldEndpoints.Map(group);
        RunEndpoints.Map(group);
        NoticeEndpoints.Map(group);
        return group;
    }
}
