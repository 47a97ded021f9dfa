using Qtickets.Sync.Domain.Orders;

namespace Qtickets.Sync.Domain.Sales;

/// <summary>
/// What counts as a sale and a refund. The SQL function <c>qtickets_daily_sales</c> implements the same rules
/// for the database; tests hold the two against each other.
/// </summary>
/// <remarks>
/// A ticket is sold on the local day its order was paid if the order is paid and the ticket was not removed
/// before money changed hands (a refunded ticket was sold first, so it still counts). A refund is booked on
/// the local day of <c>refunded_at</c>, for <c>refunded_amount</c>. Revenue is price × quantity.
/// </remarks>
public static class SalesRules
{
    public static bool CountsAsSold(Order order, Basket basket)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(basket);
        if (!order.Payed || order.PayedAt is null)
        {
            return false;
        }
        var removed = basket.VanishedAt is not null || basket.DeletedAt is not null;
        return !removed || basket.RefundedAt is not null;
    }

    public static decimal Revenue(Basket basket)
    {
        ArgumentNullException.ThrowIfNull(basket);
        return basket.Price * basket.Quantity;
    }

    public static bool IsRefunded(Order order, Basket basket) =>
        CountsAsSold(order, basket) && basket.RefundedAt is not null;

    public static DateOnly LocalDay(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
