namespace Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;

/// <summary>
/// A row of <c>ticketscloud_refund_requests</c>, linked to its order and to its tickets (<see cref="TicketIds"/>,
/// GIN-indexed: a ticket's refund is found from either side, whichever was mirrored first).
/// <see cref="ApprovedAt"/> is the refund's day for sales: the request's <c>updated_at</c> when first seen
/// approved, or that observation's time when Ticketscloud sends none; kept once set.
/// </summary>
public sealed class TicketscloudRefundRequestRow
{
    public int AccountId { get; set; }
    public string Id { get; set; } = "";
    public string OrderId { get; set; } = "";
    public string? EventId { get; set; }
    public string Status { get; set; } = "";
    public short StatusRank { get; set; }
    public string[] TicketIds { get; set; } = [];
    public decimal? Amount { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public string Raw { get; set; } = "";
    public DateTimeOffset ObservedAt { get; set; }
    public DateTimeOffset SyncedAt { get; set; }
}
