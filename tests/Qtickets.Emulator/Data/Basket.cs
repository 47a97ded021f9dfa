namespace Qtickets.Emulator.Data;

/// <summary>
/// One ticket of an order, kept as a compact struct (millions exist). Money is in kopecks, -1 meaning null;
/// times are <see cref="WireTime"/> seconds, 0 meaning null. Read through the public properties.
/// </summary>
public struct Basket
{
    internal int IdValue;
    internal int ShowIdValue;
    internal long BarcodeValue;
    internal byte Zone;
    internal short Row;
    internal short Place;
    internal int OriginalPriceKop;
    internal int DiscountKop;
    internal int PriceKop;
    internal int CreatedAtSec;
    internal int UpdatedAtSec;
    internal int CheckedAtSec;
    internal int DeletedAtSec;
    internal int RefundedAtSec;
    internal int RefundedAmountKop;
    internal int RefundedDeductionKop;

    /// <summary>Share of the price that is the service fee, in percent (real answers split the price in two).</summary>
    internal byte ServiceFeePercent;

    /// <summary>Season ticket: this many following baskets of the order are its <c>related_baskets</c>.</summary>
    internal byte RelatedCount;

    /// <summary>The seed order shows <c>pdf_url</c>/<c>passbook_url</c> on its first basket only.</summary>
    internal bool HasTicketUrls;

    /// <summary>Verbatim <c>code/hash</c> part of the ticket URLs for the seed order; null means derived from the id.</summary>
    internal string? TicketPathOverride;

    /// <summary>Fields changed through <c>PUT /baskets/{id}</c>; null for a basket never edited.</summary>
    internal BasketEdits? Edits;

    public readonly int Id => IdValue;
    public readonly int ShowId => ShowIdValue;
    public readonly string Barcode => BarcodeValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
    public readonly decimal OriginalPrice => OriginalPriceKop / 100m;
    public readonly decimal? DiscountValue => DiscountKop < 0 ? null : DiscountKop / 100m;
    public readonly decimal Price => PriceKop / 100m;
    public readonly decimal ServiceFeeAmount => ServiceFeeKop / 100m;
    public readonly decimal TicketAmount => (PriceKop - ServiceFeeKop) / 100m;
    public readonly decimal TicketOriginalPrice => TicketOriginalPriceKop / 100m;
    internal readonly int ServiceFeeKop => PriceKop * ServiceFeePercent / 100;
    internal readonly int TicketOriginalPriceKop => OriginalPriceKop - (OriginalPriceKop * ServiceFeePercent / 100);
    public readonly DateTimeOffset CreatedAt => WireTime.ToDateTime(CreatedAtSec);
    public readonly DateTimeOffset UpdatedAt => WireTime.ToDateTime(UpdatedAtSec);
    public readonly DateTimeOffset? CheckedAt => WireTime.ToNullableDateTime(CheckedAtSec);
    public readonly DateTimeOffset? DeletedAt => WireTime.ToNullableDateTime(DeletedAtSec);
    public readonly DateTimeOffset? RefundedAt => WireTime.ToNullableDateTime(RefundedAtSec);
    public readonly decimal? RefundedAmount => RefundedAmountKop < 0 ? null : RefundedAmountKop / 100m;
    public readonly decimal? RefundedDeductionAmount => RefundedDeductionKop < 0 ? null : RefundedDeductionKop / 100m;
    public readonly bool IsActive => DeletedAtSec == 0;
}
