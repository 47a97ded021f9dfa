using Qtickets.Sync.Domain.Commands;
using Qtickets.Sync.Domain.Ticketscloud;
using Qtickets.Sync.Infrastructure.Commands;

namespace Qtickets.Sync.Infrastructure.Ticketscloud;

/// <summary>Ticketscloud's order actions, for the command path only: one PATCH per call, never retried here.</summary>
public interface ITicketscloudCommandClient
{
    /// <summary><c>PATCH /v2/resources/orders/:id</c> with <paramref name="action"/>, once.</summary>
    Task<CommandAnswer<TicketscloudOrder>> PatchAsync(CommandAccount account, string orderId, OrderAction action, CancellationToken cancellationToken);

    /// <summary><c>GET /v2/resources/orders/:id</c>, retried on transient failures; null on 404.</summary>
    Task<TicketscloudOrder?> GetOrderAsync(CommandAccount account, string orderId, CancellationToken cancellationToken);
}
