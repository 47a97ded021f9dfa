using Qtickets.Sync.Domain.Orders;

namespace Qtickets.Sync.Tests.Support;

/// <summary>
/// Orders shaped like the captured production answers (reference notes, "What the production API actually
/// does"), one per rule of docs/sales-rules.md. Event 70, shows 701 and 702, Moscow time. The worked example in
/// the rules document is this fixture; its expected rows are <see cref="ExpectedMoscow"/>.
/// </summary>
public static class RealShapeOrders
{
    public const long EventId = 70;
    private static readonly TimeSpan Msk = TimeSpan.FromHours(3);

    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2025, 3, day, hour, minute, 0, Msk);

    /// <summary>A: 100 % discount — a paid order for 0 that still sells a ticket; scanned at the door.</summary>
    public static Order ZeroPrice() => Order(7001, At(10, 12), b => b.Add(Basket(70011, 701, 0m, fee: 0m, checkedAt: At(15, 19))));

    /// <summary>B: cancelled before payment — payed false, deleted, baskets deleted with refunded_amount 0 and no refunded_at.</summary>
    public static Order CancelledUnpaid() => Order(7002, null, b => b.Add(Basket(70021, 701, 1500m, fee: 150m, deletedAt: At(10, 12, 20), refundedAmount: 0m)),
        deletedAt: At(10, 12, 20));

    /// <summary>C: two tickets of 1 100 each (1 000 ticket + 100 service fee), paid 23:30 Moscow, one scanned.</summary>
    public static Order FeeSplit() => Order(7003, At(10, 23, 30), b =>
    {
        b.Add(Basket(70031, 701, 1100m, fee: 100m, checkedAt: At(20, 19)));
        b.Add(Basket(70032, 701, 1100m, fee: 100m));
    });

    /// <summary>D: partial refund with a deduction — 1 100 paid, 800 returned on the 14th, 300 kept.</summary>
    public static Order PartialRefund() => Order(7004, At(11, 10), b =>
        b.Add(Basket(70041, 702, 1100m, fee: 100m, deletedAt: At(14, 15), refundedAt: At(14, 15), refundedAmount: 800m, deduction: 300m)));

    /// <summary>E: a paid order cancelled on the 12th with both baskets refunded in full.</summary>
    public static Order CancelledWithRefunds() => Order(7005, At(11, 11), b =>
    {
        b.Add(Basket(70051, 701, 500m, fee: null, deletedAt: At(12, 9), refundedAt: At(12, 9), refundedAmount: 500m, deduction: 0m));
        b.Add(Basket(70052, 701, 500m, fee: null, deletedAt: At(12, 9), refundedAt: At(12, 9), refundedAmount: 500m, deduction: 0m));
    }, deletedAt: At(12, 9));

    /// <summary>F: a paid order cancelled on the 13th without any refund record, its basket not even marked deleted.</summary>
    public static Order CancelledWithoutRefund() => Order(7006, At(11, 12), b => b.Add(Basket(70061, 701, 700m, fee: 70m)),
        deletedAt: At(13, 10));

    /// <summary>G: paid, but QTickets no longer lists it (a full sweep marked it upstream-missing).</summary>
    public static Order UpstreamMissing()
    {
        var order = Order(7007, At(12, 10), b => b.Add(Basket(70071, 701, 900m, fee: 90m)));
        order.UpstreamMissingAt = At(16, 3);
        return order;
    }

    /// <summary>H: a newer payload dropped one of two baskets (vanished); only the one still listed sells.</summary>
    public static Order WithVanishedBasket(bool vanished = true)
    {
        var order = Order(7008, At(12, 14), b =>
        {
            b.Add(Basket(70081, 702, 600m, fee: 0m));
            b.Add(Basket(70082, 702, 400m, fee: 0m));
        });
        if (vanished)
        {
            order.Baskets[1].VanishedAt = order.UpdatedAt;
        }
        return order;
    }

    public static List<Order> All() =>
    [
        ZeroPrice(), CancelledUnpaid(), FeeSplit(), PartialRefund(), CancelledWithRefunds(), CancelledWithoutRefund(),
        UpstreamMissing(), WithVanishedBasket(),
    ];

    /// <summary>The worked example of docs/sales-rules.md, row by row (day, event, show, orders, tickets, gross, ticket, fees, refunded tickets, refunds).</summary>
    public static readonly (DateOnly Day, long Show, int Orders, int Tickets, decimal Gross, decimal Ticket, decimal Fees, int RefundedTickets, decimal Refunds)[] ExpectedMoscow =
    [
        (new(2025, 3, 10), 701, 2, 3, 2200m, 2000m, 200m, 0, 0m),
        (new(2025, 3, 11), 701, 1, 2, 1000m, 1000m, 0m, 0, 0m),
        (new(2025, 3, 11), 702, 1, 1, 1100m, 1000m, 100m, 0, 0m),
        (new(2025, 3, 12), 701, 0, 0, 0m, 0m, 0m, 2, 1000m),
        (new(2025, 3, 12), 702, 1, 1, 600m, 600m, 0m, 0, 0m),
        (new(2025, 3, 14), 702, 0, 0, 0m, 0m, 0m, 1, 800m),
    ];

    private static Order Order(long id, DateTimeOffset? paidAt, Action<List<Basket>> baskets, DateTimeOffset? deletedAt = null)
    {
        var created = paidAt?.AddMinutes(-5) ?? At(10, 12, 10);
        var updated = deletedAt ?? paidAt ?? created;
        var order = new Order
        {
            Id = id,
            Uniqid = $"rs{id}",
            EventId = EventId,
            Payed = paidAt is not null,
            PayedAt = paidAt,
            CreatedAt = created,
            UpdatedAt = updated,
            DeletedAt = deletedAt,
            CurrencyId = "RUB",
            PaymentTypeId = "4326371",
            Raw = $$"""{"id":{{id}},"v":"{{updated:O}}"}""",
            SourceUpdatedAt = updated,
            SyncedAt = updated,
        };
        baskets(order.Baskets);
        foreach (var basket in order.Baskets)
        {
            basket.OrderId = id;
            basket.SourceUpdatedAt = updated;
        }
        order.Price = order.Baskets.Sum(b => b.Price * b.Quantity);
        order.OriginalPrice = order.Price;
        order.SourceProgress = OrderProgress.Of(order);
        return order;
    }

    private static Basket Basket(
        long id, long show, decimal price, decimal? fee, DateTimeOffset? checkedAt = null, DateTimeOffset? deletedAt = null,
        DateTimeOffset? refundedAt = null, decimal? refundedAmount = null, decimal? deduction = null) => new()
    {
        Id = id,
        Barcode = $"RS{id}",
        ShowId = show,
        Price = price,
        OriginalPrice = price,
        TicketAmount = fee is null ? null : price - fee,
        ServiceFeeAmount = fee,
        Quantity = 1,
        CheckedAt = checkedAt,
        DeletedAt = deletedAt,
        RefundedAt = refundedAt,
        RefundedAmount = refundedAmount,
        RefundedDeductionAmount = deduction,
        Raw = $$"""{"id":{{id}}}""",
    };
}
