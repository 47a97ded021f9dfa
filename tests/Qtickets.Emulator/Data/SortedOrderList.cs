namespace Qtickets.Emulator.Data;

/// <summary>
/// Orders kept sorted by a 64-bit key so a page is a binary search plus an offset, never a scan.
/// Inserts and removals shift the array (a memmove of a few MB at a million orders), which is cheap next to
/// serving a page and keeps random access by rank that offset paging needs.
/// </summary>
internal sealed class SortedOrderList(Func<Order, long> key, int capacity = 0)
{
    private readonly List<Order> _items = new(capacity);

    public int Count => _items.Count;

    public Order this[int index] => _items[index];

    /// <summary>Bulk load; the caller passes orders already sorted by the key.</summary>
    public void AddSorted(IEnumerable<Order> orders) => _items.AddRange(orders);

    public void Insert(Order order) => _items.Insert(LowerBound(key(order)), order);

    /// <summary>Removes the order, which must still carry the key it was inserted with.</summary>
    public void Remove(Order order)
    {
        var index = LowerBound(key(order));
        if (index >= _items.Count || !ReferenceEquals(_items[index], order))
        {
            throw new InvalidOperationException($"Order {order.IdValue} is not where its sort key says it is.");
        }

        _items.RemoveAt(index);
    }

    /// <summary>First index whose key is &gt;= <paramref name="value"/>.</summary>
    public int LowerBound(long value)
    {
        int lo = 0, hi = _items.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (key(_items[mid]) < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>First index whose key is &gt; <paramref name="value"/>.</summary>
    public int UpperBound(long value) => value == long.MaxValue ? _items.Count : LowerBound(value + 1);
}
