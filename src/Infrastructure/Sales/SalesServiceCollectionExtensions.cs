using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Qtickets.Sync.Infrastructure.Observability;

namespace Qtickets.Sync.Infrastructure.Sales;

public static class SalesServiceCollectionExtensions
{
    /// <summary>
    /// The maintained daily sales table: folder, drift check and rebuild. The folder's background service
    /// (<see cref="DailySalesFolderService"/>, every role) is started in the host's list of hosted services.
    /// </summary>
    public static IServiceCollection AddDailySalesTable(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSyncMetricSet<SalesMetrics>();
        services.AddSingleton<DailySalesFolder>();
        services.AddTransient<DailySalesDriftCheck>();
        services.AddTransient<DailySalesRebuild>();
        return services;
    }
}
