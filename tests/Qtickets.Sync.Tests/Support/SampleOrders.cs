using Qtickets.Sync.Domain.Orders;

namespace Qtickets.Sync.Tests.Support;

/// <summary>Orders built by hand from the QTickets documentation (docs/sources.md), for tests that must not depend on the parser.</summary>
public static class SampleOrders
{
    private static readonly TimeSpan Moscow = TimeSpan.FromHours(3);

    /// <summary>The documented <c>GET /orders/4360</c>: three tickets, 150 + 150 + 500, paid 2019-07-30 12:50:52 +03:00.</summary>
    public static Order Order4360()
    {
        var updated = new DateTimeOffset(2019, 7, 30, 12, 50, 52, Moscow);
        var order = new Order
        {
            Id = 4360,
            Uniqid = "z7rkjcV2BV",
            Payed = true,
            PayedAt = updated,
            CreatedAt = new DateTimeOffset(2019, 7, 30, 12, 50, 36, Moscow),
            UpdatedAt = updated,
            ClientId = 235,
            ClientEmail = "username@gmail.com",
            ClientPhone = "+79100000000",
            ClientName = "Иван",
            ClientSurname = "Петров",
            SiteId = 16,
            SiteHost = "qtickets.ru",
            PaymentId = 36,
            PaymentTypeId = "bankcard",
            EventId = 33,
            Price = 800,
            OriginalPrice = 800,
            CurrencyId = "RUB",
            Custom = """{"var1":"val1","var2":"val2"}""",
            Raw = """{"id":4360}""",
            SourceUpdatedAt = updated,
            SyncedAt = updated,
        };
        order.Baskets.Add(Ticket(63993, "877076325904", "CENTER_PARTERRE-21;12", 150, updated));
        order.Baskets.Add(Ticket(63994, "877344688530", "CENTER_PARTERRE-21;11", 150, updated));
        order.Baskets.Add(Ticket(63995, "875606411179", "CENTER_BALCONY-1;14", 500, updated));
        order.SourceProgress = OrderProgress.Of(order);
        return order;
    }

    private static Basket Ticket(long id, string barcode, string seat, decimal price, DateTimeOffset updated) => new()
    {
        Id = id,
        OrderId = 4360,
        Barcode = barcode,
        ShowId = 41,
        SeatId = seat,
        OriginalPrice = price,
        Price = price,
        Quantity = 1,
        ClientEmail = "username@gmail.com",
        ClientName = "Иван",
        ClientSurname = "Петров",
        ClientMiddlename = "Петрович",
        CreatedAt = updated.AddMinutes(-1),
        UpdatedAt = updated,
        Raw = $$"""{"id":{{id}}}""",
        SourceUpdatedAt = updated,
        SyncedAt = updated,
    };
}
