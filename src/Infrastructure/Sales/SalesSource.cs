using Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;

namespace Qtickets.Sync.Infrastructure.Sales;

/// <summary>
/// The platforms whose orders feed <c>daily_sales</c> (its <c>source</c> column) and the recompute function that
/// states each one's rules (docs/sales-rules.md).
/// </summary>
public static class SalesSource
{
    public const string Qtickets = DailySalesKeys.Source;
    public const string Ticketscloud = TicketscloudSalesSql.Source;

    public static IReadOnlyList<string> All { get; } = [Qtickets, Ticketscloud];

    /// <summary>The SQL function computing a source's rows (same arguments and columns for every source).</summary>
    public static string RecomputeFunction(string source) => source switch
    {
        Qtickets => "qtickets_daily_sales",
        Ticketscloud => "ticketscloud_daily_sales",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Not a daily sales source."),
    };
}
