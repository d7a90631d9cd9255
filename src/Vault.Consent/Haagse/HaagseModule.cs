using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Vault.Consent.Gate.Rules;

namespace Vault.Consent.Haagse;

/// <summary>
/// The Haagse closed-environment module (Art. 10.2: R8, R10, R11, R12, and R9 as a condition the recording carries for the
/// viewing feature). Remove it by deleting this folder and the one line in <see cref="ConsentModule"/>.
/// </summary>
internal static class HaagseModule
{
    public static IServiceCollection AddHaagseRules(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGateRule, ClosedEnvironmentRule>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGateRule, ConsentGivenRule>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGateRule, InformedRule>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGateRule, RegulationRule>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGateCondition, RestrictedViewersCondition>());
        return services;
    }
}
