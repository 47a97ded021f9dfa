using Qtickets.Sync.Api.OpenApi;
using Qtickets.Sync.Domain.Accounts;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>An order as the <c>mirror.orders</c> view shows it (docs/schema.md): the same columns, for both platforms.</summary>
public sealed class OrderStateDto
{
    public string Account { get; init; } = "";
    [ClosedSet(typeof(AccountPlatforms))] public string Platform { get; init; } = "";
    public string OrderId { get; init; } = "";

    /// <summary>One vocabulary for both platforms.</summary>
    [ClosedSet("reserved", "paid", "expired", "cancelled", "partially_refunded", "refunded")] public string Status { get; init; } = "";
    public string? Currency { get; init; }
    public decimal? Total { get; init; }
    public decimal? TicketRevenue { get; init; }
    public decimal? ServiceFees { get; init; }
    public decimal? Discount { get; init; }
    public decimal? RefundedAmount { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? PaidAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public DateTimeOffset? SyncedAt { get; init; }
    public string? EventId { get; init; }
    public string? EventName { get; init; }
    public string? ShowId { get; init; }
    public DateTimeOffset? ShowStartsAt { get; init; }
    public int Tickets { get; init; }
    public int RefundedTickets { get; init; }

    /// <summary>Masked unless the key has <c>read:pii</c>.</summary>
    public string? CustomerEmail { get; init; }

    /// <summary>Masked unless the key has <c>read:pii</c>.</summary>
    public string? CustomerPhone { get; init; }

    /// <summary>Masked unless the key has <c>read:pii</c>.</summary>
    public string? CustomerName { get; init; }
    public bool Deleted { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
    public bool Vanished { get; init; }
    public DateTimeOffset? VanishedAt { get; init; }
}
