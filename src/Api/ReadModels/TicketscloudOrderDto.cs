using Qtickets.Sync.Api.OpenApi;
using Qtickets.Sync.Domain.Ticketscloud;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// A Ticketscloud order as the mirror holds it: ids are Ticketscloud's 24-hex strings, money exact decimals
/// (<c>full</c> = what the buyer paid = <c>nominal</c> + <c>extra</c>). Contact details are masked unless the key
/// has <c>read:pii</c>.
/// </summary>
/// <example>{"account":"tc-demo","id":"5d39c3108cd381a4891e07e0","number":54881,"eventId":"5d31fbdd27649b0dff076117","status":"done","full":156.00}</example>
public sealed record TicketscloudOrderDto
{
    /// <summary>The account (<c>Accounts:n:Name</c>) the order was mirrored under.</summary>
    /// <example>tc-demo</example>
    public string Account { get; init; } = "";
    /// <example>5d39c3108cd381a4891e07e0</example>
    public string Id { get; init; } = "";
    /// <example>54881</example>
    public long? Number { get; init; }
    /// <example>97elgi8j</example>
    public string? Code { get; init; }
    /// <example>5d31fbdd27649b0dff076117</example>
    public string EventId { get; init; } = "";
    public string? EventTitle { get; init; }
    public string? OrgId { get; init; }
    public string? VendorId { get; init; }
    public string? Origin { get; init; }
    [ClosedSet(typeof(TicketscloudOrderStatuses))]
    public string Status { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>When the order was paid (<c>done_at</c>).</summary>
    public DateTimeOffset? DoneAt { get; init; }
    public DateTimeOffset? ExpiredAfter { get; init; }
    /// <example>150.00</example>
    public decimal Nominal { get; init; }
    /// <example>6.00</example>
    public decimal Extra { get; init; }
    /// <example>156.00</example>
    public decimal Full { get; init; }
    public decimal Discount { get; init; }
    public decimal Price { get; init; }
    public IReadOnlyList<string> PromoCodes { get; init; } = [];
    /// <example>h***@world.ru</example>
    public string? CustomerEmail { get; init; }
    public string? CustomerPhone { get; init; }
    public string? CustomerName { get; init; }
    public string? VendorOrderId { get; init; }
    /// <summary>The zone Ticketscloud's offset-less times were read in (the event's, else the account's).</summary>
    /// <example>Europe/Moscow</example>
    public string TimeZone { get; init; } = "";
    /// <summary>When a listing last showed the order (Ticketscloud keeps no <c>updated_at</c>).</summary>
    public DateTimeOffset ObservedAt { get; init; }
    /// <summary>Present on <c>GET /ticketscloud/orders/{id}</c>.</summary>
    public IReadOnlyList<TicketscloudTicketDto>? Tickets { get; init; }
    /// <summary>Present on <c>GET /ticketscloud/orders/{id}</c>.</summary>
    public IReadOnlyList<TicketscloudRefundRequestDto>? RefundRequests { get; init; }
}

/// <summary>A ticket of a Ticketscloud order; <see cref="RefundRequestId"/> names the approved refund that covers it.</summary>
public sealed record TicketscloudTicketDto
{
    public string Id { get; init; } = "";
    public long? Number { get; init; }
    public string? Barcode { get; init; }
    public string? Serial { get; init; }
    public string? SetId { get; init; }
    public string? Status { get; init; }
    public decimal Nominal { get; init; }
    public decimal Extra { get; init; }
    public decimal Full { get; init; }
    public decimal Discount { get; init; }
    public decimal Price { get; init; }
    /// <summary>Set when a newer observation of the order no longer listed this ticket.</summary>
    public DateTimeOffset? VanishedAt { get; init; }
    public string? RefundRequestId { get; init; }
}

/// <summary>A refund request for tickets of the order.</summary>
public sealed record TicketscloudRefundRequestDto
{
    public string Id { get; init; } = "";
    [ClosedSet(typeof(TicketscloudRefundStatuses))]
    public string Status { get; init; } = "";
    public IReadOnlyList<string> TicketIds { get; init; } = [];
    public decimal? Amount { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    /// <summary>The refund's day in daily sales.</summary>
    public DateTimeOffset? ApprovedAt { get; init; }
}

/// <summary>A page of Ticketscloud orders; pass <see cref="NextCursor"/> back as <c>cursor</c> for the next.</summary>
public sealed record TicketscloudOrderPageDto
{
    public IReadOnlyList<TicketscloudOrderDto> Items { get; init; } = [];
    public string? NextCursor { get; init; }
}
