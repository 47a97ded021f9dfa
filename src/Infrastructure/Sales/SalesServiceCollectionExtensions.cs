using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Qtickets.Sync.Infrastructure.Observability;

namespace Qtickets.Sync.Infrastructure.Sales;

public static class SalesServiceCollectionExtensions
{
    /// <summary>The maintained daily sales table: folder (background, every role), drift check and rebuild.</summary>
    public static IServiceCollection AddDailySalesTable(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSyncMetricSet<SalesMetrics>();
        services.AddSingleton<DailySalesFolder>();
        services.AddHostedService<DailySalesFolderService>();
        services.AddTransient<DailySalesDriftCheck>();
        services.AddTransient<DailySalesRebuild>();
        return services;
    }
}
