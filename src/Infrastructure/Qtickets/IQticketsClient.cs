using Qtickets.Sync.Domain.Catalog;
using Qtickets.Sync.Domain.Orders;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>
/// Read-only access to the QTickets REST API v1. There is deliberately no method that writes: the sync must
/// never create orders, mark tickets scanned or refund baskets.
/// </summary>
public interface IQticketsClient
{
    /// <summary>Streams <c>GET /orders</c> page by page; throws <see cref="QticketsPagingException"/> on a repeating page.</summary>
    IAsyncEnumerable<OrderPage> ListOrdersAsync(OrderListQuery query, CancellationToken cancellationToken);

    /// <summary><c>GET /orders/{id}</c>; null when QTickets answers 404.</summary>
    Task<Order?> GetOrderAsync(long id, CancellationToken cancellationToken);

    /// <summary>Streams <c>GET /events</c> page by page, each event with its shows.</summary>
    IAsyncEnumerable<IReadOnlyList<Event>> ListEventsAsync(CancellationToken cancellationToken);

    /// <summary><c>GET /events/{id}</c>; null when QTickets answers 404.</summary>
    Task<Event?> GetEventAsync(long id, CancellationToken cancellationToken);
}
