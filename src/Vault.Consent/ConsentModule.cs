using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Vault.Consent;

/// <summary>The consent registry and the upload gate: the module's public face.</summary>
public static class ConsentModule
{
    public static IServiceCollection AddConsent(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapConsentEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGroup("/api/consent").WithTags("Consent");
}
