using Qtickets.Sync.Domain.Orders;

namespace Qtickets.Sync.Infrastructure.Webhooks;

/// <summary>
/// A stored body as its platform read it: the order it carries; or nothing, when it is too partial to be the
/// order (it is fetched back instead); or why it cannot be read at all.
/// </summary>
public readonly record struct StoredWebhookBody
{
    private StoredWebhookBody(Order? order, string? unreadable)
    {
        Order = order;
        Unreadable = unreadable;
    }

    public Order? Order { get; }

    public string? Unreadable { get; }

    /// <summary>The body is the whole order.</summary>
    public static StoredWebhookBody Complete(Order order) => new(order, null);

    /// <summary>The body names the order but does not hold all of it.</summary>
    public static StoredWebhookBody Partial => default;

    public static StoredWebhookBody Refused(string reason) => new(null, reason);
}
