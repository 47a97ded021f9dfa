namespace Qtickets.Emulator.Data;

/// <summary>Builds new, unpaid orders from the catalogue. Owns the basket id and barcode sequence.</summary>
public sealed class OrderFactory(IReadOnlyList<EventInfo> events, IReadOnlyList<Client> clients, int firstBasketId)
{
    // Weights for 1..6 tickets per order: mostly couples and singles, a few groups.
    private static readonly int[] BasketCountWeights = [30, 35, 15, 10, 5, 5];

    private int _nextBasketId = firstBasketId;

    public IReadOnlyList<EventInfo> Events => events;

    public IReadOnlyList<Client> Clients => clients;

    internal Order Create(Random rng, int id, int createdAt)
    {
        var ev = events[rng.Next(events.Count)];
        var method = Catalog.PaymentMethods[PickWeighted(rng, [65, 20, 6, 4, 5])];
        var order = new Order
        {
            IdValue = id,
            UniqidCode = rng.NextInt64(Base62.MaxValue),
            ClientValue = clients[rng.Next(clients.Count)],
            EventIdValue = ev.Id,
            Site = (byte)PickWeighted(rng, [75, 15, 5, 5]),
            PaymentType = (byte)Array.IndexOf(Catalog.PaymentMethods, method),
            CreatedAtSec = createdAt,
            UpdatedAtSec = createdAt,
            ReservedToSec = createdAt + 86_400,
            BasketUserId = rng.Next(1_000, 500_000),
            BackendUserId = method.ByBackendUser ? rng.Next(2, 40) : 0,
            Utm = (byte)(rng.Next(100) < 30 ? rng.Next(1, Catalog.Utms.Length) : 0),
            Custom = (byte)(rng.Next(100) < 10 ? rng.Next(1, Catalog.Customs.Length) : 0),
            Fields = (byte)(rng.Next(100) < 5 ? rng.Next(1, Catalog.Fields.Length) : 0),
            RoistatVisit = rng.Next(100) < 20 ? rng.Next(100_000, 999_999) : 0,
        };

        var discountPercent = 0;
        if (rng.Next(100) < 10)
        {
            order.DiscountIdValue = rng.Next(40, 50);
            order.PromoCodeIdValue = rng.Next(13_000, 14_000);
            discountPercent = rng.Next(2) == 0 ? 10 : 15;
        }

        var isSeasonTicket = ev.Shows.Count >= 3 && rng.Next(100) < 3;
        order.BasketsValue = isSeasonTicket
            ? CreateSeasonTicket(rng, ev, createdAt, discountPercent)
            : CreateTickets(rng, ev, createdAt, discountPercent);
        return order;
    }

    private Basket[] CreateTickets(Random rng, EventInfo ev, int createdAt, int discountPercent)
    {
        var show = ev.Shows[rng.Next(ev.Shows.Count)];
        var baskets = new Basket[1 + PickWeighted(rng, BasketCountWeights)];
        var zone = (byte)rng.Next(Catalog.Zones.Length);
        var row = (short)rng.Next(1, 30);
        var firstPlace = rng.Next(1, 30);
        for (var i = 0; i < baskets.Length; i++)
        {
            var price = ev.PricesKopecks[rng.Next(ev.PricesKopecks.Count)];
            baskets[i] = NewBasket(rng, show.Id, zone, row, (short)(firstPlace + i), price, discountPercent, createdAt);
        }

        return baskets;
    }

    /// <summary>A season ticket: a main basket carrying the price plus one free related basket per further show.</summary>
    private Basket[] CreateSeasonTicket(Random rng, EventInfo ev, int createdAt, int discountPercent)
    {
        var related = Math.Min(ev.Shows.Count - 1, 4);
        var baskets = new Basket[1 + related];
        var seasonPrice = ev.PricesKopecks[0] * related * 8 / 10;
        var row = (short)rng.Next(1, 30);
        var place = (short)rng.Next(1, 40);
        baskets[0] = NewBasket(rng, ev.Shows[0].Id, 0, row, place, seasonPrice, discountPercent, createdAt);
        baskets[0].RelatedCount = (byte)related;
        for (var i = 1; i <= related; i++)
        {
            baskets[i] = NewBasket(rng, ev.Shows[i].Id, 0, row, place, 0, 0, createdAt);
        }

        return baskets;
    }

    private Basket NewBasket(
        Random rng, int showId, byte zone, short row, short place, int priceKop, int discountPercent, int createdAt)
    {
        var discount = priceKop * discountPercent / 100;
        var id = _nextBasketId++;
        return new Basket
        {
            IdValue = id,
            ShowIdValue = showId,
            BarcodeValue = 870_000_000_000 + rng.NextInt64(10_000_000_000),
            Zone = zone,
            Row = row,
            Place = place,
            OriginalPriceKop = priceKop,
            DiscountKop = discountPercent == 0 ? -1 : discount,
            PriceKop = priceKop - discount,
            CreatedAtSec = createdAt - rng.Next(5, 300), // tickets sit in the cart before the order is placed
            UpdatedAtSec = createdAt,
            RefundedAmountKop = -1,
            RefundedDeductionKop = -1,
            HasTicketUrls = true,
            // Derived from the id rather than drawn, so the random sequence (and every data set) stays as it was.
            ServiceFeePercent = (byte)(priceKop == 0 || id % 4 == 0 ? 0 : 10),
        };
    }

    private static int PickWeighted(Random rng, ReadOnlySpan<int> weights)
    {
        var total = 0;
        foreach (var w in weights)
        {
            total += w;
        }

        var roll = rng.Next(total);
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
