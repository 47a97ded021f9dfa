using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Qtickets.Sync.Api.Auth;
using Qtickets.Sync.Api.Endpoints;
using Qtickets.Sync.Api.Health;
using Qtickets.Sync.Api.Hosting;

namespace Qtickets.Sync.Api.ReadModels;

public static class ReadApiSetup
{
    private const string ApiKeySchemeId = "ApiKey";

    /// <summary>
    /// The read API's readers, the reconcile readiness check, the sync-lag gauge, the X-Api-Key scheme in
    /// Swagger and the shutdown timeout.
    /// </summary>
    public static IServiceCollection AddReadApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<OrderReader>();
        services.AddSingleton<EventReader>();
        services.AddSingleton<SalesReader>();
        services.AddSingleton<PostgresTimeZones>();
        services.AddSingleton<SyncStatusReader>();

        services.AddOptions<SyncHealthOptions>().Bind(configuration.GetSection(SyncHealthOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SyncHealthOptions>, SyncHealthOptionsValidator>();
        services.AddHealthChecks()
            .AddCheck<ReconcileFreshnessCheck>("reconcile", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<WebhookFailuresCheck>("webhook_failures", tags: [HealthEndpoints.ReadyTag]);
        services.AddSingleton<SyncLagGauge>();
        services.AddHostedService<SyncLagMonitor>();

        services.AddOptions<ShutdownOptions>().Bind(configuration.GetSection(ShutdownOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ShutdownOptions>, ShutdownOptionsValidator>();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>(
            (host, shutdown) => host.ShutdownTimeout = TimeSpan.FromSeconds(shutdown.Value.ShutdownTimeoutSeconds));

        services.ConfigureSwaggerGen(swagger =>
        {
            swagger.AddSecurityDefinition(ApiKeySchemeId, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "API key with scope read, read:pii (unmasked contact details) or admin.",
            });
            swagger.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiKeySchemeId, document)] = [],
            });
        });
        return services;
    }

    /// <summary>The read endpoints under <c>/api/v1</c>, all requiring the <c>read</c> scope.</summary>
    public static IEndpointRouteBuilder MapReadApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(AuthPolicies.Read)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapOrders().MapTickets().MapEvents().MapSales().MapSyncStatus();
        return app;
    }
}
