using Qtickets.Sync.Domain.Orders;

namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>The order as the account's API has it now; null when the API does not know it.</summary>
public delegate Task<Order?> FetchOrder(long orderId, CancellationToken cancellationToken);
