using Qtickets.Sync.Domain.Commands;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Commands;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>
/// QTickets' order write endpoints, for the order command path only. A write is sent once per call and never
/// retried here: whether to send it again is decided by the caller after reading the order back.
/// </summary>
public interface IQticketsCommandClient
{
    /// <summary>Sends <paramref name="action"/> (a QTickets action) for order <paramref name="orderId"/> of <paramref name="account"/>, once.</summary>
    Task<CommandAnswer<Order>> SendAsync(CommandAccount account, OrderAction action, long orderId, CancellationToken cancellationToken);

    /// <summary><c>GET /orders/{id}</c>, retried on transient failures; null when QTickets answers 404.</summary>
    Task<Order?> GetOrderAsync(CommandAccount account, long orderId, CancellationToken cancellationToken);
}
