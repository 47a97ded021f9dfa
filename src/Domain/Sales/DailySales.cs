using Qtickets.Sync.Domain.Orders;

namespace Qtickets.Sync.Domain.Sales;

/// <summary>
/// One row of the daily sales fact: a local day, an event and a show. Sales count on the day the order was paid,
/// refunds on the day of the refund (docs/sales-rules.md).
/// </summary>
public sealed record DailySales(
    DateOnly Day,
    long EventId,
    long ShowId,
    int PaidOrders,
    int TicketsSold,
    decimal Gross,
    decimal TicketRevenue,
    decimal ServiceFees,
    int RefundedTickets,
    decimal Refunds)
{
    /// <summary>Rule 10: gross minus refunds booked that day.</summary>
    public decimal Net => Gross - Refunds;

    /// <summary>Computes the fact from orders in memory: the reference the SQL and the maintained table are tested against.</summary>
    public static IReadOnlyList<DailySales> Compute(IEnumerable<Order> orders, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var rows = new Dictionary<(DateOnly, long, long), DailySales>();
        void Add(DateOnly day, long eventId, long showId, Func<DailySales, DailySales> change)
        {
            var key = (day, eventId, showId);
            rows[key] = change(rows.TryGetValue(key, out var row) ? row : new DailySales(day, eventId, showId, 0, 0, 0m, 0m, 0m, 0, 0m));
        }

        foreach (var order in orders)
        {
            var sold = order.Baskets.Where(b => SalesRules.CountsAsSold(order, b)).ToList();
            foreach (var show in sold.GroupBy(SalesRules.ShowOf))
            {
                Add(SalesRules.LocalDay(order.PayedAt!.Value, zone), order.EventId, show.Key, row => row with
                {
                    PaidOrders = row.PaidOrders + 1,
                    TicketsSold = row.TicketsSold + show.Sum(b => b.Quantity),
                    Gross = row.Gross + show.Sum(SalesRules.Gross),
                    TicketRevenue = row.TicketRevenue + show.Sum(SalesRules.TicketRevenue),
                    ServiceFees = row.ServiceFees + show.Sum(SalesRules.ServiceFees),
                });
            }
            foreach (var refunded in sold.Where(SalesRules.IsRefunded))
            {
                Add(SalesRules.LocalDay(refunded.RefundedAt!.Value, zone), order.EventId, SalesRules.ShowOf(refunded), row => row with
                {
                    RefundedTickets = row.RefundedTickets + refunded.Quantity,
                    Refunds = row.Refunds + SalesRules.Refund(refunded),
                });
            }
        }
        return [.. rows.Values.OrderBy(r => r.Day).ThenBy(r => r.EventId).ThenBy(r => r.ShowId)];
    }
}
