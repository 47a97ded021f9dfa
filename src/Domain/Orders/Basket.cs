namespace Qtickets.Sync.Domain.Orders;

/// <summary>A ticket (QTickets calls it a basket) inside an order.</summary>
public sealed class Basket
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    public string? Barcode { get; set; }
    public long? ShowId { get; set; }
    public string? SeatId { get; set; }
    public decimal OriginalPrice { get; set; }
    public decimal? DiscountValue { get; set; }
    public decimal Price { get; set; }
    public int Quantity { get; set; } = 1;

    public string? ClientEmail { get; set; }
    public string? ClientPhone { get; set; }
    public string? ClientName { get; set; }
    public string? ClientSurname { get; set; }
    public string? ClientMiddlename { get; set; }
    public string? OrganizationName { get; set; }
    public string? LegalName { get; set; }
    public string? WorkPosition { get; set; }
    public string? Inn { get; set; }
    public string? Kpp { get; set; }
    public string? Comment { get; set; }
    public string? PdfUrl { get; set; }
    public string? PassbookUrl { get; set; }
    public string? GpassUrl { get; set; }

    /// <summary>Season tickets: the ids of the baskets this one stands for.</summary>
    public long[] RelatedBaskets { get; set; } = [];

    public DateTimeOffset? CheckedAt { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public DateTimeOffset? RefundedAt { get; set; }
    public decimal? RefundedAmount { get; set; }
    public decimal? RefundedDeductionAmount { get; set; }

    public string Raw { get; set; } = "{}";
    public DateTimeOffset SourceUpdatedAt { get; set; }
    public DateTimeOffset SyncedAt { get; set; }

    /// <summary>
    /// Set when a newer payload of the order no longer lists this basket: QTickets dropped it, so it must
    /// stop counting as sold, but the row stays for the audit trail.
    /// </summary>
    public DateTimeOffset? VanishedAt { get; set; }
}
