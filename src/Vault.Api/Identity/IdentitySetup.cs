using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Identity.Web;
using Vault.Api.Hosting;
using Vault.Shared.Identity;

namespace Vault.Api.Identity;

/// <summary>
/// Authentication and authorization, fail-closed:
/// Entra ID through Microsoft.Identity.Web (OpenID Connect + cookie for pages, JwtBearer for the API) when
/// <c>AzureAd</c> is configured; the development persona picker only in Development; otherwise no start.
/// Every endpoint requires an authenticated user unless it is marked anonymous.
/// </summary>
public static class IdentitySetup
{
    /// <summary>The Entra sign-in cookie (the development persona cookie is named separately).</summary>
    private const string SignInCookieName = "__Host-vault";

    public static IServiceCollection AddVaultIdentity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var vault = configuration.GetSection(VaultOptions.Section).Get<VaultOptions>() ?? new VaultOptions();
        var azureAd = configuration.GetSection("AzureAd");
        var entraConfigured = !string.IsNullOrWhiteSpace(azureAd["ClientId"]);
        var devSignIn = vault.DevelopmentSignIn.Enabled;

        if (devSignIn && !environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"Vault:DevelopmentSignIn:Enabled is true in the '{environment.EnvironmentName}' environment. " +
                "The development sign-in exists only in Development; the vault refuses to start.");
        }

        if (!entraConfigured && !devSignIn)
        {
            throw new InvalidOperationException(
                "No identity provider is configured: set AzureAd (Entra ID) or, in Development only, Vault:DevelopmentSignIn:Enabled. The vault refuses to start.");
        }

        var allowedTenants = AllowedTenants(vault, azureAd["TenantId"]);
        if (entraConfigured && allowedTenants.Count == 0)
        {
            throw new InvalidOperationException(
                "AzureAd is multi-tenant but Vault:Identity:AllowedTenants is empty. List the tenants whose users may sign in; the vault refuses to start.");
        }

        var authentication = services.AddAuthentication(options =>
        {
            options.DefaultScheme = VaultSchemes.Selector;
            options.DefaultChallengeScheme = VaultSchemes.Selector;
        });

        authentication.AddPolicyScheme(VaultSchemes.Selector, "Bearer for API calls, cookie for pages", options =>
        {
            options.ForwardDefaultSelector = context =>
            {
                var header = context.Request.Headers.Authorization.ToString();
                if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                {
                    return JwtBearerDefaults.AuthenticationScheme;
                }

                if (devSignIn)
                {
                    return VaultSchemes.DevelopmentCookie;
                }

                // The pages' own API calls (upload, recorder) carry the sign-in cookie (CSRF: see ApiCsrfProtection);
                // other API calls without a token get 401 rather than a redirect to the identity provider.
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    return context.Request.Cookies.ContainsKey(SignInCookieName) ? CookieAuthenticationDefaults.AuthenticationScheme : JwtBearerDefaults.AuthenticationScheme;
                }

                return OpenIdConnectDefaults.AuthenticationScheme;
            };
        });

        if (entraConfigured)
        {
            authentication.AddMicrosoftIdentityWebApi(configuration, "AzureAd", JwtBearerDefaults.AuthenticationScheme);
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters.NameClaimType = VaultClaims.Name;
                options.TokenValidationParameters.RoleClaimType = VaultClaims.Roles;
                options.TokenValidationParameters.RequireSignedTokens = true;
                options.TokenValidationParameters.RequireExpirationTime = true;
                options.TokenValidationParameters.ValidateLifetime = true;
                options.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(2);
                var inner = options.Events ?? new JwtBearerEvents();
                var validated = inner.OnTokenValidated;
                inner.OnTokenValidated = async context =>
                {
                    if (!TenantAllowed(context.Principal, allowedTenants))
                    {
                        context.Fail("The token's tenant is not on the vault's allow-list.");
                        return;
                    }

                    await validated(context);
                };
                options.Events = inner;
            });

            authentication.AddMicrosoftIdentityWebApp(configuration.GetSection("AzureAd"), OpenIdConnectDefaults.AuthenticationScheme, CookieAuthenticationDefaults.AuthenticationScheme);
            services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters.NameClaimType = VaultClaims.Name;
                options.TokenValidationParameters.RoleClaimType = VaultClaims.Roles;
                var events = options.Events ?? new OpenIdConnectEvents();
                var validated = events.OnTokenValidated;
                events.OnTokenValidated = async context =>
                {
                    if (!TenantAllowed(context.Principal, allowedTenants))
                    {
                        context.Fail("The account's tenant is not on the vault's allow-list.");
                        return;
                    }

                    await validated(context);
                    await RecordInteractiveSignInAsync(context);
                };
                options.Events = events;
            });
            services.Configure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, o => ConfigureCookie(o, environment));
        }
        else
        {
            // Without Entra ID the API still answers bearer requests with 401, never with a redirect.
            authentication.AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters.ValidateIssuerSigningKey = true;
                options.TokenValidationParameters.IssuerSigningKeys = [];
                options.TokenValidationParameters.ValidateIssuer = true;
                options.TokenValidationParameters.ValidateAudience = true;
            });
        }

        if (devSignIn)
        {
            authentication.AddCookie(VaultSchemes.DevelopmentCookie, options =>
            {
                ConfigureCookie(options, environment);
                options.Cookie.Name = "vault-dev";
                options.LoginPath = "/dev/aanmelden";
            });
        }

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(VaultPolicies.InstituteAdministrator, p => p.RequireClaim(VaultClaims.Roles, VaultRoles.InstituteAdministrator).AddRequirements(new KnownPersonRequirement()))
            .AddPolicy(VaultPolicies.ConsentAdministrator, p => p.RequireClaim(VaultClaims.Roles, VaultRoles.ConsentAdministrator).AddRequirements(new KnownPersonRequirement()))
            .AddPolicy(VaultPolicies.PrivacyOfficer, p => p.RequireClaim(VaultClaims.Roles, VaultRoles.PrivacyOfficer).AddRequirements(new KnownPersonRequirement()))
            .AddPolicy(VaultPolicies.Student, p => p.RequireClaim(VaultClaims.Roles, VaultRoles.Student).AddRequirements(new KnownPersonRequirement()))
            .AddPolicy(VaultPolicies.Coach, p => p.RequireClaim(VaultClaims.Roles, [.. VaultRoles.Coaches]).AddRequirements(new KnownPersonRequirement()));
        services.AddScoped<IAuthorizationHandler, KnownPersonHandler>();
        return services;
    }

    /// <summary>An interactive (OpenID Connect) sign-in links the account on first use and is audited with the person as actor.</summary>
    private static async Task RecordInteractiveSignInAsync(Microsoft.AspNetCore.Authentication.OpenIdConnect.TokenValidatedContext context)
    {
        if (context.Principal is not { } principal || context.Result?.Failure is not null)
        {
            return;
        }

        context.HttpContext.User = principal;
        var services = context.HttpContext.RequestServices;
        await CurrentActor.LinkAndRecordSignInAsync(
            principal, services.GetRequiredService<Data.VaultDbContext>(), services.GetRequiredService<Vault.Shared.Auditing.IAuditTrail>(),
            services.GetRequiredService<TimeProvider>(), context.HttpContext.RequestAborted, services.GetRequiredService<ICurrentActor>());
    }

    /// <summary>The signed-in account's tenant (<c>tid</c>) is on the allow-list; both sign-in paths ask this one question.</summary>
    private static bool TenantAllowed(System.Security.Claims.ClaimsPrincipal? principal, HashSet<string> allowedTenants) =>
        principal?.FindFirst(VaultClaims.TenantId)?.Value is { } tenant && allowedTenants.Contains(tenant);

    private static HashSet<string> AllowedTenants(VaultOptions vault, string? tenantId)
    {
        var allowed = vault.Identity.AllowedTenants.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        if (allowed.Count == 0 && Guid.TryParse(tenantId, out var single))
        {
            allowed.Add(single.ToString());
        }

        return allowed;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions options, IHostEnvironment environment)
    {
        options.Cookie.Name = SignInCookieName;
        options.Cookie.HttpOnly = true;

        // Secure everywhere; the local run on http://127.0.0.1 (Development only) cannot carry Secure cookies.
        options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        options.Events.OnRedirectToLogin = context =>
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            }

            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        };
        options.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    }
}

/// <summary>The signed-in account must be linked to a person record of the vault.</summary>
public sealed class KnownPersonRequirement : IAuthorizationRequirement;

internal sealed class KnownPersonHandler(ICurrentActor actor) : AuthorizationHandler<KnownPersonRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, KnownPersonRequirement requirement)
    {
        if (actor.PersonId is not null)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
