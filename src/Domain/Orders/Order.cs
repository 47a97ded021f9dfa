namespace Qtickets.Sync.Domain.Orders;

/// <summary>
/// A QTickets order as the platform describes it (<c>GET /orders/{id}</c>, see docs/sources.md), plus the
/// bookkeeping the mirror needs. Field names follow the API so the table reads like the upstream document.
/// </summary>
public sealed class Order
{
    /// <summary>The account the row belongs to (<c>accounts.id</c>); ids below are unique only within it.</summary>
    public int AccountId { get; set; } = Accounts.Account.DefaultId;

    public long Id { get; set; }
    public string? Uniqid { get; set; }
    public bool Payed { get; set; }
    public DateTimeOffset? PayedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }

    public long? ClientId { get; set; }
    public string? ClientEmail { get; set; }
    public string? ClientPhone { get; set; }
    public string? ClientName { get; set; }
    public string? ClientSurname { get; set; }
    public string? ClientMiddlename { get; set; }

    /// <summary>The order's <c>client</c> object, kept in <c>qtickets_clients</c> (not a column of the order).</summary>
    public Catalog.Client? Client { get; set; }

    public long? SiteId { get; set; }
    public string? SiteHost { get; set; }
    public long? PaymentId { get; set; }
    public string? PaymentTypeId { get; set; }
    public string? PaymentCardNumber { get; set; }
    public string? PaymentUrl { get; set; }
    public string? CancelUrl { get; set; }
    public long? BasketUserId { get; set; }
    public long? BackendUserId { get; set; }
    public long? AccessCodeId { get; set; }
    public long? DiscountId { get; set; }
    public long? PromoCodeId { get; set; }
    public bool Reserved { get; set; }
    public DateTimeOffset? ReservedTo { get; set; }
    public bool ReserveExtended { get; set; }
    public long EventId { get; set; }
    public decimal Price { get; set; }
    public decimal OriginalPrice { get; set; }
    public string? CurrencyId { get; set; }

    /// <summary>JSON objects whose shape the organizer controls (UTM tags, button data, extra fields).</summary>
    public string? Utm { get; set; }
    public string? Custom { get; set; }
    public string? Fields { get; set; }
    public string? Integrations { get; set; }

    /// <summary>The order's <c>refunds</c> list as received (JSON); null when empty.</summary>
    public string? Refunds { get; set; }

    /// <summary>The order exactly as received, unknown fields included.</summary>
    public string Raw { get; set; } = "{}";

    /// <summary>Version of the payload that last wrote this row; see <see cref="OrderVersion"/>.</summary>
    public DateTimeOffset SourceUpdatedAt { get; set; }
    public int SourceProgress { get; set; }
    public DateTimeOffset SyncedAt { get; set; }
    public string LastSource { get; set; } = OrderSources.Reconcile;

    /// <summary>Set by the full sweep when QTickets stopped listing a stored paid order; the reason says why.</summary>
    public DateTimeOffset? UpstreamMissingAt { get; set; }
    public string? UpstreamMissingReason { get; set; }

    public List<Basket> Baskets { get; set; } = [];

    /// <summary>The version this payload carries: its <see cref="SourceUpdatedAt"/> and <see cref="SourceProgress"/>.</summary>
    public OrderVersion Version => new(SourceUpdatedAt, SourceProgress);
}
