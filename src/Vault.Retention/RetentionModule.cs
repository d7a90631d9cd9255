using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Vault.Retention;

/// <summary>Destruction planning and execution: the module's public face.</summary>
public static class RetentionModule
{
    public static IServiceCollection AddRetention(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapRetentionEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGroup("/api/retention").WithTags("Retention");
}
