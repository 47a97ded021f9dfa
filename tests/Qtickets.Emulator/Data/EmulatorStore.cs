using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Qtickets.Emulator.Data;

/// <summary>
/// The emulated QTickets account: every order, indexed for listings, guarded by one lock. Readers get
/// snapshots, so serialisation happens outside the lock; changes go through <see cref="Change"/> and
/// <see cref="Add"/>, which keep the indexes and the never-backwards clock right.
/// </summary>
public sealed class EmulatorStore
{
    /// <summary>Orders created live are numbered from the seconds since this instant (see the constructor).</summary>
    private static readonly DateTimeOffset LiveIdEpoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly OrderView _all;
    private readonly OrderView _paid;
    private int _nextOrderId;
    private int _clock;
    private int _basketCount;

    public EmulatorStore(DataSetGenerator generator, TimeProvider time, IOptions<EmulatorOptions> options, ILogger<EmulatorStore> logger)
    {
        _time = time;
        var settings = options.Value;
        var started = Stopwatch.GetTimestamp();
        var dataSet = generator.Generate(time.GetUtcNow());
        Factory = dataSet.Factory;
        // The generated history has the same ids after a restart; orders created live must not reuse a previous
        // start's ids, so they are numbered from the start-up second (unique below one new order a second).
        _nextOrderId = Math.Max(dataSet.NextOrderId, checked((int)(time.GetUtcNow() - LiveIdEpoch).TotalSeconds));

        var capacity = dataSet.Orders.Count + 1_024;
        _all = new OrderView(_ => true, capacity);
        _paid = settings.PaidListingExcludesCancelled
            ? new OrderView(o => o.PayedValue && o.DeletedAtSec == 0, capacity)
            : new OrderView(o => o.PayedValue, capacity);
        _all.Load(dataSet.Orders);
        _paid.Load(dataSet.Orders);

        foreach (var order in dataSet.Orders)
        {
            _basketCount += order.BasketsValue.Length;
            _clock = Math.Max(_clock, order.UpdatedAtSec);
        }

        logger.LogInformation(
            "Generated {Orders} orders with {Baskets} baskets (seed {Seed}) in {ElapsedMs} ms",
            dataSet.Orders.Count, _basketCount, settings.Seed, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public IReadOnlyList<EventInfo> Events => Factory.Events;

    public IReadOnlyList<Client> Clients => Factory.Clients;

    public int OrderCount
    {
        get
        {
            lock (_gate)
            {
                return _all.ById.Count;
            }
        }
    }

    public int BasketCount
    {
        get
        {
            lock (_gate)
            {
                return _basketCount;
            }
        }
    }

    internal OrderFactory Factory { get; }

    public Order? FindOrder(int id)
    {
        lock (_gate)
        {
            return FindLive(id)?.Snapshot();
        }
    }

    /// <summary>Snapshots of every order sorted by id, starting at rank <paramref name="offset"/>.</summary>
    public IReadOnlyList<Order> GetOrders(int offset, int count)
    {
        lock (_gate)
        {
            var end = (int)Math.Min(_all.ById.Count, (long)offset + count);
            var result = new List<Order>(Math.Max(0, end - offset));
            for (var i = Math.Max(0, offset); i < end; i++)
            {
                result.Add(_all.ById[i].Snapshot());
            }

            return result;
        }
    }

    /// <summary>The truth: every order by id, taken in batches so the lock is never held for long.</summary>
    public IEnumerable<Order> EnumerateOrders(int batchSize = 1_000)
    {
        for (var offset = 0; ; offset += batchSize)
        {
            var batch = GetOrders(offset, batchSize);
            foreach (var order in batch)
            {
                yield return order;
            }

            if (batch.Count < batchSize)
            {
                yield break;
            }
        }
    }

    public OrderPage ListOrders(OrderQuery query)
    {
        lock (_gate)
        {
            var view = query.Payed == true ? _paid : _all;
            var filters = new List<Func<Order, bool>>(query.Residual);
            if (query.Payed == false)
            {
                filters.Add(o => !o.PayedValue);
            }

            SortedOrderList list;
            int lo, hi;
            if (query.EffectiveSort == OrderSort.UpdatedAt)
            {
                list = view.ByUpdated;
                lo = list.LowerBound(((long)query.UpdatedFrom << 32) | 0);
                hi = list.UpperBound(((long)query.UpdatedTo << 32) | uint.MaxValue);
                if (query.HasIdBounds)
                {
                    filters.Add(o => o.IdValue >= query.IdFrom && o.IdValue <= query.IdTo);
                }
            }
            else
            {
                list = view.ById;
                lo = list.LowerBound(query.IdFrom);
                hi = list.UpperBound(query.IdTo);
                if (query.HasUpdatedBounds)
                {
                    filters.Add(o => o.UpdatedAtSec >= query.UpdatedFrom && o.UpdatedAtSec <= query.UpdatedTo);
                }
            }

            return filters.Count == 0
                ? SliceRange(list, lo, hi, query)
                : ScanRange(list, lo, hi, query, filters, view);
        }
    }

    internal int ChangeTime()
    {
        // One-second resolution, never behind the last change, whatever the (possibly fake) clock says.
        _clock = Math.Max(_clock, WireTime.ToSeconds(_time.GetUtcNow()));
        return _clock;
    }

    /// <summary>A random live order matching <paramref name="eligible"/>; the documented order 4360 is never picked.</summary>
    internal Order? PickRandom(Random rng, Func<Order, bool> eligible, int attempts = 200)
    {
        lock (_gate)
        {
            for (var i = 0; i < attempts; i++)
            {
                var order = _all.ById[rng.Next(_all.ById.Count)];
                if (order.IdValue != SeedOrder.OrderId && eligible(order))
                {
                    return order;
                }
            }

            return null;
        }
    }

    /// <summary>Applies a change at the emulator clock and returns a snapshot of the result.</summary>
    internal Order Change(Order live, Action<Order, int> change)
    {
        lock (_gate)
        {
            var inAll = _all.BeginChange(live);
            var inPaid = _paid.BeginChange(live);
            change(live, ChangeTime());
            _all.EndChange(live, inAll);
            _paid.EndChange(live, inPaid);
            return live.Snapshot();
        }
    }

    /// <summary>
    /// Runs <paramref name="edit"/> on the live order <paramref name="id"/> under the lock, given the emulator clock,
    /// so checking and changing are one step; the indexes follow whatever it changed. Null when there is no such order.
    /// </summary>
    internal TResult? Edit<TResult>(int id, Func<Order, int, TResult> edit)
        where TResult : class
    {
        lock (_gate)
        {
            if (FindLive(id) is not { } live)
            {
                return null;
            }

            var inAll = _all.BeginChange(live);
            var inPaid = _paid.BeginChange(live);
            try
            {
                return edit(live, ChangeTime());
            }
            finally
            {
                _all.EndChange(live, inAll);
                _paid.EndChange(live, inPaid);
                // A change may stamp ahead of the clock (a restore); later changes must not stamp behind it.
                _clock = Math.Max(_clock, live.UpdatedAtSec);
            }
        }
    }

    /// <summary>The id of the order holding basket <paramref name="basketId"/>, or null.</summary>
    internal int? OrderOfBasket(int basketId)
    {
        lock (_gate)
        {
            for (var i = 0; i < _all.ById.Count; i++)
            {
                foreach (ref readonly var basket in _all.ById[i].BasketsValue.AsSpan())
                {
                    if (basket.IdValue == basketId)
                    {
                        return _all.ById[i].IdValue;
                    }
                }
            }

            return null;
        }
    }

    /// <summary>Creates an order through <paramref name="create"/> (given the next id and the clock) and indexes it.</summary>
    internal Order Add(Func<int, int, Order> create)
    {
        lock (_gate)
        {
            return Insert(create(_nextOrderId++, ChangeTime()));
        }
    }

    /// <summary>
    /// Inserts an order whose id or updated_at is chosen by the caller, possibly below existing ones: the
    /// "shifting pages" fault. Returns null when <paramref name="create"/> declines.
    /// </summary>
    internal Order? AddOutOfOrder(Func<EmulatorStore, Order?> create)
    {
        lock (_gate)
        {
            var order = create(this);
            return order is null ? null : Insert(order);
        }
    }

    /// <summary>Largest unused id below <paramref name="id"/> (ids have gaps), or null. Caller holds the lock.</summary>
    internal int? FreeIdBelow(int id)
    {
        var ids = _all.ById;
        for (var i = Math.Min(ids.LowerBound(id), ids.Count - 1); i >= 0; i--)
        {
            var below = i == 0 ? 0 : ids[i - 1].IdValue;
            if (ids[i].IdValue - below > 1)
            {
                return ids[i].IdValue - 1;
            }
        }

        return null;
    }

    internal int TakeNextOrderId() => _nextOrderId++;

    private Order Insert(Order order)
    {
        _all.Add(order);
        _paid.Add(order);
        _basketCount += order.BasketsValue.Length;
        return order.Snapshot();
    }

    private Order? FindLive(int id)
    {
        var index = _all.ById.LowerBound(id);
        return index < _all.ById.Count && _all.ById[index].IdValue == id ? _all.ById[index] : null;
    }

    private static OrderPage SliceRange(SortedOrderList list, int lo, int hi, OrderQuery query)
    {
        var total = hi - lo;
        var items = new List<Order>(Math.Min(query.PerPage, Math.Max(0, total - query.Offset)));
        for (var rank = query.Offset; rank < total && items.Count < query.PerPage; rank++)
        {
            items.Add(list[query.Descending ? hi - 1 - rank : lo + rank].Snapshot());
        }

        return new OrderPage(items, total, query.Page, query.PerPage);
    }

    private static OrderPage ScanRange(
        SortedOrderList list, int lo, int hi, OrderQuery query, List<Func<Order, bool>> filters, OrderView view)
    {
        // The common "since, sorted by id" listing: the total comes from the (updated_at, id) index, and the
        // scan stops once the page is full instead of walking every order.
        var onlyUpdatedBounds = query.EffectiveSort == OrderSort.Id && filters.Count == 1
            && query.Residual.Count == 0 && query.Payed != false && !query.HasIdBounds;
        int? knownTotal = onlyUpdatedBounds
            ? view.ByUpdated.UpperBound(((long)query.UpdatedTo << 32) | uint.MaxValue)
              - view.ByUpdated.LowerBound((long)query.UpdatedFrom << 32)
            : null;

        var items = new List<Order>();
        var matched = 0;
        for (var step = 0; step < hi - lo; step++)
        {
            var order = list[query.Descending ? hi - 1 - step : lo + step];
            if (!filters.TrueForAll(f => f(order)))
            {
                continue;
            }

            if (matched++ >= query.Offset && items.Count < query.PerPage)
            {
                items.Add(order.Snapshot());
            }
            else if (items.Count == query.PerPage && knownTotal is not null)
            {
                break;
            }
        }

        return new OrderPage(items, knownTotal ?? matched, query.Page, query.PerPage);
    }
}
