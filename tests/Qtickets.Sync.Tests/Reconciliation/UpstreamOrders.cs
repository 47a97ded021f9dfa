using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Reconciliation;

/// <summary>Distinct orders shaped like the documented order 4360 (docs/sources.md), with a payload that tracks their version.</summary>
public static class UpstreamOrders
{
    private static long nextId = 5_000_000;

    public static Order Paid(DateTimeOffset updatedAt)
    {
        var order = SampleOrders.Order4360();
        order.Id = Interlocked.Increment(ref nextId);
        foreach (var basket in order.Baskets)
        {
            basket.Id = Interlocked.Increment(ref nextId);
            basket.OrderId = order.Id;
        }
        return Versioned(order, updatedAt);
    }

    /// <summary>The same order as QTickets would show it later, after <paramref name="change"/>.</summary>
    public static Order Later(Order order, TimeSpan after, Action<Order>? change = null)
    {
        var copy = Copy(order);
        change?.Invoke(copy);
        return Versioned(copy, order.UpdatedAt + after);
    }

    public static Order Copy(Order order)
    {
        var copy = SampleOrders.Order4360();
        copy.Id = order.Id;
        copy.Payed = order.Payed;
        copy.DeletedAt = order.DeletedAt;
        copy.UpdatedAt = order.UpdatedAt;
        copy.Raw = order.Raw;
        copy.SourceUpdatedAt = order.SourceUpdatedAt;
        copy.Baskets = [.. order.Baskets.Select((b, i) =>
        {
            var c = copy.Baskets[i];
            c.Id = b.Id;
            c.OrderId = order.Id;
            c.RefundedAt = b.RefundedAt;
            c.UpdatedAt = b.UpdatedAt;
            c.SourceUpdatedAt = b.SourceUpdatedAt;
            return c;
        })];
        copy.SourceProgress = order.SourceProgress;
        return copy;
    }

    private static Order Versioned(Order order, DateTimeOffset updatedAt)
    {
        order.UpdatedAt = updatedAt;
        order.SourceUpdatedAt = updatedAt;
        foreach (var basket in order.Baskets)
        {
            basket.UpdatedAt = updatedAt;
            basket.SourceUpdatedAt = updatedAt;
        }
        order.SourceProgress = OrderProgress.Of(order);
        order.Raw = $$"""{"id":{{order.Id}},"updated_at":"{{updatedAt:O}}","payed":{{(order.Payed ? 1 : 0)}},"deleted":{{(order.DeletedAt is null ? "false" : "true")}}}""";
        return order;
    }
}
