using System.Text.Json;

namespace Qtickets.Sync.Domain.Commands;

/// <summary>
/// One typed action on one order, as the caller asked for it. Only the parts of its <see cref="Kind"/> are set;
/// <see cref="OrderActionRules"/> says which and checks them.
/// </summary>
public sealed record OrderAction
{
    /// <summary>One of <see cref="OrderActionKinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>
    /// <c>refund_baskets</c>, <c>delete_baskets</c>: basket id → ids of its related (season-ticket) baskets to act
    /// on; an empty list acts on the basket itself, as QTickets' <c>baskets</c> object does.
    /// </summary>
    public IReadOnlyDictionary<long, IReadOnlyList<long>>? Baskets { get; init; }

    /// <summary><c>refund_baskets</c>: the sum to give back. Exclusive with <see cref="DeductionAmount"/>.</summary>
    public decimal? Amount { get; init; }

    /// <summary><c>refund_baskets</c>: the sum kept back; QTickets computes the refund from the ticket prices.</summary>
    public decimal? DeductionAmount { get; init; }

    /// <summary><c>edit_basket</c>: the basket to change.</summary>
    public long? BasketId { get; init; }

    /// <summary><c>edit_basket</c>: the fields to change.</summary>
    public BasketEdit? Edit { get; init; }

    /// <summary><c>set_customer</c>.</summary>
    public CustomerSettings? Customer { get; init; }

    /// <summary><c>set_vendor_data</c>.</summary>
    public VendorData? VendorData { get; init; }

    /// <summary><c>send_tickets</c>: whether Ticketscloud mails the tickets to the customer.</summary>
    public bool? SendTickets { get; init; }

    /// <summary><c>apply_promocodes</c>: codes, case-insensitive on the platform.</summary>
    public IReadOnlyList<string>? Promocodes { get; init; }

    /// <summary>Every basket id the action names: the keys of <see cref="Baskets"/> with their related ids.</summary>
    public IEnumerable<long> TargetBasketIds =>
        Baskets is null ? [] : Baskets.SelectMany(b => b.Value.Count == 0 ? [b.Key] : b.Value.Prepend(b.Key)).Distinct();

    /// <summary>The baskets the platform changes: the related ids where given, else the basket itself.</summary>
    public IEnumerable<long> AffectedBasketIds =>
        Baskets is null ? [] : Baskets.SelectMany(b => b.Value.Count == 0 ? [b.Key] : b.Value).Distinct();
}

/// <summary>Fields of <c>PUT /baskets/{id}</c>; null leaves a field as it is.</summary>
public sealed record BasketEdit
{
    public string? ClientEmail { get; init; }
    public string? ClientName { get; init; }
    public string? ClientSurname { get; init; }
    public string? ClientMiddlename { get; init; }
    public string? MultipriceCode { get; init; }

    /// <summary>Changes the price: QTickets allows it only on an unpaid order.</summary>
    public decimal? TicketOriginalPrice { get; init; }

    /// <summary>Changes the price: QTickets allows it only on an unpaid order.</summary>
    public decimal? DiscountValue { get; init; }

    public bool ChangesPrice => TicketOriginalPrice is not null || DiscountValue is not null;

    public bool IsEmpty => ClientEmail is null && ClientName is null && ClientSurname is null && ClientMiddlename is null
        && MultipriceCode is null && !ChangesPrice;
}

/// <summary>Ticketscloud's <c>settings.customer</c>.</summary>
public sealed record CustomerSettings(string? Name, string? Email, string? Phone, string? Lang);

/// <summary>Ticketscloud's <c>vendor_data</c>: the distributor's order number and free-form fields.</summary>
public sealed record VendorData(string? OrderId, IReadOnlyDictionary<string, JsonElement>? Raw);
