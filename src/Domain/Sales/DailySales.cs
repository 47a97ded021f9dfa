using Qtickets.Sync.Domain.Orders;

namespace Qtickets.Sync.Domain.Sales;

/// <summary>One row of the daily sales fact: a local day and an event.</summary>
public sealed record DailySales(
    DateOnly Day,
    long EventId,
    int PaidOrders,
    int TicketsSold,
    decimal Revenue,
    int RefundedTickets,
    decimal RefundedAmount)
{
    public decimal NetRevenue => Revenue - RefundedAmount;

    /// <summary>Computes the fact from orders in memory: the reference the SQL is tested against.</summary>
    public static IReadOnlyList<DailySales> Compute(IEnumerable<Order> orders, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var rows = new Dictionary<(DateOnly, long), DailySales>();
        DailySales Row(DateOnly day, long eventId) =>
            rows.TryGetValue((day, eventId), out var row) ? row : new DailySales(day, eventId, 0, 0, 0m, 0, 0m);

        foreach (var order in orders)
        {
            var sold = order.Baskets.Where(b => SalesRules.CountsAsSold(order, b)).ToList();
            if (sold.Count > 0)
            {
                var day = SalesRules.LocalDay(order.PayedAt!.Value, zone);
                var row = Row(day, order.EventId);
                rows[(day, order.EventId)] = row with
                {
                    PaidOrders = row.PaidOrders + 1,
                    TicketsSold = row.TicketsSold + sold.Sum(b => b.Quantity),
                    Revenue = row.Revenue + sold.Sum(SalesRules.Revenue),
                };
            }
            foreach (var refunded in sold.Where(b => b.RefundedAt is not null))
            {
                var day = SalesRules.LocalDay(refunded.RefundedAt!.Value, zone);
                var row = Row(day, order.EventId);
                rows[(day, order.EventId)] = row with
                {
                    RefundedTickets = row.RefundedTickets + refunded.Quantity,
                    RefundedAmount = row.RefundedAmount + (refunded.RefundedAmount ?? 0m),
                };
            }
        }
        return [.. rows.Values.OrderBy(r => r.Day).ThenBy(r => r.EventId)];
    }
}
