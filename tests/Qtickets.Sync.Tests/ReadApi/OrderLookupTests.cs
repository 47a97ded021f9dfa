using Qtickets.Sync.Domain.Catalog;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Tests.Support;
using static Qtickets.Sync.Tests.ReadApi.ReadApiData;

namespace Qtickets.Sync.Tests.ReadApi;

public class OrderLookupTests(SyncApiFactory factory) : IClassFixture<SyncApiFactory>
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Include_raw_adds_the_platforms_own_fields_and_an_order_counts_its_tickets()
    {
        var order = Order(3, T0, baskets: [Ticket(150, showId: 31), Ticket(500, showId: 31)]);
        await SaveAsync(factory, order);
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);

        var without = await GetJsonAsync(client, "/api/v1/orders?event_id=3");
        var with = await GetJsonAsync(client, "/api/v1/orders?event_id=3&include=raw");
        var single = await GetJsonAsync(client, $"/api/v1/orders/{order.Id}");
        var singleRaw = await GetJsonAsync(client, $"/api/v1/orders/{order.Id}?include=raw");

        Assert.Equal(System.Text.Json.JsonValueKind.Null, without.GetProperty("items")[0].GetProperty("platformFields").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, single.GetProperty("platformFields").ValueKind);
        Assert.Equal(order.Id, with.GetProperty("items")[0].GetProperty("platformFields").GetProperty("id").GetInt64());
        Assert.Equal(order.Id, singleRaw.GetProperty("platformFields").GetProperty("id").GetInt64());
        Assert.Equal((2, 650m, "31"), (single.GetProperty("tickets").GetInt32(), single.GetProperty("total").GetDecimal(), single.GetProperty("showId").GetString()));
        Assert.Equal(("qtickets", "paid"), (single.GetProperty("platform").GetString(), single.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_ticket_is_found_by_barcode_with_its_order_event_and_show()
    {
        var order = Order(4, T0, baskets: [Ticket(150, showId: 41)]);
        await SaveAsync(factory, order);
        await using (var db = factory.CreateDbContext())
        {
            db.Events.Add(new Event
            {
                Id = 4, Name = "Концерт", PlaceName = "Зал", Raw = "{}",
                Shows = [new Show { Id = 41, EventId = 4, StartDate = T0.AddDays(30), Raw = "{}" }],
            });
            await db.SaveChangesAsync();
        }
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);

        var ticket = await GetJsonAsync(client, $"/api/v1/tickets/{order.Baskets[0].Barcode}");

        var id = order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((id, "4", "41"), (ticket.GetProperty("orderId").GetString(), ticket.GetProperty("eventId").GetString(), ticket.GetProperty("showId").GetString()));
        Assert.Equal(T0.AddDays(30), ticket.GetProperty("showStartsAt").GetDateTimeOffset());
        Assert.Equal(order.Baskets[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ticket.GetProperty("ticketId").GetString());
        Assert.Equal((150m, "sold"), (ticket.GetProperty("price").GetDecimal(), ticket.GetProperty("status").GetString()));
        var of = ticket.GetProperty("order");
        Assert.Equal((id, "Концерт"), (of.GetProperty("id").GetString(), of.GetProperty("eventName").GetString()));
    }
}
