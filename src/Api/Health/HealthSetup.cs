using Microsoft.Extensions.Options;

namespace Qtickets.Sync.Api.Health;

public static class HealthSetup
{
    /// <summary>
    /// The readiness checks (database, reconcile freshness) behind <c>/health/ready</c>, their options, and the
    /// sync-lag gauge with the monitor that refreshes it.
    /// </summary>
    public static IServiceCollection AddSyncHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SyncHealthOptions>().Bind(configuration.GetSection(SyncHealthOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SyncHealthOptions>, SyncHealthOptionsValidator>();
        services.AddHealthChecks()
            .AddCheck<ReconcileFreshnessCheck>("reconcile", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<WebhookFailuresCheck>("webhook_failures", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<DatabaseReadyCheck>("database", tags: [HealthEndpoints.ReadyTag]);
        services.AddSingleton<SyncLagGauge>();
        services.AddHostedService<SyncLagMonitor>();
        return services;
    }
}
