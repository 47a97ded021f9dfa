using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;

namespace Qtickets.Sync.Infrastructure.Observability;

public static class ObservabilityServiceCollectionExtensions
{
    /// <summary>Registers <typeparamref name="T"/> as a singleton that is built at startup (see <see cref="ISyncMetricSet"/>).</summary>
    public static IServiceCollection AddSyncMetricSet<T>(this IServiceCollection services)
        where T : class, ISyncMetricSet
    {
        services.TryAddSingleton<SyncMetricsRegistry>();
        services.TryAddSingleton<IMetricFactory>(sp => sp.GetRequiredService<SyncMetricsRegistry>().Factory);
        services.AddSingleton<T>();
        services.AddSingleton<ISyncMetricSet>(sp => sp.GetRequiredService<T>());
        return services;
    }
}
