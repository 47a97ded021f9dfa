using System.Net;
using System.Text.Json;
using Npgsql;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Tests.Support;
using Qtickets.Sync.Tests.Ticketscloud;
using static Qtickets.Sync.Tests.ReadApi.ReadApiData;

namespace Qtickets.Sync.Tests.ReadApi;

/// <summary>
/// One read model across platforms (issue 26): a QTickets account ("default", orders saved directly) and a
/// Ticketscloud account (mirrored from the emulator) answer every /api/v1 read endpoint in one shape.
/// </summary>
public class CrossPlatformReadTests(TicketscloudFactory factory) : IClassFixture<TicketscloudFactory>, IAsyncLifetime
{
    private const string Tc = TicketscloudFactory.AccountName;
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool arranged;
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddDays(-10);

    public async Task InitializeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (arranged)
            {
                return;
            }
            await factory.RunAsync(SyncRunKinds.Backfill, DateTimeOffset.UtcNow.AddDays(-40));
            var eventId = NewId();
            await SaveAsync(factory, [.. Enumerable.Range(0, 7).Select(i => Order(eventId, Start.AddHours(i), paid: i % 2 == 0, baskets: Ticket(100m + i)))]);
            await SalesTable.FoldAsync(factory);
            arranged = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_order_list_serves_both_platforms_in_one_shape_and_pages_without_gaps_or_repeats()
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);
        var expected = await CountAsync("SELECT count(*) FROM mirror.orders");
        Assert.True(expected > 7, "the emulator's Ticketscloud orders are mirrored");

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await GetJsonAsync(client, "/api/v1/orders?limit=37" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(o =>
                $"{o.GetProperty("account").GetString()}/{o.GetProperty("platform").GetString()}/{o.GetProperty("id").GetString()}"));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(expected, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Contains(seen, s => s.StartsWith($"{Tc}/ticketscloud/", StringComparison.Ordinal));
        Assert.Contains(seen, s => s.StartsWith("default/qtickets/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Filters_work_the_same_on_both_platforms()
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);
        var tcPaid = await CountAsync($"SELECT count(*) FROM mirror.orders WHERE account = '{Tc}' AND status = 'paid'");
        var paid = await GetJsonAsync(client, $"/api/v1/orders?account={Tc}&status=paid&limit=500");
        var items = paid.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(Math.Min(tcPaid, 500), items.Count);
        Assert.All(items, o => Assert.Equal(("ticketscloud", "paid", Tc),
            (o.GetProperty("platform").GetString(), o.GetProperty("status").GetString(), o.GetProperty("account").GetString())));

        var qtickets = await GetJsonAsync(client, $"/api/v1/orders?platform=qtickets&created_from={Iso(Start)}&created_to={Iso(Start.AddHours(3))}");
        Assert.Equal(3, qtickets.GetProperty("items").GetArrayLength());

        var anEvent = items.Count > 0 ? items[0].GetProperty("eventId").GetString()! : throw new InvalidOperationException("no paid order");
        var ofEvent = await GetJsonAsync(client, $"/api/v1/orders?event_id={anEvent}&limit=500");
        Assert.Equal(await CountAsync($"SELECT count(*) FROM mirror.orders WHERE event_id = '{anEvent}'"), ofEvent.GetProperty("items").GetArrayLength());

        var problem = await GetProblemAsync(client, "/api/v1/orders?status=done", HttpStatusCode.BadRequest);
        Assert.Contains("status", problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        await GetProblemAsync(client, "/api/v1/orders?client_email=a@b.c", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_Ticketscloud_order_and_barcode_are_found_by_the_shared_endpoints_with_platform_fields_for_pii_keys()
    {
        using var read = factory.CreateClient(SyncApiFactory.ReadKey);
        using var pii = factory.CreateClient(SyncApiFactory.PiiKey);
        var (orderId, barcode) = await FirstTicketAsync();

        var order = await GetJsonAsync(read, $"/api/v1/orders/{Tc}/{orderId}");
        Assert.Equal(("ticketscloud", orderId), (order.GetProperty("platform").GetString(), order.GetProperty("id").GetString()));
        var byId = await GetJsonAsync(read, $"/api/v1/orders/{orderId}");
        Assert.Equal(Tc, byId.GetProperty("account").GetString());

        var ticket = await GetJsonAsync(read, $"/api/v1/tickets/{barcode}");
        Assert.Equal((Tc, "ticketscloud", orderId), (ticket.GetProperty("account").GetString(), ticket.GetProperty("platform").GetString(),
            ticket.GetProperty("order").GetProperty("id").GetString()));

        var raw = await GetJsonAsync(pii, $"/api/v1/orders/{Tc}/{orderId}?include=raw");
        Assert.Equal(orderId, raw.GetProperty("platformFields").GetProperty("id").GetString());
        var masked = await GetJsonAsync(read, $"/api/v1/orders/{Tc}/{orderId}?include=raw");
        var email = await ScalarAsync<string?>($"SELECT customer_email FROM ticketscloud_orders WHERE id = '{orderId}'");
        if (email is not null)
        {
            Assert.DoesNotContain(email, masked.GetProperty("platformFields").GetRawText(), StringComparison.Ordinal);
            Assert.Contains(email, raw.GetProperty("platformFields").GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Events_and_daily_sales_answer_for_the_Ticketscloud_account_and_the_combined_total_is_the_sum_of_both()
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);
        var events = await GetJsonAsync(client, $"/api/v1/events?account={Tc}");
        Assert.NotEmpty(events.EnumerateArray());
        Assert.All(events.EnumerateArray(), e => Assert.Equal("ticketscloud", e.GetProperty("platform").GetString()));
        Assert.Contains(events.EnumerateArray(), e => e.GetProperty("name").GetString() is { Length: > 0 });

        var tc = await GetJsonAsync(client, $"/api/v1/sales/daily?account={Tc}");
        Assert.NotEmpty(tc.GetProperty("rows").EnumerateArray());
        Assert.All(tc.GetProperty("rows").EnumerateArray(), r => Assert.Equal("ticketscloud", r.GetProperty("platform").GetString()));

        var both = await GetJsonAsync(client, "/api/v1/sales/daily");
        var qtickets = await GetJsonAsync(client, "/api/v1/sales/daily?platform=qtickets");
        var ticketscloud = await GetJsonAsync(client, "/api/v1/sales/daily?platform=ticketscloud");
        foreach (var figure in new[] { "gross", "refunds", "ticketRevenue", "serviceFees" })
        {
            Assert.Equal(
                qtickets.GetProperty("totals").GetProperty(figure).GetDecimal() + ticketscloud.GetProperty("totals").GetProperty(figure).GetDecimal(),
                both.GetProperty("totals").GetProperty(figure).GetDecimal());
        }
        Assert.True(ticketscloud.GetProperty("totals").GetProperty("gross").GetDecimal() > 0);
        Assert.True(qtickets.GetProperty("totals").GetProperty("gross").GetDecimal() > 0);
    }

    [Theory]
    [InlineData("/api/v1/orders?account={0}&platform=qtickets")]
    [InlineData("/api/v1/orders?account=default,{0}&platform=ticketscloud")]
    [InlineData("/api/v1/sales/daily?account={0}&platform=qtickets")]
    [InlineData("/api/v1/ticketscloud/orders?account=default")]
    public async Task An_account_the_request_cannot_serve_is_a_400_naming_its_platform_not_an_empty_page(string url)
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);

        var problem = await GetProblemAsync(client, string.Format(System.Globalization.CultureInfo.InvariantCulture, url, Tc), HttpStatusCode.BadRequest);

        var message = Assert.Single(problem.GetProperty("errors").GetProperty("account").EnumerateArray()).GetString()!;
        Assert.Matches($"'({Tc}|default)' is a (ticketscloud|qtickets) account", message);
    }

    [Fact]
    public async Task A_Ticketscloud_event_is_found_by_its_hex_id_and_by_the_number_the_list_gives()
    {
        using var client = factory.CreateClient(SyncApiFactory.ReadKey);
        var listed = (await GetJsonAsync(client, $"/api/v1/events?account={Tc}")).EnumerateArray().First();
        var hex = listed.GetProperty("platformEventId").GetString()!;
        var number = listed.GetProperty("id").GetInt64();

        var byHex = await GetJsonAsync(client, $"/api/v1/events/{hex}");
        var inAccount = await GetJsonAsync(client, $"/api/v1/events/{Tc}/{hex}");
        var byNumber = await GetJsonAsync(client, $"/api/v1/events/{Tc}/{number}");

        foreach (var e in new[] { byHex, inAccount, byNumber })
        {
            Assert.Equal((Tc, hex, listed.GetProperty("name").GetString()),
                (e.GetProperty("account").GetString(), e.GetProperty("platformEventId").GetString(), e.GetProperty("name").GetString()));
        }
        await GetProblemAsync(client, "/api/v1/events/ffffffffffffffffffffffff", HttpStatusCode.NotFound);
        await GetProblemAsync(client, $"/api/v1/events/default/{hex}", HttpStatusCode.NotFound);
    }

    private async Task<(string OrderId, string Barcode)> FirstTicketAsync()
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT order_id, barcode FROM ticketscloud_tickets WHERE barcode IS NOT NULL ORDER BY id LIMIT 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the emulator's orders have tickets");
        return (reader.GetString(0), reader.GetString(1));
    }

    private async Task<int> CountAsync(string sql) => (int)await ScalarAsync<long>(sql);

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? default! : (T)value!;
    }
}
