namespace Qtickets.Sync.Infrastructure.Upstream;

/// <summary>
/// Refuses every request that is not a GET before it leaves the process. QTickets' writing endpoints have
/// real-world effects (<c>POST /orders</c> creates an order, barcode POSTs mark tickets scanned,
/// <c>DELETE /orders/{id}/baskets</c> cancels or refunds tickets); a mirror must not be able to call them.
/// </summary>
/// <param name="platform">The platform named in the refusal; Ticketscloud's writes (<c>PATCH /v2/resources/orders/:id</c>)
/// are just as real.</param>
public sealed class ReadOnlyGuardHandler(string platform) : RequestGuard
{
    protected override void Ensure(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method != HttpMethod.Get)
        {
            throw new InvalidOperationException(
                $"The {platform} client is read-only: refused {request.Method} {request.RequestUri}. "
                + $"Only GET requests may be sent to {platform}.");
        }
    }
}
