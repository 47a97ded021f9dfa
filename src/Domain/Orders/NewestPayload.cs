namespace Qtickets.Sync.Domain.Orders;

/// <summary>
/// Picks the payload to keep when one batch holds several of the same order (a webhook burst, a listing that
/// shows an order twice because it changed while being paged). The rule is <see cref="OrderVersion"/>'s.
/// </summary>
public static class NewestPayload
{
    /// <summary>
    /// True when <paramref name="next"/> replaces <paramref name="kept"/>: its version is newer, or the same with
    /// a different payload (the later one wins the tie, as it would against the stored row). The very same payload
    /// again changes nothing, so the first one is kept.
    /// </summary>
    public static bool Overtakes(Order next, Order kept)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(kept);
        return next.Version > kept.Version || (next.Version == kept.Version && next.Raw != kept.Raw);
    }

    /// <summary>
    /// One payload per order, the one <see cref="Overtakes"/> keeps, in id order: for a reader that compares a
    /// listing with the mirror (the audit). Writes leave the choice to the upsert statement, which makes the same one.
    /// </summary>
    public static List<Order> PerOrder(IReadOnlyList<Order> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var latest = new Dictionary<long, Order>(orders.Count);
        foreach (var order in orders)
        {
            if (!latest.TryGetValue(order.Id, out var kept) || Overtakes(order, kept))
            {
                latest[order.Id] = order;
            }
        }
        return [.. latest.Values.OrderBy(o => o.Id)];
    }
}
