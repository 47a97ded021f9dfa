using Qtickets.Sync.Domain.Orders;

namespace Qtickets.Sync.Domain.Commands;

/// <summary>What the rules need to know about an order before an action is sent: read from the mirror.</summary>
public sealed record OrderFacts
{
    public bool Paid { get; init; }
    public bool Cancelled { get; init; }
    public bool HasRefunds { get; init; }

    /// <summary>The platform's own status where it has one (Ticketscloud: <c>executed</c>, <c>done</c>, …).</summary>
    public string? Status { get; init; }

    public IReadOnlyDictionary<long, BasketFacts> Baskets { get; init; } = new Dictionary<long, BasketFacts>();

    /// <summary>The facts of a QTickets order as the mirror holds it.</summary>
    public static OrderFacts Of(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var baskets = order.Baskets.Where(b => b.VanishedAt is null).ToDictionary(
            b => b.Id,
            b => new BasketFacts(b.Price, b.RefundedAt is not null, b.DeletedAt is not null));
        return new OrderFacts
        {
            Paid = order.Payed,
            Cancelled = order.DeletedAt is not null,
            HasRefunds = baskets.Values.Any(b => b.Refunded) || order.Refunds is { Length: > 2 },
            Baskets = baskets,
        };
    }
}

/// <summary>One basket's price and whether it is already refunded or cancelled.</summary>
public readonly record struct BasketFacts(decimal Price, bool Refunded, bool Deleted);
