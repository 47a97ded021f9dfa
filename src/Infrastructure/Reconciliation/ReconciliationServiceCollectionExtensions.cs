using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Infrastructure.Observability;
using Qtickets.Sync.Infrastructure.Reconciliation.Audit;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

public static class ReconciliationServiceCollectionExtensions
{
    /// <summary>The reconciliation runs and their bookkeeping, and the platforms' seam (<see cref="ReconcilePlatforms"/>).</summary>
    public static IServiceCollection AddReconciliation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReconcileOptions>()
            .Bind(configuration.GetSection(ReconcileOptions.Section))
            .Configure(o =>
            {
                // The field report's variable (docs/sources.md) still works when the setting itself is absent.
                if (configuration[$"{ReconcileOptions.Section}:{nameof(ReconcileOptions.InitialHorizonHours)}"] is null
                    && int.TryParse(configuration[ReconcileOptions.SinceHoursEnvironmentVariable], out var hours))
                {
                    o.InitialHorizonHours = hours;
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReconcileOptions>, ReconcileOptionsValidator>();
        services.AddOptions<FutureStampOptions>().Bind(configuration.GetSection(FutureStampOptions.Section));
        services.AddOptions<SetAsideOptions>().Bind(configuration.GetSection(SetAsideOptions.Section));
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSyncMetricSet<ReconcileMetrics>();
        services.AddSyncMetricSet<UpstreamBehaviourMonitor>();
        services.AddSingleton<SyncRunLedger>();
        services.AddSingleton<AuditComparison>();
        services.AddSingleton<SyncStateStore>();
        services.AddSingleton<InitialLoadStore>();
        services.AddSingleton<SyncRunner>();
        services.AddSingleton<PageWriteFrame>();
        services.AddSingleton<SetAsideOrders>();
        services.AddSingleton<ReconcilePlatforms>();
        return services;
    }
}
