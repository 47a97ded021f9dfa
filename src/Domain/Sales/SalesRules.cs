using Qtickets.Sync.Domain.Orders;

namespace Qtickets.Sync.Domain.Sales;

/// <summary>
/// What counts as a sale, a refund and a cancellation, written out for accounting in <c>docs/sales-rules.md</c>.
/// The SQL function <c>qtickets_daily_sales</c> (SalesSql) implements the same rules for the database; tests
/// feed the same orders to both and compare every row.
/// </summary>
public static class SalesRules
{
    /// <summary>
    /// Rule 2: an order sells only when it is paid (<c>payed</c> with a <c>payed_at</c>) and QTickets still knows
    /// it (<c>upstream_missing_at</c> unset); an order QTickets no longer lists is shown apart, not counted.
    /// </summary>
    public static bool IsSale(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.Payed && order.PayedAt is not null && order.UpstreamMissingAt is null;
    }

    /// <summary>
    /// Rules 3–5: a ticket of a sale counts as sold unless it was cancelled without a refund: a basket deleted,
    /// dropped from a newer payload (vanished) or in an order cancelled (order <c>deleted_at</c>) counts only
    /// when it carries a refund record, because then money changed hands and came back.
    /// </summary>
    public static bool CountsAsSold(Order order, Basket basket)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(basket);
        if (!IsSale(order))
        {
            return false;
        }
        var cancelled = basket.VanishedAt is not null || basket.DeletedAt is not null || order.DeletedAt is not null;
        return !cancelled || IsRefunded(basket);
    }

    /// <summary>Rule 6: a refund exists when <c>refunded_at</c> is set; <c>refunded_amount: 0</c> alone is not one.</summary>
    public static bool IsRefunded(Basket basket)
    {
        ArgumentNullException.ThrowIfNull(basket);
        return basket.RefundedAt is not null;
    }

    /// <summary>A refund that counts in the report: of a ticket that counted as sold.</summary>
    public static bool IsRefunded(Order order, Basket basket) => CountsAsSold(order, basket) && IsRefunded(basket);

    /// <summary>Rule 7: what the buyer paid for the basket: price × quantity.</summary>
    public static decimal Gross(Basket basket)
    {
        ArgumentNullException.ThrowIfNull(basket);
        return basket.Price * basket.Quantity;
    }

    /// <summary>Rule 8: the service fee part of the gross: <c>service_fee_amount</c> × quantity, 0 when absent.</summary>
    public static decimal ServiceFees(Basket basket)
    {
        ArgumentNullException.ThrowIfNull(basket);
        return (basket.ServiceFeeAmount ?? 0m) * basket.Quantity;
    }

    /// <summary>Rule 8: the ticket part of the gross is the rest, so ticket revenue + service fees = gross exactly.</summary>
    public static decimal TicketRevenue(Basket basket) => Gross(basket) - ServiceFees(basket);

    /// <summary>Rule 6: the money returned, <c>refunded_amount</c>; the deduction the organizer kept is not returned.</summary>
    public static decimal Refund(Basket basket)
    {
        ArgumentNullException.ThrowIfNull(basket);
        return basket.RefundedAmount ?? 0m;
    }

    /// <summary>Rule 1: the calendar day of an instant in the reporting zone.</summary>
    public static DateOnly LocalDay(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>Rule 9: baskets without a show are reported under show 0.</summary>
    public static long ShowOf(Basket basket)
    {
        ArgumentNullException.ThrowIfNull(basket);
        return basket.ShowId ?? 0;
    }
}
