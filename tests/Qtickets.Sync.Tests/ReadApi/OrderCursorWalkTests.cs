using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Tests.Support;
using static Qtickets.Sync.Tests.ReadApi.ReadApiData;

namespace Qtickets.Sync.Tests.ReadApi;

public class OrderCursorWalkTests(SyncApiFactory factory) : IClassFixture<SyncApiFactory>
{
    private static readonly DateTimeOffset T0 = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Walking_the_cursor_sees_every_order_once_while_orders_arrive_between_pages()
    {
        // Several orders share a creation instant so pages must split ties by id.
        var existing = Enumerable.Range(0, 95)
            .Select(i => Order(9, T0.AddMinutes(i / 3), baskets: [Ticket(100)]))
            .ToList();
        await SaveAsync(factory, [.. existing]);
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);

        var seen = new List<long>();
        var olderArrivals = new List<Order>();
        string? cursor = null;
        var pages = 0;
        while (true)
        {
            var page = await GetJsonAsync(client, $"/api/v1/orders?event_id=9&limit=7{(cursor is null ? "" : $"&cursor={cursor}")}");
            seen.AddRange(Ids(page));
            pages++;
            cursor = page.GetProperty("nextCursor").GetString();
            if (cursor is null)
            {
                break;
            }
            // Between pages: one order newer than everything (it belongs before the walk) and one older than the
            // position reached (it belongs after it, so the walk must still find it).
            var newer = Order(9, T0.AddDays(10).AddMinutes(pages), baskets: [Ticket(1)]);
            var older = Order(9, T0.AddMinutes(-pages), baskets: [Ticket(1)]);
            olderArrivals.Add(older);
            await SaveAsync(factory, newer, older);
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Empty(existing.Select(o => o.Id).Except(seen));
        Assert.Empty(olderArrivals.Select(o => o.Id).Except(seen));
        Assert.True(pages > 10, $"expected many pages, walked {pages}");
    }

    [Fact]
    public async Task Limit_bounds_the_page_and_the_last_page_has_no_cursor()
    {
        await SaveAsync(factory, [.. Enumerable.Range(0, 5).Select(i => Order(10, T0.AddHours(i), baskets: [Ticket(1)]))]);
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);

        var first = await GetJsonAsync(client, "/api/v1/orders?event_id=10&limit=3");
        var second = await GetJsonAsync(client, $"/api/v1/orders?event_id=10&limit=3&cursor={first.GetProperty("nextCursor").GetString()}");

        Assert.Equal(3, Ids(first).Count);
        Assert.Equal(2, Ids(second).Count);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
    }
}
