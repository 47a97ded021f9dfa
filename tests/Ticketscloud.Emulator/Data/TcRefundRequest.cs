namespace Ticketscloud.Emulator.Data;

/// <summary>
/// A refund request (<c>GET /v2/resources/refund_requests</c>). Its shape beyond the statuses is not documented
/// ([unknown] in the reference notes); the emulator serves the assumption the mirror is written against:
/// <c>id, order, event, org, status, tickets (ids), amount, reason, created_at, updated_at</c>.
/// </summary>
public sealed class TcRefundRequest
{
    public required string Id { get; init; }
    public required string Order { get; init; }
    public required string Event { get; init; }
    public required string Org { get; init; }
    public required List<string> Tickets { get; init; }
    public required decimal Amount { get; init; }
    public required string Reason { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public required string Status { get; set; }
}
