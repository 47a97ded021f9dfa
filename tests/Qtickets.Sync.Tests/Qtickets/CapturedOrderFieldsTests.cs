using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Changes;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Sales;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Qtickets;

/// <summary>
/// Orders shaped like the production answers of the reference (fields beyond seed 001 and their type quirks),
/// parsed and stored through the one write path.
/// </summary>
public sealed class CapturedOrderFieldsTests(SyncApiFactory factory) : IClassFixture<SyncApiFactory>
{
    /// <summary>A paid order as captured: price split into ticket and fee, digit-string payment type, IDN host, \/ escapes, refunds lists.</summary>
    private const string PaidOrder = """
        {"id":7700101,"uniqid":"Qm3xYv","payed":true,"payed_at":"2025-03-02T14:05:11+03:00",
         "created_at":"2025-03-02T14:01:00+03:00","updated_at":"2025-03-02T14:05:11+03:00","deleted_at":null,
         "client_id":5501,"client":{"id":5501,"email":"buyer@example.ru","details":{"name":"Анна","surname":"Смирнова","phone":"+79990000000"}},
         "site_id":77,"site":{"id":77,"host":"корпорация-кубиков.рф"},
         "payment_id":12,"payment_type_id":"4326371","payment_card_number":null,
         "payment_url":"https:\/\/qtickets.ru\/pay\/Qm3xYv","cancel_url":null,
         "event_id":901,"price":1512.37,"original_price":1600,"currency_id":"RUB",
         "utm":{"utm_source":"\u0432\u043a"},"custom":"","fields":[],"integrations":{},
         "refunds":[{"basket_id":880002,"amount":500,"created_at":"2025-03-03T10:00:00+03:00"}],
         "baskets":[
           {"id":880001,"show_id":31,"seat_id":"P-1;1","original_price":1100,"price":1012.37,"quantity":1,
            "ticket_original_price":1000,"ticket_amount":920.34,"service_fee_amount":92.03,
            "series":"0042","seat_name":"Партер, ряд 1, место 1","multiprice_code":"adult","services":[],"refunds":[],
            "pdf_url":"https:\/\/qtickets.ru\/ticket\/pdf\/a\/b",
            "refunded_at":null,"refunded_amount":0,"deleted_at":null},
           {"id":880002,"show_id":31,"seat_id":"P-1;2","original_price":500,"price":500,"quantity":1,
            "ticket_original_price":455,"ticket_amount":454.55,"service_fee_amount":45.45,
            "series":"0042","seat_name":"Партер, ряд 1, место 2","multiprice_code":null,"services":[],
            "refunds":[{"amount":500,"created_at":"2025-03-03T10:00:00+03:00"}],
            "refunded_at":"2025-03-03T10:00:00+03:00","refunded_amount":500,"deleted_at":"2025-03-03T10:00:00+03:00"}
         ]}
        """;

    /// <summary>A cancelled unpaid order as captured: baskets deleted with <c>refunded_amount: 0</c> and no refund date.</summary>
    private const string CancelledUnpaidOrder = """
        {"id":7700102,"payed":false,"payed_at":null,"created_at":"2025-03-02T15:00:00+03:00",
         "updated_at":"2025-03-02T15:20:00+03:00","deleted_at":"2025-03-02T15:20:00+03:00",
         "payment_type_id":"card","event_id":901,"price":0,"integrations":[],"refunds":[],
         "baskets":[{"id":880003,"show_id":31,"price":0,"original_price":700,"ticket_amount":0,"service_fee_amount":0,
                     "ticket_original_price":700,"series":"7","refunds":[],
                     "refunded_at":null,"refunded_amount":0,"deleted_at":"2025-03-02T15:20:00+03:00"}]}
        """;

    private static Order Parse(string json) => OrderPayloadParser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Captured_type_quirks_are_read_as_meant()
    {
        var order = Parse(PaidOrder);

        Assert.Equal("4326371", order.PaymentTypeId);
        Assert.Equal("корпорация-кубиков.рф", order.SiteHost);
        Assert.Equal("https://qtickets.ru/pay/Qm3xYv", order.PaymentUrl);
        Assert.Equal("https://qtickets.ru/ticket/pdf/a/b", order.Baskets[0].PdfUrl);
        Assert.Null(order.Integrations);
        Assert.Null(order.Custom);
        Assert.Null(order.Fields);
        Assert.Contains(@"https:\/\/qtickets.ru", order.Raw, StringComparison.Ordinal);
        Assert.Null(Parse(CancelledUnpaidOrder).Integrations);
    }

    [Fact]
    public async Task New_basket_fields_and_refund_lists_are_stored_to_the_kopeck()
    {
        await Upsert(Parse(PaidOrder));

        var stored = await Stored(7700101);
        var first = stored.Baskets.Single(b => b.Id == 880001);
        Assert.Equal(920.34m, first.TicketAmount);
        Assert.Equal(92.03m, first.ServiceFeeAmount);
        Assert.Equal(first.Price, first.TicketAmount + first.ServiceFeeAmount);
        Assert.Equal(1000m, first.TicketOriginalPrice);
        Assert.Equal("0042", first.Series);
        Assert.Equal("Партер, ряд 1, место 1", first.SeatName);
        Assert.Equal("adult", first.MultipriceCode);
        Assert.Null(first.Refunds);
        var second = stored.Baskets.Single(b => b.Id == 880002);
        Assert.Equal(454.55m, second.TicketAmount);
        Assert.Equal(45.45m, second.ServiceFeeAmount);
        Assert.Null(second.MultipriceCode);
        Assert.Contains("\"amount\": 500", second.Refunds, StringComparison.Ordinal);
        Assert.Contains("\"basket_id\": 880002", stored.Refunds, StringComparison.Ordinal);
        Assert.Equal("4326371", stored.PaymentTypeId);
        Assert.Equal("корпорация-кубиков.рф", stored.SiteHost);
    }

    [Fact]
    public async Task The_buyer_of_an_order_is_kept_in_the_clients_table_without_asking_the_api()
    {
        await Upsert(Parse(PaidOrder));

        await using var db = factory.CreateDbContext();
        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == 5501);
        Assert.Equal("buyer@example.ru", client.Email);
        Assert.Equal(("Анна", "Смирнова", "+79990000000"), (client.Name, client.Surname, client.Phone));
        Assert.Contains("buyer@example.ru", client.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zero_refunded_amount_without_a_refund_date_is_not_a_refund()
    {
        var order = Parse(CancelledUnpaidOrder);
        await Upsert(order);

        var stored = await Stored(7700102);
        var basket = Assert.Single(stored.Baskets);
        Assert.False(stored.Payed);
        Assert.Equal(0m, basket.RefundedAmount);
        Assert.Null(basket.RefundedAt);
        Assert.False(SalesRules.IsRefunded(stored, basket));
        Assert.False(SalesRules.CountsAsSold(stored, basket));
        // Only a real refund moves the order's progress; a zero amount must not win a same-second tie.
        Assert.Equal(2, order.SourceProgress);
    }

    private async Task Upsert(Order order)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await factory.GetRequiredService<OrderUpserter>().UpsertAsync(connection, null, Account.DefaultId, [order], OrderSources.Reconcile, new ChangeOrigin(ChangeSources.Incremental, null), CancellationToken.None);
    }

    private async Task<Order> Stored(long id)
    {
        await using var db = factory.CreateDbContext();
        return await db.Orders.AsNoTracking().Include(o => o.Baskets).SingleAsync(o => o.Id == id);
    }
}
