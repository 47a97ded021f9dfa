namespace Qtickets.Sync.Domain.Changes;

/// <summary>
/// The order as one change left it (issue 27, ADR 0023): its row of <c>mirror.orders</c> (the columns after the
/// order's key), taken in the statement that wrote the change, so history and feed show each change with the
/// order it made, and a feed page reads its orders from rows kept beside its changes rather than from the view.
/// Every column may be null: a state is never the reason a write fails.
/// </summary>
public sealed class OrderChangeState
{
    /// <summary>The change's <see cref="OrderChange.Position"/>.</summary>
    public long Position { get; set; }

    public string? Status { get; set; }
    public string? Currency { get; set; }
    public decimal? Total { get; set; }
    public decimal? TicketRevenue { get; set; }
    public decimal? ServiceFees { get; set; }
    public decimal? Discount { get; set; }
    public decimal? RefundedAmount { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public DateTimeOffset? SyncedAt { get; set; }
    public string? EventId { get; set; }
    public string? EventName { get; set; }
    public string? ShowId { get; set; }
    public DateTimeOffset? ShowStartsAt { get; set; }
    public int? Tickets { get; set; }
    public int? RefundedTickets { get; set; }
    public string? CustomerEmail { get; set; }
    public string? CustomerPhone { get; set; }
    public string? CustomerName { get; set; }
    public bool? Deleted { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public bool? Vanished { get; set; }
    public DateTimeOffset? VanishedAt { get; set; }
}
