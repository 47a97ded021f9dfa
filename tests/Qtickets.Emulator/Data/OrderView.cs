namespace Qtickets.Emulator.Data;

/// <summary>
/// A subset of orders (all, or the ones a <c>payed=1</c> listing returns) indexed by id and by (updated_at, id).
/// </summary>
internal sealed class OrderView(Func<Order, bool> accepts, int capacity)
{
    public SortedOrderList ById { get; } = new(o => o.IdValue, capacity);

    public SortedOrderList ByUpdated { get; } = new(o => o.UpdatedKey, capacity);

    public bool Accepts(Order order) => accepts(order);

    public void Load(IReadOnlyList<Order> ordersById)
    {
        var members = ordersById.Where(accepts).ToArray();
        ById.AddSorted(members);

        // Sorting a key array alongside the orders avoids chasing a pointer per comparison (seconds at 1M orders).
        var keys = Array.ConvertAll(members, o => o.UpdatedKey);
        Array.Sort(keys, members);
        ByUpdated.AddSorted(members);
    }

    public void Add(Order order)
    {
        if (accepts(order))
        {
            ById.Insert(order);
            ByUpdated.Insert(order);
        }
    }

    /// <summary>Call before mutating an order; returns whether it was a member.</summary>
    public bool BeginChange(Order order)
    {
        if (!accepts(order))
        {
            return false;
        }

        ByUpdated.Remove(order);
        return true;
    }

    /// <summary>Call after mutating; re-indexes the new (updated_at, id) and follows membership changes.</summary>
    public void EndChange(Order order, bool wasMember)
    {
        var isMember = accepts(order);
        if (isMember)
        {
            ByUpdated.Insert(order);
        }

        if (isMember && !wasMember)
        {
            ById.Insert(order);
        }
        else if (!isMember && wasMember)
        {
            ById.Remove(order);
        }
    }
}
