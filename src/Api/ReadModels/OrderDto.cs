using Qtickets.Sync.Api.OpenApi;
using Qtickets.Sync.Domain.Orders;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>An order as the mirror holds it. Contact details are masked unless the key has <c>read:pii</c>.</summary>
/// <example>{"id":4360,"uniqid":"z7rkjcV2BV","eventId":33,"paid":true,"paidAt":"2019-07-30T09:50:52Z","cancelled":false}</example>
public sealed record OrderDto
{
    /// <summary>The account (<c>Accounts:n:Name</c>) the order belongs to; ids are unique only within one account.</summary>
    /// <example>default</example>
    public string Account { get; init; } = "";
    /// <example>4360</example>
    public long Id { get; init; }
    /// <example>z7rkjcV2BV</example>
    public string? Uniqid { get; init; }
    /// <example>33</example>
    public long EventId { get; init; }
    /// <example>true</example>
    public bool Paid { get; init; }
    /// <example>2019-07-30T09:50:52Z</example>
    public DateTimeOffset? PaidAt { get; init; }
    /// <summary>True when QTickets deleted (cancelled) the order.</summary>
    public bool Cancelled { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>Last change in QTickets.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
    public long? ClientId { get; init; }
    /// <example>u***@gmail.com</example>
    public string? ClientEmail { get; init; }
    /// <example>+7910*****00</example>
    public string? ClientPhone { get; init; }
    public string? ClientName { get; init; }
    public string? ClientSurname { get; init; }
    public string? ClientMiddlename { get; init; }
    /// <example>800</example>
    public decimal Price { get; init; }
    public decimal OriginalPrice { get; init; }
    /// <example>RUB</example>
    public string? CurrencyId { get; init; }
    public long? PromoCodeId { get; init; }
    public long? DiscountId { get; init; }
    /// <example>bankcard</example>
    public string? PaymentTypeId { get; init; }
    public string? SiteHost { get; init; }
    public bool Reserved { get; init; }
    /// <summary>When the mirror last wrote this order, and from where (webhook, reconcile, fetch).</summary>
    public DateTimeOffset SyncedAt { get; init; }
    [ClosedSet(typeof(OrderSources))]
    public string LastSource { get; init; } = "";
    /// <summary>Set when QTickets stopped listing this paid order.</summary>
    public DateTimeOffset? UpstreamMissingAt { get; init; }
    /// <summary>The order's tickets; present on <c>GET /orders/{id}</c> and with <c>include=baskets</c>.</summary>
    public IReadOnlyList<BasketDto>? Baskets { get; init; }

    /// <summary>Not shown: the key of the account, for cursors and basket lookups.</summary>
    internal int AccountId { get; init; }
}

/// <summary>A ticket of an order.</summary>
public sealed record BasketDto
{
    /// <example>63993</example>
    public long Id { get; init; }
    /// <example>877076325904</example>
    public string? Barcode { get; init; }
    /// <example>41</example>
    public long? ShowId { get; init; }
    /// <example>CENTER_PARTERRE-21;12</example>
    public string? SeatId { get; init; }
    /// <example>150</example>
    public decimal Price { get; init; }
    public decimal OriginalPrice { get; init; }
    public decimal? DiscountValue { get; init; }
    public int Quantity { get; init; }
    public string? ClientEmail { get; init; }
    public string? ClientPhone { get; init; }
    public string? ClientName { get; init; }
    public string? ClientSurname { get; init; }
    public string? ClientMiddlename { get; init; }
    public DateTimeOffset? CheckedAt { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
    public DateTimeOffset? RefundedAt { get; init; }
    public decimal? RefundedAmount { get; init; }
    /// <summary>Set when a newer payload of the order no longer listed this ticket.</summary>
    public DateTimeOffset? VanishedAt { get; init; }
}

/// <summary>One page of orders, newest first.</summary>
public sealed record OrderPageDto
{
    public IReadOnlyList<OrderDto> Items { get; init; } = [];
    /// <summary>Pass as <c>cursor</c> for the next page; null on the last page.</summary>
    /// <example>AAYOVw2sD4AAAAAAAAARCA</example>
    public string? NextCursor { get; init; }
}

/// <summary>A ticket looked up by barcode, with where it belongs.</summary>
public sealed record TicketDto
{
    /// <summary>The account the ticket's order belongs to.</summary>
    /// <example>default</example>
    public string Account { get; init; } = "";
    public required BasketDto Ticket { get; init; }
    /// <example>4360</example>
    public long OrderId { get; init; }
    public bool OrderPaid { get; init; }
    public bool OrderCancelled { get; init; }
    public required TicketEventDto Event { get; init; }
    public TicketShowDto? Show { get; init; }
}

public sealed record TicketEventDto(long Id, string? Name, string? PlaceName);

public sealed record TicketShowDto(long Id, DateTimeOffset? StartDate, DateTimeOffset? FinishDate);
