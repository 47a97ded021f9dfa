using Microsoft.Extensions.Options;
using Qtickets.Sync.Infrastructure.Observability;

namespace Qtickets.Sync.Api.Health;

public static class HealthSetup
{
    /// <summary>
    /// The readiness checks (database, reconcile freshness, failed or quarantined deliveries) behind <c>/health/ready</c>, their options, and the
    /// sync-lag gauge; the monitor that refreshes it is started in <see cref="Hosting.HostedServices"/>.
    /// </summary>
    public static IServiceCollection AddSyncHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SyncHealthOptions>().Bind(configuration.GetSection(SyncHealthOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SyncHealthOptions>, SyncHealthOptionsValidator>();
        services.AddHealthChecks()
            .AddCheck<ReconcileFreshnessCheck>("reconcile", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<DatabaseReadyCheck>("database", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<WebhookFailuresCheck>("webhook_failures", tags: [HealthEndpoints.ReadyTag]);
        services.AddSyncMetricSet<SyncLagGauge>();
        return services;
    }
}
