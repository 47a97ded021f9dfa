using Qtickets.Sync.Domain.Catalog;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Tests.Support;
using static Qtickets.Sync.Tests.ReadApi.ReadApiData;

namespace Qtickets.Sync.Tests.ReadApi;

public class OrderLookupTests(SyncApiFactory factory) : IClassFixture<SyncApiFactory>
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Include_baskets_embeds_each_orders_tickets_and_get_by_id_always_does()
    {
        var order = Order(3, T0, baskets: [Ticket(150, showId: 31), Ticket(500, showId: 31)]);
        await SaveAsync(factory, order);
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);

        var without = await GetJsonAsync(client, "/api/v1/orders?event_id=3");
        var with = await GetJsonAsync(client, "/api/v1/orders?event_id=3&include=baskets");
        var single = await GetJsonAsync(client, $"/api/v1/orders/{order.Id}");

        Assert.Equal(System.Text.Json.JsonValueKind.Null, without.GetProperty("items")[0].GetProperty("baskets").ValueKind);
        var embedded = with.GetProperty("items")[0].GetProperty("baskets");
        Assert.Equal(order.Baskets.Select(b => b.Id), embedded.EnumerateArray().Select(b => b.GetProperty("id").GetInt64()));
        Assert.Equal(order.Baskets.Select(b => b.Barcode), single.GetProperty("baskets").EnumerateArray().Select(b => b.GetProperty("barcode").GetString()));
        Assert.Equal(650m, single.GetProperty("price").GetDecimal());
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

        Assert.Equal(order.Id, ticket.GetProperty("orderId").GetInt64());
        Assert.Equal("Концерт", ticket.GetProperty("event").GetProperty("name").GetString());
        Assert.Equal(41, ticket.GetProperty("show").GetProperty("id").GetInt64());
        Assert.Equal(T0.AddDays(30), ticket.GetProperty("show").GetProperty("startDate").GetDateTimeOffset());
        Assert.Equal(order.Baskets[0].Id, ticket.GetProperty("ticket").GetProperty("id").GetInt64());
    }
}
