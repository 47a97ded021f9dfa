using System.Collections.Concurrent;
using System.Text;
using Qtickets.Sync.Domain.Catalog;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Qtickets;

namespace Qtickets.Sync.Tests.Webhooks;

/// <summary>QTickets' <c>GET /orders/{id}</c> answering from orders the test puts there; nothing else is asked of it.</summary>
public sealed class FakeQticketsClient : IQticketsClient
{
    private readonly ConcurrentDictionary<long, string> orders = new();
    private readonly ConcurrentQueue<long> requested = new();

    public IReadOnlyCollection<long> Requested => requested;

    internal void Serve(OrderPayload order) => orders[order.Id] = order.ToString();

    public Task<Order?> GetOrderAsync(long id, CancellationToken cancellationToken)
    {
        requested.Enqueue(id);
        return Task.FromResult(orders.TryGetValue(id, out var json) ? OrderPayloadParser.Parse(Encoding.UTF8.GetBytes(json)) : null);
    }

    public IAsyncEnumerable<OrderPage> ListOrdersAsync(OrderListQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<IReadOnlyList<Event>> ListEventsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Event?> GetEventAsync(long id, CancellationToken cancellationToken) => throw new NotSupportedException();

}
