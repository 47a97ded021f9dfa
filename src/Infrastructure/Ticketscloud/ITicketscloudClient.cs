using Qtickets.Sync.Domain.Ticketscloud;

namespace Qtickets.Sync.Infrastructure.Ticketscloud;

/// <summary>Reads one Ticketscloud account's orders and refund requests, page by page. Read-only by construction.</summary>
public interface ITicketscloudClient
{
    /// <summary><c>GET /v2/resources/orders</c> over a creation window, from <see cref="TicketscloudListQuery.StartPage"/> to the end.</summary>
    IAsyncEnumerable<TicketscloudPage<TicketscloudOrder>> ListOrdersAsync(
        TicketscloudAccount account, TicketscloudListQuery query, CancellationToken cancellationToken);

    /// <summary><c>GET /v2/resources/refund_requests</c> over a creation window.</summary>
    IAsyncEnumerable<TicketscloudPage<TicketscloudRefundRequest>> ListRefundRequestsAsync(
        TicketscloudAccount account, TicketscloudListQuery query, CancellationToken cancellationToken);
}
