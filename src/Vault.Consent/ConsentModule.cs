using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Vault.Consent.Gate;
using Vault.Consent.Gate.Rules;
using Vault.Consent.Haagse;
using Vault.Consent.Import;
using Vault.Consent.Registry;
using Vault.Shared.Identity;
using Vault.Shared.Time;

namespace Vault.Consent;

/// <summary>The consent registry and the upload gate: the module's public face.</summary>
public static class ConsentModule
{
    /// <summary>Registers the registry and the gate. The host provides <see cref="IConsentDb"/> and <see cref="IPlacementFacts"/>.</summary>
    public static IServiceCollection AddConsent(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGateRule, AgreementRule>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGateRule, ActivePlacementRule>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGateRule, ParentalConsentRule>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGateRule, RefusalRule>());
        services.AddHaagseRules();
        services.AddSingleton<GateEngine>();
        services.AddScoped<GateFactsLoader>();
        services.AddScoped<UploadGate>();
        services.AddScoped<IUploadGate>(sp => sp.GetRequiredService<UploadGate>());
        services.AddScoped(sp => new StudentGate(
            sp.GetRequiredService<ICurrentActor>(), sp.GetRequiredService<UploadGate>(), sp.GetRequiredService<IPlacementFacts>(),
            sp.GetRequiredService<IConsentDb>(), sp.GetRequiredService<SchoolCalendar>()));
        services.AddScoped(sp => new ConsentCommands(
            sp.GetRequiredService<IConsentDb>(), sp.GetRequiredService<ICurrentActor>(), sp.GetRequiredService<Shared.Auditing.IAuditTrail>(),
            sp.GetRequiredService<Shared.Time.SchoolCalendar>(), sp.GetRequiredService<UploadGate>(), sp.GetServices<IConsentWithdrawalListener>()));
        services.AddScoped<PupilGroupCommands>();
        services.AddScoped<ConsentQueries>();
        services.AddScoped<ConsentImporter>();
        return services;
    }

    /// <summary>Maps the consent registry under /api/consent (consent administrators) and the gate under /api/gate (students).</summary>
    public static RouteGroupBuilder MapConsentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/consent").WithTags("Consent").RequireAuthorization(VaultPolicies.ConsentAdministrator);
        group.MapPupilGroupEndpoints();
        group.MapConsentRecordEndpoints();
        group.MapOverviewEndpoints();
        group.MapImportEndpoints();
        endpoints.MapGateEndpoints();
        return group;
    }
}
