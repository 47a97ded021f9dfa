namespace Qtickets.Emulator.Data;

/// <summary>
/// Order 4360 from the QTickets documentation (<c>GET /orders/4360</c>), reproduced field for field in every
/// data set so tests can compare against the documented example.
/// </summary>
public static class SeedOrder
{
    public const int OrderId = 4360;
    public const int ClientId = 235;
    public const int EventId = 33;
    public const int ShowId = 41;

    public static Client CreateClient() =>
        new(ClientId, 167, "username@gmail.com", "Иван", "Петров", null, "+79100000000") { BasketMiddlename = "Петрович" };

    internal static Order Create(Client client)
    {
        var created = Seconds("2019-07-30T12:50:36+03:00");
        var payed = Seconds("2019-07-30T12:50:52+03:00");
        return new Order
        {
            IdValue = OrderId,
            UniqidCode = Base62.Decode("z7rkjcV2BV"),
            CancelHashOverride = "a800d6bfc609003205752c42844f541c",
            ClientValue = client,
            EventIdValue = EventId,
            Site = 0, // qtickets.ru, id 16
            PaymentType = 0, // bankcard, payment_id 36
            PayedValue = true,
            PayedAtSec = payed,
            CreatedAtSec = created,
            UpdatedAtSec = payed,
            ReservedToSec = Seconds("2019-07-31T12:50:36+03:00"),
            BasketUserId = 2111,
            Custom = 1,
            Fields = 1,
            RoistatVisit = 100018,
            BasketsValue =
            [
                Basket(63993, 877076325904, 21, 12, 15_000, "2019-07-30T12:49:47+03:00", payed, "FepllFLDqE/82db24e13831066dc792c265eec243fd"),
                Basket(63994, 877344688530, 21, 11, 15_000, "2019-07-30T12:49:50+03:00", payed, null),
                Basket(63995, 875606411179, 1, 14, 50_000, "2019-07-30T12:49:54+03:00", payed, null, zone: 3),
            ],
        };
    }

    private static Basket Basket(
        int id, long barcode, short row, short place, int priceKop, string created, int updated, string? ticketPath,
        byte zone = 0) =>
        new()
        {
            IdValue = id,
            ShowIdValue = ShowId,
            BarcodeValue = barcode,
            Zone = zone, // 0 = CENTER_PARTERRE, 3 = CENTER_BALCONY
            Row = row,
            Place = place,
            OriginalPriceKop = priceKop,
            DiscountKop = -1,
            PriceKop = priceKop,
            CreatedAtSec = Seconds(created),
            UpdatedAtSec = updated,
            RefundedAmountKop = -1,
            RefundedDeductionKop = -1,
            HasTicketUrls = ticketPath is not null, // only the first basket of the documented example carries URLs
            TicketPathOverride = ticketPath,
        };

    private static int Seconds(string iso) =>
        WireTime.ToSeconds(DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture));
}
