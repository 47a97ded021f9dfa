namespace Qtickets.Emulator.Data;

/// <summary>
/// An order as the emulator holds it: compact fields (kopecks, <see cref="WireTime"/> seconds, table indexes)
/// serialised to the QTickets wire shape on demand. Instances handed out by <see cref="EmulatorStore"/> are
/// snapshots; the live ones change only under the store's lock.
/// </summary>
public sealed class Order
{
    internal int IdValue;
    internal long UniqidCode;
    internal Client ClientValue = null!;
    internal int EventIdValue;
    internal byte Site;
    internal byte PaymentType;
    internal bool PayedValue;
    internal bool ReserveExtended;
    internal byte Utm;
    internal byte Custom;
    internal byte Fields;
    internal int CreatedAtSec;
    internal int UpdatedAtSec;
    internal int PayedAtSec;
    internal int DeletedAtSec;
    internal int ReservedToSec;
    internal int BasketUserId;
    internal int BackendUserId;
    internal int DiscountIdValue;
    internal int PromoCodeIdValue;
    internal int RoistatVisit;

    /// <summary>Verbatim cancel-URL hash for the seed order; null means derived from the id.</summary>
    internal string? CancelHashOverride;

    internal Basket[] BasketsValue = [];

    public int Id => IdValue;
    public string Uniqid => Base62.Encode(UniqidCode);
    public Client Client => ClientValue;
    public int EventId => EventIdValue;
    public bool Payed => PayedValue;
    public DateTimeOffset CreatedAt => WireTime.ToDateTime(CreatedAtSec);
    public DateTimeOffset UpdatedAt => WireTime.ToDateTime(UpdatedAtSec);
    public DateTimeOffset? PayedAt => WireTime.ToNullableDateTime(PayedAtSec);
    public DateTimeOffset? DeletedAt => WireTime.ToNullableDateTime(DeletedAtSec);
    public int? PromoCodeId => PromoCodeIdValue == 0 ? null : PromoCodeIdValue;
    public IReadOnlyList<Basket> Baskets => BasketsValue;

    /// <summary>Sum over all baskets, as the seed's 150 + 150 + 500 = 800 shows.</summary>
    public decimal Price => PriceKopecks / 100m;

    public decimal OriginalPrice => OriginalPriceKopecks / 100m;

    internal long PriceKopecks
    {
        get
        {
            long sum = 0;
            foreach (ref readonly var basket in BasketsValue.AsSpan())
            {
                sum += basket.PriceKop;
            }

            return sum;
        }
    }

    internal long OriginalPriceKopecks
    {
        get
        {
            long sum = 0;
            foreach (ref readonly var basket in BasketsValue.AsSpan())
            {
                sum += basket.OriginalPriceKop;
            }

            return sum;
        }
    }

    /// <summary>Composite sort key for the (updated_at, id) index.</summary>
    internal long UpdatedKey => ((long)UpdatedAtSec << 32) | (uint)IdValue;

    internal Order Snapshot()
    {
        var copy = (Order)MemberwiseClone();
        copy.BasketsValue = (Basket[])BasketsValue.Clone();
        return copy;
    }
}
