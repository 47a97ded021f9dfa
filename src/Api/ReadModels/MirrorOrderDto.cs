using System.Text.Json;
using Qtickets.Sync.Api.OpenApi;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// An order of either platform in one shape: a row of the <c>mirror.orders</c> view (docs/schema.md), the same
/// order a data team reads with SQL. Contact details are masked unless the key has <c>read:pii</c>.
/// </summary>
/// <example>{"account":"default","platform":"qtickets","id":"4360","status":"paid","total":800,"tickets":2}</example>
public sealed record MirrorOrderDto
{
    /// <summary>The account (<c>Accounts:n:Name</c>); ids are unique only within one account.</summary>
    /// <example>default</example>
    public string Account { get; init; } = "";
    [ClosedSet(typeof(MirrorPlatforms))]
    public string Platform { get; init; } = "";
    /// <summary>The platform's order id as text: a QTickets number or a 24-hex Ticketscloud id.</summary>
    /// <example>4360</example>
    public string Id { get; init; } = "";
    /// <summary>One vocabulary for both platforms; docs/schema.md maps each platform's own statuses to it.</summary>
    [ClosedSet(typeof(MirrorOrderStatuses))]
    public string Status { get; init; } = "";
    /// <example>RUB</example>
    public string? Currency { get; init; }
    /// <summary>What the buyer paid (tickets and service fees, after discounts).</summary>
    /// <example>800</example>
    public decimal Total { get; init; }
    public decimal TicketRevenue { get; init; }
    public decimal ServiceFees { get; init; }
    public decimal Discount { get; init; }
    public decimal RefundedAmount { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <example>2019-07-30T09:50:52Z</example>
    public DateTimeOffset? PaidAt { get; init; }
    /// <summary>Last change on the platform; Ticketscloud does not report one (null).</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
    /// <summary>When the mirror last wrote this order.</summary>
    public DateTimeOffset SyncedAt { get; init; }
    /// <example>33</example>
    public string EventId { get; init; } = "";
    public string? EventName { get; init; }
    /// <summary>The show when all the order's tickets are for one (QTickets); null otherwise.</summary>
    public string? ShowId { get; init; }
    public DateTimeOffset? ShowStartsAt { get; init; }
    /// <summary>Tickets the order holds (refunded ones included).</summary>
    /// <example>2</example>
    public int Tickets { get; init; }
    public int RefundedTickets { get; init; }
    /// <example>u***@gmail.com</example>
    public string? CustomerEmail { get; init; }
    /// <example>+7910*****00</example>
    public string? CustomerPhone { get; init; }
    public string? CustomerName { get; init; }
    /// <summary>True when the platform deleted the order (QTickets).</summary>
    public bool Deleted { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
    /// <summary>True when the platform stopped listing this order.</summary>
    public bool Vanished { get; init; }
    public DateTimeOffset? VanishedAt { get; init; }
    /// <summary>
    /// The order as the platform last sent it (its own field names), with <c>include=raw</c>; contact details in
    /// it are masked unless the key has <c>read:pii</c>.
    /// </summary>
    public JsonElement? PlatformFields { get; init; }
}

/// <summary>One page of orders of both platforms, newest first.</summary>
public sealed record MirrorOrderPageDto
{
    public IReadOnlyList<MirrorOrderDto> Items { get; init; } = [];
    /// <summary>Pass as <c>cursor</c> for the next page; null on the last page.</summary>
    /// <example>AAYOVw2sD4BxdGlja2V0cwpkZWZhdWx0CjQzNjA</example>
    public string? NextCursor { get; init; }
}
