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

    /// <summary>
    /// The instants a source's rows are dated by, as (table, column): its sales (what a chunk of a full recompute is
    /// sized by) and its refunds. Each has an index, so the first instant after a bound is one probe.
    /// </summary>
    public static (Instants Sales, Instants Refunds) Timeline(string source) => source switch
    {
        Qtickets => (new("qtickets_orders", "payed_at"), new("qtickets_baskets", "refunded_at")),
        Ticketscloud => (new("ticketscloud_orders", "done_at"), new("ticketscloud_refund_requests", "approved_at")),
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Not a daily sales source."),
    };

    /// <summary>A timestamp column of one table.</summary>
    public readonly record struct Instants(string Table, string Column);

    /// <summary>The (account_id, event_id) pairs a source's rows can be keyed by, as a query over its own tables.</summary>
    public static string Events(string source) => source switch
    {
        Qtickets => "SELECT account_id, event_id FROM qtickets_orders",
        Ticketscloud => "SELECT account_id, sales_key AS event_id FROM ticketscloud_events",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Not a daily sales source."),
    };
}
