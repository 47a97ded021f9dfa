using Qtickets.Sync.Api.OpenApi;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>A ticket of either platform, a row of the <c>mirror.tickets</c> view (docs/schema.md), with its order.</summary>
public sealed record MirrorTicketDto
{
    /// <example>default</example>
    public string Account { get; init; } = "";
    [ClosedSet(typeof(MirrorPlatforms))]
    public string Platform { get; init; } = "";
    /// <example>63993</example>
    public string TicketId { get; init; } = "";
    /// <example>877076325904</example>
    public string? Barcode { get; init; }
    [ClosedSet(typeof(MirrorTicketStatuses))]
    public string Status { get; init; } = "";
    /// <example>4360</example>
    public string OrderId { get; init; } = "";
    public string EventId { get; init; } = "";
    public string? ShowId { get; init; }
    public DateTimeOffset? ShowStartsAt { get; init; }
    public string? SeatId { get; init; }
    public string? SeatName { get; init; }
    public int Quantity { get; init; }
    /// <summary>What the buyer paid for the ticket, service fee included.</summary>
    public decimal Price { get; init; }
    public decimal TicketPrice { get; init; }
    public decimal ServiceFee { get; init; }
    /// <summary>Null when the platform does not report scans (Ticketscloud).</summary>
    public bool? Scanned { get; init; }
    public DateTimeOffset? ScannedAt { get; init; }
    public DateTimeOffset? RefundedAt { get; init; }
    public decimal? RefundedAmount { get; init; }
    public bool Vanished { get; init; }
    /// <summary>The ticket's order, as <c>GET /api/v1/orders/{account}/{id}</c> gives it.</summary>
    public MirrorOrderDto? Order { get; init; }
}
