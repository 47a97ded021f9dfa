using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Changes;

/// <summary>QTickets orders (documented order 4360 under fresh ids) and later versions of them, for history tests.</summary>
internal static class ChangeTestOrders
{
    private static long nextId = 700_000;

    /// <summary>A new order (id unique in the test run), version 0.</summary>
    public static Order New()
    {
        var order = SampleOrders.Order4360();
        order.Id = Interlocked.Increment(ref nextId);
        foreach (var basket in order.Baskets)
        {
            basket.Id = Interlocked.Increment(ref nextId);
            basket.OrderId = order.Id;
        }
        return Stamp(order, 0);
    }

    /// <summary>The order as version <paramref name="version"/> of it: later stamp, the price it had then.</summary>
    public static Order Version(Order template, int version, Action<Order>? change = null)
    {
        var copy = SampleOrders.Order4360();
        copy.Id = template.Id;
        copy.Baskets = [.. template.Baskets.Select((b, i) => { var c = copy.Baskets[i]; c.Id = b.Id; c.OrderId = template.Id; return c; })];
        change?.Invoke(copy);
        return Stamp(copy, version);
    }

    private static Order Stamp(Order order, int version)
    {
        order.UpdatedAt = SampleOrders.Order4360().UpdatedAt.AddMinutes(version);
        order.SourceUpdatedAt = order.UpdatedAt;
        order.SourceProgress = OrderProgress.Of(order);
        order.Raw = $$"""{"id":{{order.Id}},"v":{{version}},"price":{{order.Price}},"deleted":"{{order.DeletedAt:O}}","refunded":"{{order.Baskets[0].RefundedAt:O}}"}""";
        return order;
    }
}
