namespace Qtickets.Sync.Domain.Ticketscloud;

/// <summary>
/// A refund request (<c>GET /v2/resources/refund_requests</c>): statuses new, in_progress, approved, rejected.
/// Its fields beyond the status are not documented; those read here are the emulator's assumption, kept
/// optional, and the whole object is kept in <see cref="Raw"/>.
/// </summary>
public sealed record TicketscloudRefundRequest
{
    public required string Id { get; init; }
    public required string OrderId { get; init; }
    public string? EventId { get; init; }
    public required string Status { get; init; }
    public IReadOnlyList<string> TicketIds { get; init; } = [];
    public decimal? Amount { get; init; }
    public string? Reason { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public required DateTimeOffset ObservedAt { get; init; }
    public required string Raw { get; init; }

    public ObservedVersion Version => new(TicketscloudRefundStatuses.Rank(Status), ObservedAt);
}
