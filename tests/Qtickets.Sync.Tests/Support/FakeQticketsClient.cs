using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Qtickets.Sync.Domain.Catalog;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Infrastructure.Upstream;
using Qtickets.Sync.Tests.Reconciliation;

namespace Qtickets.Sync.Tests.Support;

/// <summary>
/// Stands in for QTickets: holds the upstream truth and serves it the way the real client does (paid filter,
/// <c>updated_at</c> cut-off, ordering, pages from <see cref="OrderListQuery.StartPage"/>, <c>GET /orders/{id}</c>),
/// with hooks to fail or pause at a chosen page. Every answer is a fresh <see cref="Order"/>, as parsing would give.
/// </summary>
public sealed class FakeQticketsClient : IQticketsClient
{
    private readonly ConcurrentDictionary<long, UpstreamOrder> orders = new();

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

    /// <summary>Holds these orders; answers are copies made when they are served.</summary>
    public void Put(params Order[] upstream)
    {
        foreach (var order in upstream)
        {
            orders[order.Id] = new UpstreamOrder(order, () => UpstreamOrders.Copy(order));
        }
    }

    /// <summary>Holds the order of a JSON payload; answers are parsed from it as the real client parses them.</summary>
    public void Serve(string json)
    {
        static Order Parse(string json) => OrderPayloadParser.Parse(Encoding.UTF8.GetBytes(json));
        var order = Parse(json);
        orders[order.Id] = new UpstreamOrder(order, () => Parse(json));
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
            .Where(u => (!query.PaidOnly || u.Truth.Payed) && (query.UpdatedSince is not { } since || u.Truth.UpdatedAt >= since))
            .OrderBy(u => query.OrderBy == OrderListOrder.UpdatedAt ? u.Truth.UpdatedAt : DateTimeOffset.MinValue)
            .ThenBy(u => u.Truth.Id)
            .ToList();
        for (var page = query.StartPage; ; page++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (BeforePage is { } hook)
            {
                await hook(page, cancellationToken);
            }
            cancellationToken.ThrowIfCancellationRequested();
            var rows = matching.Skip((page - 1) * size).Take(size).Select(u => u.Answer()).ToList();
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
        return Task.FromResult(orders.TryGetValue(id, out var order) ? order.Answer() : null);
    }

    public async IAsyncEnumerable<IReadOnlyList<Event>> ListEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        yield return Events;
    }

    public Task<Event?> GetEventAsync(long id, CancellationToken cancellationToken) =>
        Task.FromResult(Events.FirstOrDefault(e => e.Id == id));

    /// <summary>
    /// <paramref name="Truth"/> is what listings filter and sort on; <paramref name="Answer"/> makes what is served
    /// (the upserter writes into the baskets it is given, so each answer is new).
    /// </summary>
    private sealed record UpstreamOrder(Order Truth, Func<Order> Answer);
}
