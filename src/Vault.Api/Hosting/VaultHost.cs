using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;
using Vault.Api.Agreements;
using Vault.Api.Audit;
using Vault.Api.Data;
using Vault.Api.Identity;
using Vault.Api.Localization;
using Vault.Api.Organisations;
using Vault.Api.People;
using Vault.Api.Placements;
using Vault.Api.Privacy;
using Vault.Api.Recordings;
using Vault.Api.Seed;
using Vault.Api.Storage;
using Vault.Consent;
using Vault.Retention;
using Vault.Shared.Auditing;
using Vault.Shared.Identity;
using Vault.Shared.Time;

namespace Vault.Api.Hosting;

/// <summary>Composition of the host: services, pipeline, endpoints. Program.cs only calls these.</summary>
public static class VaultHost
{
    public const string ServiceName = "MediaVault";

    public static WebApplicationBuilder AddVaultServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var options = configuration.GetSection(VaultOptions.Section).Get<VaultOptions>() ?? new VaultOptions();
        var dataDirectory = Path.GetFullPath(options.DataDirectory, builder.Environment.ContentRootPath);
        Directory.CreateDirectory(dataDirectory);

        services.AddOptions<VaultOptions>().Bind(configuration.GetSection(VaultOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SchoolCalendar>();
        services.AddHttpContextAccessor();

        // Fail closed on identity and demo data first: their refusals say most about a misconfigured environment.
        services.AddVaultIdentity(configuration, builder.Environment);
        if (options.SeedDemoData && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException("Vault:SeedDemoData is only allowed in Development; the vault refuses to start.");
        }

        services.AddVaultDatabase(options, dataDirectory);
        services.AddVaultStorage(options.Storage);
        services.AddVaultKeyRing(options.Storage);
        services.AddRecordings(configuration, builder.Environment, dataDirectory);
        services.AddScoped<ICurrentActor, CurrentActor>();
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddScoped<AuditVerifier>();
        services.AddVaultAudit(configuration);
        services.AddVaultPrivacy();
        services.AddScoped<PlacementEligibility>();
        services.AddScoped<StudentAgreements>();
        services.AddScoped<AgreementCommands>();
        services.AddScoped<PlacementCommands>();
        services.AddScoped<OrganisationCommands>();
        services.AddScoped<DemoSeeder>();
        services.AddConsent();
        services.AddScoped<IConsentDb>(sp => sp.GetRequiredService<VaultDbContext>()).AddScoped<Vault.Consent.Gate.IPlacementFacts, PlacementFacts>();
        services.AddRetention();
        services.AddScoped<Vault.Retention.Data.IRetentionDb>(sp => sp.GetRequiredService<VaultDbContext>());

        services.AddVaultRateLimiting(configuration);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
            StableProblemTypes.Apply(context);
        });
        services.AddExceptionHandler<VaultExceptionHandler>();
        services.ConfigureHttpJsonOptions(json => ConfigureJson(json.SerializerOptions));
        services.AddRazorPages(o => o.Conventions.AllowAnonymousToPage("/Dev/Aanmelden"));
        services.ConfigureOptions<ModelBindingMessages>();
        var development = builder.Environment.IsDevelopment();
        services.AddAntiforgery(o =>
        {
            // Development runs on http://127.0.0.1, where a Secure (__Host-) cookie cannot be set.
            o.Cookie.Name = development ? "vault-af" : "__Host-vault-af";
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.HeaderName = ApiCsrfProtection.HeaderName;
        });
        services.Configure<RequestLocalizationOptions>(o =>
        {
            CultureInfo[] cultures = [new("nl-NL"), new("en-GB")];
            o.DefaultRequestCulture = new RequestCulture("nl-NL");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
        });
        services.AddOpenApi();
        services.AddHealthChecks()
            .AddDbContextCheck<VaultDbContext>("database", tags: ["ready"])
            .AddCheck<BlobStorageHealthCheck>("blob-storage", tags: ["ready"]);

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(t => t.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddSource(ServiceName))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentationIfAvailable().AddMeter(ServiceName));
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            services.AddOpenTelemetry().UseOtlpExporter();
        }

        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.ClearProviders().AddJsonConsole(o => o.IncludeScopes = true);
        }

        return builder;
    }

    public static void ConfigureJson(JsonSerializerOptions json)
    {
        // Unknown fields are refused rather than silently dropped; nesting is bounded.
        json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        json.MaxDepth = 32;
        json.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
    }

    public static async Task PrepareVaultAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<VaultOptions>>().Value;
        var migrate = options.Database.MigrateOnStart ?? app.Environment.IsDevelopment();
        await app.Services.PrepareDatabaseAsync(migrate, app.Lifetime.ApplicationStopping);
        await using var scope = app.Services.CreateAsyncScope();
        await AgreementTexts.EnsurePublishedAsync(scope.ServiceProvider, app.Lifetime.ApplicationStopping);
        if (options.SeedDemoData)
        {
            if (!app.Environment.IsDevelopment())
            {
                throw new InvalidOperationException("Vault:SeedDemoData is only allowed in Development; the vault refuses to start.");
            }

            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(app.Lifetime.ApplicationStopping);
        }
    }

    public static WebApplication UseVaultPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UsePlaybackPrefetch(); // a player's range is on its way from storage while the request is authenticated
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseApiCsrfProtection();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapVaultEndpoints(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference("/api/reference").AllowAnonymous();
        }

        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new()
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable },
        }).AllowAnonymous();

        app.MapMeEndpoints();
        app.MapOrganisationEndpoints();
        app.MapPeopleEndpoints();
        app.MapPlacementEndpoints();
        app.MapAgreementEndpoints();
        app.MapAuditEndpoints();
        app.MapPrivacyEndpoints();
        app.MapRecordingEndpoints();
        app.MapConsentEndpoints();
        app.MapRetentionEndpoints();
        app.MapLanguageEndpoint();
        app.MapRazorPages();
        return app;
    }

    private static MeterProviderBuilder AddRuntimeInstrumentationIfAvailable(this MeterProviderBuilder builder) =>
        builder.AddMeter("System.Runtime");
}
