using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Qtickets.Sync.Domain.Ticketscloud;
using Qtickets.Sync.Infrastructure.Ticketscloud;
using Qtickets.Sync.Tests.Qtickets;

namespace Qtickets.Sync.Tests.Ticketscloud;

/// <summary>
/// The client's reading of Ticketscloud answers, from seed 002's example and from shapes it must tolerate:
/// the documented request, money strings and numbers read exactly, zones, rows it cannot read set aside alone.
/// </summary>
public sealed class TicketscloudPayloadTests
{
    /// <summary>Seed 002's example order (its refs give the event no zone) with a second event in Yekaterinburg.</summary>
    private const string SeedPage = """
        {"data":[
          {"code":"97elgi8j","created_at":"2019-07-25 14:56:16","done_at":"2019-07-25 14:57:47","event":"5d31fbdd27649b0dff076117",
           "expired_after":"2019-07-25 15:11:16","id":"5d39c3108cd381a4891e07e0","number":54881,"org":"5b04229196c055000d87c2b5",
           "origin":"api","promocodes":[],"settings":{"invitation":false,"send_tickets":false,"subscribe_agree":false},"status":"done",
           "tickets":[{"barcode":"17174251182011730","discount":"0.00","extra":"6.00","full":"156.00","id":"5d31fbfb306fdcc187b91179",
             "nominal":"150.00","number":157495,"price":"150.00","serial":"OOX","set":"5d31fbfa27649b0dff07611b","status":"reserved"}],
           "values":{"discount":"0.00","extra":"6.00","full":"156.00","nominal":"150.00","price":"150.00","sets_values":{},"viral_promocodes":[]},
           "vendor":"5b02d6e9517565000d9cb1ce","vendor_data":{}},
          {"id":"5D39C3108CD381A4891E07E1","event":"5c13b5b1867efb000be1ebd7","status":"executed","created_at":"2019-08-01T10:00:00",
           "tickets":[{"id":"5d31fbfb306fdcc187b91180","nominal":0.1,"extra":"0.005","full":"0.105","price":"0.10"}],
           "values":{"nominal":"0.10","extra":0.005,"full":"0.105","price":"0.10"}},
          {"id":"not-a-24-hex-id","event":"5c13b5b1867efb000be1ebd7","status":"done","created_at":"2019-08-01 10:00:00","values":{}},
          {"id":"5d39c3108cd381a4891e07e2","event":"5c13b5b1867efb000be1ebd7","status":"done","created_at":"yesterday","values":{}}
        ],
        "pagination":{"page":1,"page_size":4,"total":4},
        "refs":{"events":{"5c13b5b1867efb000be1ebd7":{"id":"5c13b5b1867efb000be1ebd7","timezone":"Asia/Yekaterinburg",
          "lifetime":{"start":"2019-08-31 15:00:00","finish":"2019-08-31 16:00:00"},"title":{"text":"KoЯn","desc":"ауц"}}}}}
        """;

    [Fact]
    public async Task Reads_seed_orders_exactly_and_sets_aside_only_the_rows_it_cannot_read()
    {
        var handler = new ScriptedHandler(TimeProvider.System).ThenOk(SeedPage);
        using var services = Services(handler);
        var client = services.GetRequiredService<ITicketscloudClient>();
        var account = new TicketscloudAccount(new Uri("https://ticketscloud.com/"), "9bd8359943b545500278875r49c5b96d", "Europe/Moscow");
        var from = new DateTimeOffset(2015, 7, 28, 13, 0, 0, TimeSpan.FromHours(3));
        var to = new DateTimeOffset(2020, 7, 28, 13, 0, 0, TimeSpan.FromHours(3));

        var pages = new List<TicketscloudPage<TicketscloudOrder>>();
        await foreach (var page in client.ListOrdersAsync(account, new TicketscloudListQuery(from, to) { Statuses = ["done", "cancelled"], PageSize = 4 }, default))
        {
            pages.Add(page);
        }

        var request = Assert.Single(handler.Requests);
        Assert.Equal("key", request.Authorization!.Scheme);
        Assert.Equal("9bd8359943b545500278875r49c5b96d", request.Authorization.Parameter);
        // The documented example's form: ISO without offset, in the account's zone (Moscow: +03:00 since 2014); statuses comma-separated.
        Assert.Equal("/v2/resources/orders?created_at=2015-07-28T13%3A00%3A00%2C2020-07-28T13%3A00%3A00&status=done%2Ccancelled&page=1&page_size=4",
            request.Uri.PathAndQuery);

        var page1 = Assert.Single(pages);
        Assert.True(page1.Last);
        Assert.Equal(["not-a-24-hex-id", "5d39c3108cd381a4891e07e2"], page1.Unreadable.Select(u => u.Id));
        var seed = page1.Items[0];
        // No zone in refs for this event: Moscow, so 14:56:16 is 11:56:16 UTC.
        Assert.Equal(new DateTimeOffset(2019, 7, 25, 11, 56, 16, TimeSpan.Zero), seed.CreatedAt);
        Assert.Equal("Europe/Moscow", seed.TimeZone);
        Assert.Equal(new TicketscloudValues(150.00m, 6.00m, 156.00m, 0.00m, 150.00m), seed.Values);
        Assert.Equal(("17174251182011730", "OOX", "5d31fbfa27649b0dff07611b", "reserved"),
            (seed.Tickets[0].Barcode, seed.Tickets[0].Serial, seed.Tickets[0].SetId, seed.Tickets[0].Status));
        var yekaterinburg = page1.Items[1];
        // Upper-case ids are the same ids; the event's zone (+05:00) reads its times; money as numbers or strings, exact.
        Assert.Equal("5d39c3108cd381a4891e07e1", yekaterinburg.Id);
        Assert.Equal(new DateTimeOffset(2019, 8, 1, 5, 0, 0, TimeSpan.Zero), yekaterinburg.CreatedAt);
        Assert.Equal(0.105m, yekaterinburg.Values.Full);
        Assert.Equal(0.005m, yekaterinburg.Tickets[0].Values.Extra);
        var ev = Assert.Single(page1.Events);
        Assert.Equal(("KoЯn", "Asia/Yekaterinburg"), (ev.Title, ev.TimeZone));
    }

    [Fact]
    public async Task Walks_pages_until_the_documented_total_and_waits_out_throttling()
    {
        static string Row(string id) =>
            "{\"id\":\"" + id + "\",\"event\":\"5c13b5b1867efb000be1ebd7\",\"status\":\"done\",\"created_at\":\"2026-11-01 10:00:00\","
            + "\"values\":{\"nominal\":\"1\",\"full\":\"1\",\"price\":\"1\"}}";
        static string Page(int page, int total, params string[] ids) =>
            "{\"data\":[" + string.Join(",", ids.Select(Row)) + "],\"pagination\":{\"page\":" + page + ",\"page_size\":2,\"total\":" + total + "},\"refs\":{}}";
        var handler = new ScriptedHandler(TimeProvider.System)
            .ThenOk(Page(1, 3, "5d39c3108cd381a4891e07a1", "5d39c3108cd381a4891e07a2"))
            .ThenJson(System.Net.HttpStatusCode.TooManyRequests, "{}", r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero))
            .ThenJson(System.Net.HttpStatusCode.ServiceUnavailable, "{}")
            .ThenOk(Page(2, 3, "5d39c3108cd381a4891e07a3"));
        using var services = Services(handler);
        var client = services.GetRequiredService<ITicketscloudClient>();
        var account = new TicketscloudAccount(new Uri("https://ticketscloud.com/"), "key", "Europe/Moscow");

        var ids = new List<string>();
        await foreach (var page in client.ListOrdersAsync(account, new TicketscloudListQuery(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow) { PageSize = 2 }, default))
        {
            ids.AddRange(page.Items.Select(o => o.Id));
        }

        Assert.Equal(["5d39c3108cd381a4891e07a1", "5d39c3108cd381a4891e07a2", "5d39c3108cd381a4891e07a3"], ids);
        Assert.Equal(4, handler.Requests.Count);
    }

    private static ServiceProvider Services(ScriptedHandler handler)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ticketscloud:RequestsPerSecond"] = "0",
            ["Ticketscloud:RetryBaseDelay"] = "00:00:00.001",
        }).Build();
        var collection = new ServiceCollection().AddLogging();
        collection.AddTicketscloudClient(configuration);
        collection.AddHttpClient(TicketscloudClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        return collection.BuildServiceProvider();
    }
}
