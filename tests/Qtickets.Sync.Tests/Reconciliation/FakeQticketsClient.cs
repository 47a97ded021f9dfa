using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Qtickets.Sync.Domain.Catalog;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Qtickets;

namespace Qtickets.Sync.Tests.Reconciliation;

/// <summary>
/// Stands in for QTickets: holds the upstream truth and serves it the way the real client does (paid filter,
/// <c>updated_at</c> cut-off, ordering, pages from <see cref="OrderListQuery.StartPage"/>), with hooks to fail
/// or pause at a chosen page.
/// </summary>
public sealed class FakeQticketsClient : IQticketsClient
{
    private readonly ConcurrentDictionary<long, Order> orders = new();

    public List<OrderListQuery> Queries { get; } = [];
    public List<int> PagesServed { get; } = [];
    public List<long> Fetched { get; } = [];
    public List<Event> Events { get; } = [];

    /// <summary>Runs before a page is served; throw from it to fail that page's fetch.</summary>
    public Func<int, CancellationToken, Task>? BeforePage { get; set; }

    /// <summary>Runs once a page has been fetched, just before the caller gets it.</summary>
    public Action<int>? AfterFetch { get; set; }

    public void Reset()
    {
        orders.Clear();
        Queries.Clear();
        PagesServed.Clear();
        Fetched.Clear();
        Events.Clear();
        BeforePage = null;
        AfterFetch = null;
    }

    public void Put(params Order[] upstream)
    {
        foreach (var order in upstream)
        {
            orders[order.Id] = order;
        }
    }

    public void Remove(long id) => orders.TryRemove(id, out _);

    public async IAsyncEnumerable<OrderPage> ListOrdersAsync(OrderListQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        lock (Queries)
        {
            Queries.Add(query);
        }
        var size = query.PageSize ?? 200;
        var matching = orders.Values
            .Where(o => (!query.PaidOnly || o.Payed) && (query.UpdatedSince is not { } since || o.UpdatedAt >= since))
            .OrderBy(o => query.OrderBy == OrderListOrder.UpdatedAt ? o.UpdatedAt : DateTimeOffset.MinValue)
            .ThenBy(o => o.Id)
            .ToList();
        for (var page = query.StartPage; ; page++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (BeforePage is { } hook)
            {
                await hook(page, cancellationToken);
            }
            cancellationToken.ThrowIfCancellationRequested();
            var rows = matching.Skip((page - 1) * size).Take(size).Select(Clone).ToList();
            lock (PagesServed)
            {
                PagesServed.Add(page);
            }
            AfterFetch?.Invoke(page);
            // Honours everything it is asked for, as the documentation promises.
            var verdict = new ListingVerdict(
                query.PaidOnly ? Compliance.Honoured : Compliance.Unknown,
                query.UpdatedSince is null ? Compliance.Unknown : Compliance.Honoured,
                Compliance.Honoured,
                size);
            ApiCallTally.Current?.CountList();
            ApiCallTally.Current?.Observe(verdict);
            yield return new OrderPage(page, rows, matching.Count, size, 0, rows.Count < size || page * size >= matching.Count, verdict);
            if (rows.Count < size)
            {
                yield break;
            }
        }
    }

    public Task<Order?> GetOrderAsync(long id, CancellationToken cancellationToken)
    {
        lock (Fetched)
        {
            Fetched.Add(id);
        }
        return Task.FromResult(orders.TryGetValue(id, out var order) ? Clone(order) : null);
    }

    public async IAsyncEnumerable<IReadOnlyList<Event>> ListEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        yield return Events;
    }

    public Task<Event?> GetEventAsync(long id, CancellationToken cancellationToken) =>
        Task.FromResult(Events.FirstOrDefault(e => e.Id == id));

    /// <summary>The upserter writes into the baskets it is given; each page gets copies, as parsing would.</summary>
    private static Order Clone(Order order) => UpstreamOrders.Copy(order);
}
