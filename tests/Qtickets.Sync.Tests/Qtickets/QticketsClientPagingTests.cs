using System.Net;
using Microsoft.Extensions.Logging;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Tests.Qtickets;

[Collection(FakeClockClientCollection.Name)]
public sealed class QticketsClientPagingTests
{
    private static readonly OrderListQuery TwoPerPage = new() { PageSize = 2 };

    [Fact]
    public async Task Listing_stops_at_the_first_empty_page()
    {
        using var harness = new ClientHarness();
        harness.Handler
            .ThenOk(QticketsJson.OrdersPage(1, 2))
            .ThenOk(QticketsJson.OrdersPage(3, 4))
            .ThenOk(QticketsJson.OrdersPage());

        var pages = await ToListAsync(harness.Client.ListOrdersAsync(TwoPerPage, CancellationToken.None));

        Assert.Equal([1, 2], pages.Select(p => p.Page));
        Assert.Equal([1L, 2L, 3L, 4L], pages.SelectMany(p => p.Orders).Select(o => o.Id));
        Assert.Equal(3, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task Listing_stops_when_the_reported_total_is_reached()
    {
        using var harness = new ClientHarness();
        harness.Handler
            .ThenOk(QticketsJson.Page([QticketsJson.Order(1), QticketsJson.Order(2)], QticketsJson.Paging(2, 1, 4)))
            .ThenOk(QticketsJson.Page([QticketsJson.Order(3), QticketsJson.Order(4)], QticketsJson.Paging(2, 2, 4)));

        var pages = await ToListAsync(harness.Client.ListOrdersAsync(TwoPerPage, CancellationToken.None));

        Assert.Equal([1L, 2L, 3L, 4L], pages.SelectMany(p => p.Orders).Select(o => o.Id));
        Assert.Equal(2, harness.Handler.Requests.Count);
        Assert.All(pages, page => Assert.Equal(4, page.Total));
    }

    [Fact]
    public async Task A_page_whose_rows_cannot_be_read_still_counts_as_served_and_the_listing_goes_on()
    {
        using var harness = new ClientHarness();
        var noId = QticketsJson.Order(1).Replace("\"id\":1", "\"id\":\"one\"", StringComparison.Ordinal);
        var tooLong = QticketsJson.Order(2).Replace(
            "\"payed\":", $"\"uniqid\":\"\\ud800\",\"note\":\"{new string('x', 2 * UnreadableRow.MaxExcerptLength)}\",\"payed\":", StringComparison.Ordinal);
        harness.Handler
            .ThenOk(QticketsJson.Page([noId, tooLong], QticketsJson.Paging(2, 1, 4)))
            .ThenOk(QticketsJson.Page([QticketsJson.Order(3), QticketsJson.Order(4)], QticketsJson.Paging(2, 2, 4)));

        var pages = await ToListAsync(harness.Client.ListOrdersAsync(TwoPerPage, CancellationToken.None));

        Assert.Equal([1, 2], pages.Select(p => p.Page));
        Assert.Equal([3L, 4L], pages.SelectMany(p => p.Orders).Select(o => o.Id));
        var unreadable = pages[0].Unreadable;
        Assert.Equal([null, 2L], unreadable.Select(r => r.Id));
        Assert.All(unreadable, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
        // The excerpt is the start of the row's text, bounded.
        Assert.Contains("\"id\":\"one\"", unreadable[0].Excerpt, StringComparison.Ordinal);
        Assert.Equal(UnreadableRow.MaxExcerptLength, unreadable[1].Excerpt.Length);
        Assert.StartsWith("{\"id\":2,", unreadable[1].Excerpt, StringComparison.Ordinal);
        Assert.Empty(pages[1].Unreadable);
    }

    [Fact]
    public async Task A_fetched_order_that_cannot_be_read_throws_with_what_was_kept_of_it()
    {
        using var harness = new ClientHarness();
        harness.Handler.ThenOk($$"""{"data":{{QticketsJson.Order(7).Replace("\"event_id\":33", "\"event_id\":true", StringComparison.Ordinal)}}}""");

        var exception = await Assert.ThrowsAsync<UnreadableOrderException>(() => harness.Client.GetOrderAsync(7, CancellationToken.None));

        Assert.Equal(7L, exception.Row.Id);
        Assert.Contains("event_id", exception.Row.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_paging_a_short_page_is_not_the_end_only_an_empty_page_is()
    {
        using var harness = new ClientHarness();
        harness.Handler
            .ThenOk(QticketsJson.OrdersPage(1, 2))
            .ThenOk(QticketsJson.OrdersPage(3))
            .ThenOk(QticketsJson.OrdersPage(4, 5))
            .ThenOk(QticketsJson.OrdersPage());

        var pages = await ToListAsync(harness.Client.ListOrdersAsync(TwoPerPage, CancellationToken.None));

        Assert.Equal([1L, 2L, 3L, 4L, 5L], pages.SelectMany(p => p.Orders).Select(o => o.Id));
        Assert.Equal(4, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task With_paging_the_served_page_size_and_total_end_the_listing_without_asking_past_the_last_page()
    {
        using var harness = new ClientHarness();
        harness.Handler
            .ThenOk(QticketsJson.Page([QticketsJson.Order(1), QticketsJson.Order(2)], QticketsJson.Paging(2, 1, 3)))
            .ThenOk(QticketsJson.Page([QticketsJson.Order(3)], QticketsJson.Paging(2, 2, 3)));

        // Asked for 200 a page; the server serves 2 and says so.
        var pages = await ToListAsync(harness.Client.ListOrdersAsync(new OrderListQuery { PageSize = 200 }, CancellationToken.None));

        Assert.Equal([1L, 2L, 3L], pages.SelectMany(p => p.Orders).Select(o => o.Id));
        Assert.Equal(2, harness.Handler.Requests.Count);
        Assert.True(pages[^1].IsLast);
        Assert.Equal(2, pages[0].Verdict.PageSize);
    }

    [Fact]
    public async Task A_page_asked_for_after_the_last_ends_the_listing_instead_of_looping()
    {
        using var harness = new ClientHarness();
        harness.Handler.ThenOk(QticketsJson.Page([], QticketsJson.Paging(50, 7, 300)));

        var pages = await ToListAsync(harness.Client.ListOrdersAsync(TwoPerPage with { StartPage = 7 }, CancellationToken.None));

        Assert.Empty(pages);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task A_server_that_pages_smaller_than_asked_is_still_read_to_the_end()
    {
        using var harness = new ClientHarness();
        harness.Handler
            .ThenOk(QticketsJson.Page([QticketsJson.Order(1), QticketsJson.Order(2)], QticketsJson.Paging(2, 1, 3)))
            .ThenOk(QticketsJson.Page([QticketsJson.Order(3)], QticketsJson.Paging(2, 2, 3)));

        var pages = await ToListAsync(harness.Client.ListOrdersAsync(new OrderListQuery { PageSize = 200 }, CancellationToken.None));

        Assert.Equal([1L, 2L, 3L], pages.SelectMany(p => p.Orders).Select(o => o.Id));
        Assert.Equal(2, pages[0].PerPage);
    }

    [Fact]
    public async Task A_page_served_twice_stops_the_listing_with_a_paging_error()
    {
        using var harness = new ClientHarness();
        harness.Handler
            .ThenOk(QticketsJson.OrdersPage(1, 2))
            .ThenOk(QticketsJson.OrdersPage(1, 2));
        var received = new List<long>();

        var exception = await Assert.ThrowsAsync<QticketsPagingException>(async () =>
        {
            await foreach (var page in harness.Client.ListOrdersAsync(TwoPerPage, CancellationToken.None))
            {
                received.AddRange(page.Orders.Select(o => o.Id));
            }
        });

        Assert.Contains("page 2", exception.Message, StringComparison.Ordinal);
        Assert.Equal([1L, 2L], received);
        Assert.Equal(2, harness.Handler.Requests.Count);
        Assert.Contains(harness.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("same rows", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_backfill_resumes_from_its_start_page()
    {
        using var harness = new ClientHarness();
        harness.Handler.ThenOk(QticketsJson.OrdersPage(41)).ThenOk(QticketsJson.OrdersPage());

        var pages = await ToListAsync(harness.Client.ListOrdersAsync(TwoPerPage with { StartPage = 3 }, CancellationToken.None));

        Assert.Equal(3, Assert.Single(pages).Page);
        Assert.Contains("page=3", harness.Handler.Requests[0].Uri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_without_data_fails_instead_of_ending_the_listing()
    {
        using var harness = new ClientHarness();
        harness.Handler.ThenOk("""{"error":"Something changed","status":200}""");

        var exception = await Assert.ThrowsAsync<OrderPayloadException>(
            () => ToListAsync(harness.Client.ListOrdersAsync(TwoPerPage, CancellationToken.None)));

        Assert.Contains("data", exception.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_are_listed_with_their_shows()
    {
        using var harness = new ClientHarness(new Dictionary<string, string?> { ["Qtickets:PageSize"] = "2" });
        harness.Handler
            .ThenOk("""
                {"data":[
                  {"id":12,"name":"Концерт","is_active":1,"currency_id":"RUB","place_name":"Олимпийский","city_id":"1","external_id":null,
                   "shows":[{"id":21,"is_active":"1","sale_start_date":null,"start_date":"2019-12-29T18:30:00+03:00","finish_date":"2019-12-29T23:00:00+03:00","prices":[]}]},
                  {"id":13,"name":"Спектакль","is_active":0,"shows":[]}
                ],"paging":{"perPage":2,"currentPage":1,"total":3}}
                """)
            .ThenOk("""{"data":[{"id":14,"name":"Выставка","is_active":true}],"paging":{"perPage":2,"currentPage":2,"total":3}}""");

        var pages = await ToListAsync(harness.Client.ListEventsAsync(CancellationToken.None));

        var events = pages.SelectMany(p => p).ToList();
        Assert.Equal([12L, 13L, 14L], events.Select(e => e.Id));
        var concert = events[0];
        Assert.True(concert.IsActive);
        Assert.Equal(1, concert.CityId);
        Assert.False(events[1].IsActive);
        var show = Assert.Single(concert.Shows);
        Assert.Equal(21, show.Id);
        Assert.Equal(12, show.EventId);
        Assert.True(show.IsActive);
        Assert.Null(show.SaleStartDate);
        Assert.Equal(new DateTimeOffset(2019, 12, 29, 18, 30, 0, TimeSpan.FromHours(3)), show.StartDate);
        Assert.Contains("\"prices\":[]", show.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_order_reads_the_data_wrapper_like_a_webhook_body()
    {
        using var harness = new ClientHarness();
        harness.Handler.ThenOk(SeedPayloads.Order4360Response);

        var fetched = await harness.Client.GetOrderAsync(4360, CancellationToken.None);

        var pushed = OrderPayloadParser.Parse(OrderPayloadParserTests.BareSeedOrder());
        Assert.NotNull(fetched);
        Assert.Equal(pushed.Raw, fetched.Raw);
        Assert.Equal(pushed.Baskets.Select(b => b.Price), fetched.Baskets.Select(b => b.Price));
        Assert.Equal("/api/rest/v1/orders/4360", harness.Handler.Requests[0].Uri.AbsolutePath);
    }

    [Fact]
    public async Task Get_order_answers_null_for_an_unknown_order()
    {
        using var harness = new ClientHarness();
        harness.Handler.ThenJson(HttpStatusCode.NotFound, """{"error":"Not found","status":404}""");

        var order = await harness.Client.GetOrderAsync(999, CancellationToken.None);

        Assert.Null(order);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task Get_event_maps_the_event_and_its_shows()
    {
        using var harness = new ClientHarness();
        harness.Handler.ThenOk("""{"data":{"id":1240,"name":"Фестиваль","is_active":1,"shows":[{"id":5,"is_active":0}]}}""");

        var item = await harness.Client.GetEventAsync(1240, CancellationToken.None);

        Assert.NotNull(item);
        Assert.Equal("Фестиваль", item.Name);
        Assert.False(Assert.Single(item.Shows).IsActive);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }
        return list;
    }
}
