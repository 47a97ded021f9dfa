namespace Qtickets.Sync.Domain.Orders;

/// <summary>
/// Counts the one-way transitions an order has gone through; the tie-breaker of <see cref="OrderVersion"/>.
/// </summary>
public static class OrderProgress
{
    public static int Of(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var progress = (order.Payed ? 1 : 0) + (order.DeletedAt is null ? 0 : 1);
        foreach (var basket in order.Baskets)
        {
            progress += (basket.RefundedAt is null ? 0 : 1)
                + (basket.CheckedAt is null ? 0 : 1)
                + (basket.DeletedAt is null ? 0 : 1);
        }
        return progress;
    }
}
