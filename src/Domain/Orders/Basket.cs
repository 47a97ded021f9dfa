namespace Qtickets.Sync.Domain.Orders;

/// <summary>A ticket (QTickets calls it a basket) inside an order.</summary>
public sealed class Basket
{
    /// <summary>The account the row belongs to (<c>accounts.id</c>); ids below are unique only within it.</summary>
    public int AccountId { get; set; } = Accounts.Account.DefaultId;

    public long Id { get; set; }
    public long OrderId { get; set; }
    public string? Barcode { get; set; }
    public long? ShowId { get; set; }
    public string? SeatId { get; set; }
    public decimal OriginalPrice { get; set; }
    public decimal? DiscountValue { get; set; }
    public decimal Price { get; set; }
    public int Quantity { get; set; } = 1;

    /// <summary>The ticket part of <see cref="Price"/>; real answers split the price into ticket and service fee.</summary>
    public decimal? TicketAmount { get; set; }

    /// <summary>The service-fee part of <see cref="Price"/>.</summary>
    public decimal? ServiceFeeAmount { get; set; }

    /// <summary>The ticket's list price before discounts, without the service fee.</summary>
    public decimal? TicketOriginalPrice { get; set; }

    /// <summary>Ticket series, a digit string in real answers.</summary>
    public string? Series { get; set; }

    /// <summary>The seat as the buyer reads it (zone, row, place).</summary>
    public string? SeatName { get; set; }

    /// <summary>The price category of a multi-price seat, when it has one.</summary>
    public string? MultipriceCode { get; set; }

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

    /// <summary>The basket's <c>refunds</c> list as received (JSON); null when empty.</summary>
    public string? Refunds { get; set; }

    public string Raw { get; set; } = "{}";
    public DateTimeOffset SourceUpdatedAt { get; set; }
    public DateTimeOffset SyncedAt { get; set; }

    /// <summary>
    /// Set when a newer payload of the order no longer lists this basket: QTickets dropped it, so it must
    /// stop counting as sold, but the row stays for the audit trail.
    /// </summary>
    public DateTimeOffset? VanishedAt { get; set; }
}
