using System.Globalization;
using System.Text.Json;
using Qtickets.Sync.Domain.Catalog;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Sales;
using Qtickets.Sync.Tests.Support;
using static Qtickets.Sync.Tests.ReadApi.ReadApiData;

namespace Qtickets.Sync.Tests.ReadApi;

public class DailySalesApiTests(SyncApiFactory factory) : IClassFixture<SyncApiFactory>, IAsyncLifetime
{
    // Built once; the class's database is arranged by whichever test runs first.
    private static readonly List<Order> orders = Arrange();

    public async Task InitializeAsync()
    {
        await using var db = factory.CreateDbContext();
        if (!db.Orders.Any())
        {
            await SaveAsync(factory, [.. orders]);
            await SalesTable.FoldAsync(factory);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// Sales around midnight in several zones and across Berlin's switch to summer time (2024-03-31 01:00 UTC),
    /// refunds booked days later, removed tickets that must not count and one that was refunded so it must.
    /// </summary>
    private static List<Order> Arrange()
    {
        var dst = new DateTimeOffset(2024, 3, 30, 22, 30, 0, TimeSpan.Zero);
        var list = new List<Order>
        {
            Order(60, dst, baskets: [Ticket(1000, showId: 601), Ticket(1500, showId: 601)]),
            Order(60, dst.AddHours(1), baskets: [Ticket(700, showId: 602, quantity: 2)]),
            Order(60, dst.AddHours(2), baskets: [Ticket(300, showId: 601)]),
            Order(61, dst.AddHours(-3), baskets: [Ticket(2500, showId: 611)]),
            Order(61, dst.AddDays(1).AddHours(1.5), baskets: [Ticket(800, showId: 611), Ticket(800, showId: 611)]),
            Order(60, dst.AddDays(2), paid: false, baskets: [Ticket(9999, showId: 601)]),
            Order(61, new DateTimeOffset(2024, 4, 10, 20, 59, 0, TimeSpan.Zero), baskets: [Ticket(450.50m, showId: 611)]),
        };
        // Refunded three days later, for less than the price.
        list[0].Baskets[1].RefundedAt = dst.AddDays(3);
        list[0].Baskets[1].RefundedAmount = 1200;
        // Refunded and then deleted: sold first, so both the sale and the refund count.
        list[1].Baskets[0].RefundedAt = dst.AddDays(1).AddMinutes(10);
        list[1].Baskets[0].RefundedAmount = 1400;
        list[1].Baskets[0].DeletedAt = dst.AddDays(1).AddMinutes(11);
        // Dropped from a newer payload, and deleted without a refund: neither counts.
        list[2].Baskets.Add(Ticket(5000, showId: 601));
        list[2].Baskets[1].VanishedAt = dst.AddHours(3);
        list[4].Baskets[1].DeletedAt = dst.AddDays(1).AddHours(2);
        // Prices split into ticket and service fee.
        list[3].Baskets[0].ServiceFeeAmount = 250;
        list[6].Baskets[0].ServiceFeeAmount = 45.05m;
        // A paid order QTickets no longer knows, and one cancelled without a refund: neither sells.
        list.Add(Order(61, dst.AddHours(5), baskets: [Ticket(3333, showId: 611)]));
        list[^1].UpstreamMissingAt = dst.AddDays(4);
        list.Add(Order(60, dst.AddHours(6), baskets: [Ticket(4444, showId: 601)]));
        list[^1].DeletedAt = dst.AddDays(1);
        return list;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Europe/Moscow")]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("UTC")]
    public async Task Daily_sales_equal_the_domain_computation_in_every_time_zone(string? tz)
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(tz ?? "Europe/Moscow");

        var report = await GetJsonAsync(client, "/api/v1/sales/daily" + (tz is null ? "" : $"?tz={Uri.EscapeDataString(tz)}"));

        var expected = ByEvent(DailySales.Compute(orders, zone));
        Assert.Equal(zone.Id, report.GetProperty("timeZone").GetString());
        AssertRows(expected, report);
        var fromTable = zone.Id == "Europe/Moscow";
        Assert.Equal(fromTable ? "table" : "recompute", report.GetProperty("source").GetString());
        Assert.Equal(fromTable, report.GetProperty("note").ValueKind == JsonValueKind.Null);
    }

    [Theory]
    [InlineData("day")]
    [InlineData("event")]
    [InlineData("show")]
    [InlineData("show", "UTC")]
    public async Task Group_by_day_event_or_show_gives_the_domain_rows_at_that_grain(string groupBy, string tz = "Europe/Moscow")
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);

        var report = await GetJsonAsync(client, $"/api/v1/sales/daily?group_by={groupBy}&tz={tz}");

        var rows = DailySales.Compute(orders, TimeZoneInfo.FindSystemTimeZoneById(tz));
        var expected = groupBy switch
        {
            "day" => Group(rows, r => (r.Day, (long?)null, (long?)null)),
            "event" => ByEvent(rows),
            _ => Group(rows, r => (r.Day, (long?)r.EventId, (long?)r.ShowId)),
        };
        Assert.Equal(groupBy, report.GetProperty("groupBy").GetString());
        AssertRows(expected, report);
    }

    [Fact]
    public async Task An_unknown_group_by_is_a_problem_naming_it()
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);

        var problem = await GetProblemAsync(client, "/api/v1/sales/daily?group_by=month", System.Net.HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("group_by", out _));
    }

    [Fact]
    public async Task Event_and_day_range_filters_narrow_the_same_figures()
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var report = await GetJsonAsync(client, "/api/v1/sales/daily?tz=Europe/Berlin&event_id=60&from=2024-03-31&to=2024-04-02");

        var expected = ByEvent(DailySales.Compute(orders, zone))
            .Where(r => r.EventId == 60 && r.Day >= new DateOnly(2024, 3, 31) && r.Day <= new DateOnly(2024, 4, 2))
            .ToList();
        Assert.NotEmpty(expected);
        AssertRows(expected, report);
    }

    [Fact]
    public async Task Events_carry_the_same_totals_and_their_shows_add_up_to_them()
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);

        var events = await GetJsonAsync(client, "/api/v1/events");
        var single = await GetJsonAsync(client, "/api/v1/events/60");

        var expected = DailySales.Compute(orders, TimeZoneInfo.Utc);
        foreach (var e in events.EnumerateArray())
        {
            var id = e.GetProperty("id").GetInt64();
            var rows = expected.Where(r => r.EventId == id).ToList();
            var sales = e.GetProperty("sales");
            Assert.Equal(rows.Sum(r => r.TicketsSold), sales.GetProperty("ticketsSold").GetInt32());
            Assert.Equal(rows.Sum(r => r.Gross), sales.GetProperty("revenue").GetDecimal());
            Assert.Equal(rows.Sum(r => r.Refunds), sales.GetProperty("refundedAmount").GetDecimal());
            Assert.Equal(rows.Sum(r => r.RefundedTickets), sales.GetProperty("refundedTickets").GetInt32());
        }
        Assert.Equal([60L, 61L], events.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
        Assert.Equal(60, single.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Show_totals_add_up_to_the_event_totals()
    {
        await using (var db = factory.CreateDbContext())
        {
            if (!db.Events.Any())
            {
                db.Events.Add(new Event
                {
                    Id = 60, Name = "Лебединое озеро", Raw = "{}",
                    Shows = [new() { Id = 601, EventId = 60, Raw = "{}" }, new() { Id = 602, EventId = 60, Raw = "{}" }],
                });
                await db.SaveChangesAsync();
            }
        }
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);

        var e = await GetJsonAsync(client, "/api/v1/events/60");

        var shows = e.GetProperty("shows").EnumerateArray().Select(s => s.GetProperty("sales")).ToList();
        Assert.Equal(2, shows.Count);
        Assert.Equal("Лебединое озеро", e.GetProperty("name").GetString());
        foreach (var field in new[] { "ticketsSold", "revenue", "refundedTickets", "refundedAmount", "netRevenue" })
        {
            Assert.Equal(e.GetProperty("sales").GetProperty(field).GetDecimal(), shows.Sum(s => s.GetProperty(field).GetDecimal()));
        }
    }

    [Fact]
    public async Task Daily_sales_csv_streams_the_rows_and_a_total_line()
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/sales/daily?tz=UTC", UriKind.Relative));
        request.Headers.Accept.ParseAdd("text/csv");

        var response = await client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Csv.Parse(System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        var expected = ByEvent(DailySales.Compute(orders, TimeZoneInfo.Utc));
        Assert.Equal("day", lines[0][0]);
        Assert.Equal("net", lines[0][10]);
        Assert.Equal(expected.Count + 2, lines.Count);
        Assert.Equal("total", lines[^1][0]);
        Assert.Equal(expected.Sum(r => r.Net), decimal.Parse(lines[^1][10], CultureInfo.InvariantCulture));
        Assert.Equal(expected[0].Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), lines[1][0]);
    }

    /// <summary>The report's default grain: a row per day and event, shows added together.</summary>
    private static List<ReportRow> ByEvent(IReadOnlyList<DailySales> rows) => Group(rows, r => (r.Day, (long?)r.EventId, (long?)null));

    private static List<ReportRow> Group(IReadOnlyList<DailySales> rows, Func<DailySales, (DateOnly, long?, long?)> key) =>
        [.. rows.GroupBy(key)
            .Select(g => new ReportRow(g.Key.Item1, g.Key.Item2, g.Key.Item3, g.Sum(r => r.PaidOrders), g.Sum(r => r.TicketsSold),
                g.Sum(r => r.Gross), g.Sum(r => r.TicketRevenue), g.Sum(r => r.ServiceFees), g.Sum(r => r.RefundedTickets), g.Sum(r => r.Refunds)))
            .OrderBy(r => r.Day).ThenBy(r => r.EventId).ThenBy(r => r.ShowId)];

    private sealed record ReportRow(DateOnly Day, long? EventId, long? ShowId, int PaidOrders, int TicketsSold, decimal Gross,
        decimal TicketRevenue, decimal ServiceFees, int RefundedTickets, decimal Refunds)
    {
        public decimal Net => Gross - Refunds;
    }

    private static long? Long(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetInt64();

    private static void AssertRows(IReadOnlyList<ReportRow> expected, JsonElement report)
    {
        var rows = report.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var want = expected[i];
            var got = rows[i];
            var actual = new ReportRow(
                DateOnly.Parse(got.GetProperty("day").GetString()!, CultureInfo.InvariantCulture),
                Long(got.GetProperty("eventId")), Long(got.GetProperty("showId")),
                got.GetProperty("paidOrders").GetInt32(), got.GetProperty("ticketsSold").GetInt32(),
                got.GetProperty("gross").GetDecimal(), got.GetProperty("ticketRevenue").GetDecimal(),
                got.GetProperty("serviceFees").GetDecimal(), got.GetProperty("refundedTickets").GetInt32(),
                got.GetProperty("refunds").GetDecimal());
            Assert.Equal(want, actual);
            Assert.Equal(want.Net, got.GetProperty("net").GetDecimal());
        }
        var totals = report.GetProperty("totals");
        Assert.Equal(expected.Sum(r => r.TicketsSold), totals.GetProperty("ticketsSold").GetInt32());
        Assert.Equal(expected.Sum(r => r.Gross), totals.GetProperty("gross").GetDecimal());
        Assert.Equal(expected.Sum(r => r.ServiceFees), totals.GetProperty("serviceFees").GetDecimal());
        Assert.Equal(expected.Sum(r => r.Refunds), totals.GetProperty("refunds").GetDecimal());
        Assert.Equal(expected.Sum(r => r.Net), totals.GetProperty("net").GetDecimal());
    }
}
