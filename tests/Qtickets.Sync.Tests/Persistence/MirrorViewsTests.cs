using System.Text.RegularExpressions;
using Npgsql;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Changes;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Ticketscloud;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;
using Qtickets.Sync.Tests.Support;
using Qtickets.Sync.Tests.Ticketscloud;

namespace Qtickets.Sync.Tests.Persistence;

/// <summary>
/// The views of schema <c>mirror</c> (issue 26) against docs/schema.md and against what each platform's orders
/// say: a QTickets account (<c>default</c>) and a Ticketscloud account (<c>tc-main</c>) in one database.
/// </summary>
public sealed partial class MirrorViewsTests(TicketscloudFactory factory) : IClassFixture<TicketscloudFactory>
{
    private static readonly TimeSpan Moscow = TimeSpan.FromHours(3);

    [Fact]
    public async Task Every_column_docs_schema_md_documents_is_in_its_view_with_its_type_in_order_and_every_view_answers()
    {
        var documented = DocumentedViews();
        var actual = await RowsAsync("""
            SELECT table_name, column_name, data_type FROM information_schema.columns
            WHERE table_schema = 'mirror' ORDER BY table_name, ordinal_position
            """);

        Assert.Equal(["daily_sales", "events", "orders", "tickets"], documented.Keys.Order());
        Assert.Equal(documented.Keys.Order(), actual.Select(r => (string)r["table_name"]!).Distinct().Order());
        foreach (var (view, columns) in documented)
        {
            var inView = actual.Where(r => (string)r["table_name"]! == view).Select(r => $"{r["column_name"]} {r["data_type"]}");
            Assert.Equal(string.Join("\n", columns), string.Join("\n", inView));
            await RowsAsync($"SELECT * FROM mirror.{view}");
        }
    }

    [Fact]
    public async Task Orders_of_both_platforms_show_in_one_shape_with_mapped_statuses_sums_tickets_and_daily_sales()
    {
        var paidAt = new DateTimeOffset(2026, 10, 5, 12, 0, 0, Moscow);
        var refundedAt = paidAt.AddDays(2);
        var q = QticketsPaidOrder(7_260_001, paidAt, refundedAt);
        var qUnpaid = QticketsCancelledUnpaidOrder(7_260_002, paidAt);
        var tcEvent = "6a71376a0c475f683b26aa01";
        var tc = SampleTicketscloudOrders.Order("6b0f614aca11fd0990d26a01", tcEvent, "done", paidAt);
        var tcExpired = SampleTicketscloudOrders.Order("6b0f614aca11fd0990d26a02", tcEvent, "expired", null);
        var refund = new TicketscloudRefundRequest
        {
            Id = "6b0f614aca11fd0990d26b01",
            OrderId = tc.Id,
            EventId = tcEvent,
            Status = "approved",
            TicketIds = [tc.Tickets[0].Id],
            // No amount stated: the ticket's full price went back.
            Amount = null,
            CreatedAt = refundedAt.AddHours(-1),
            UpdatedAt = refundedAt,
            ObservedAt = refundedAt.AddMinutes(5),
            Raw = "{}",
        };
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.OpenAsync();
            await factory.GetRequiredService<OrderUpserter>().UpsertAsync(connection, null, Account.DefaultId, [q, qUnpaid], OrderSources.Reconcile, new ChangeOrigin(ChangeSources.Incremental, null), default);
            var upserter = factory.GetRequiredService<TicketscloudUpserter>();
            await upserter.UpsertOrdersAsync(connection, null, factory.AccountId, [tc, tcExpired], new ChangeOrigin(ChangeSources.Incremental, null), default);
            await upserter.UpsertRefundRequestsAsync(connection, null, factory.AccountId, [refund], new ChangeOrigin(ChangeSources.Incremental, null), default);
        }
        await SalesTable.FoldAsync(factory);

        var orders = (await RowsAsync("""
            SELECT * FROM mirror.orders WHERE order_id IN ('7260001', '7260002', '6b0f614aca11fd0990d26a01', '6b0f614aca11fd0990d26a02')
            ORDER BY order_id
            """)).ToDictionary(r => (string)r["order_id"]!);
        Assert.Equal(
            "6b0f614aca11fd0990d26a01 tc-main ticketscloud partially_refunded 2092.24=2000.00+92.24 refunded 1046.12 tickets 2/1 paid yes\n"
            + "6b0f614aca11fd0990d26a02 tc-main ticketscloud expired 2092.24=2000.00+92.24 refunded 0 tickets 2/0 paid no\n"
            + "7260001 default qtickets partially_refunded 800=770+30 refunded 450 tickets 3/1 paid yes\n"
            + "7260002 default qtickets cancelled 800=800+0 refunded 0 tickets 3/0 paid no",
            string.Join("\n", orders.Values.Select(o =>
                $"{o["order_id"]} {o["account"]} {o["platform"]} {o["status"]} {o["total"]}={o["ticket_revenue"]}+{o["service_fees"]} "
                + $"refunded {o["refunded_amount"]} tickets {o["tickets"]}/{o["refunded_tickets"]} paid {(o["paid_at"] is null ? "no" : "yes")}")));
        Assert.Equal(paidAt, orders["7260001"]["paid_at"]);
        Assert.Equal(paidAt, orders["6b0f614aca11fd0990d26a01"]["paid_at"]);
        string Where(Dictionary<string, object?> o) => $"{o["currency"]}|{o["event_id"]}|{o["show_id"]}|{o["customer_email"]}|{o["deleted"]}";
        Assert.Equal("RUB|33|41|username@gmail.com|False", Where(orders["7260001"]));
        Assert.Equal("RUB|33|41|username@gmail.com|True", Where(orders["7260002"]));
        Assert.Equal($"|{tcEvent}||buyer@example.org|False", Where(orders[tc.Id]));

        var tickets = await RowsAsync("""
            SELECT * FROM mirror.tickets WHERE order_id IN ('7260001', '7260002', '6b0f614aca11fd0990d26a01', '6b0f614aca11fd0990d26a02')
            ORDER BY order_id, ticket_id
            """);
        Assert.Equal(
            "6b0f614aca11fd0990d26a01 refunded 1046.12=1000.00+46.12 scanned ?\n"
            + "6b0f614aca11fd0990d26a01 sold 1046.12=1000.00+46.12 scanned ?\n"
            + "6b0f614aca11fd0990d26a02 cancelled 1046.12=1000.00+46.12 scanned ?\n"
            + "6b0f614aca11fd0990d26a02 cancelled 1046.12=1000.00+46.12 scanned ?\n"
            + "7260001 sold 150=135+15 scanned True\n"
            + "7260001 sold 150=135+15 scanned False\n"
            + "7260001 refunded 500=500+0 scanned False\n"
            + "7260002 cancelled 150=150+0 scanned False\n"
            + "7260002 cancelled 150=150+0 scanned False\n"
            + "7260002 cancelled 500=500+0 scanned False",
            string.Join("\n", tickets.Select(t =>
                $"{t["order_id"]} {t["status"]} {t["price"]}={t["ticket_price"]}+{t["service_fee"]} scanned {t["scanned"] ?? "?"}")));
        Assert.Equal(new object?[] { refundedAt, refundedAt }, tickets.Where(t => (string)t["status"]! == "refunded").Select(t => t["refunded_at"]));
        Assert.Equal(450m, tickets.Single(t => (string)t["status"]! == "refunded" && (string)t["platform"]! == "qtickets")["refunded_amount"]);

        // The view's daily sales are the table's, account by account, to the kopeck; Ticketscloud's event by its hex id.
        var sums = """
            count(*) AS rows, sum(paid_orders) AS paid_orders, sum(tickets_sold) AS tickets_sold, sum(gross) AS gross,
            sum(ticket_revenue) AS ticket_revenue, sum(service_fees) AS service_fees, sum(refunded_tickets) AS refunded_tickets,
            sum(refunds) AS refunds
            """;
        var fromView = await RowsAsync($"SELECT account, platform, {sums}, sum(net) AS net FROM mirror.daily_sales GROUP BY 1, 2 ORDER BY 1, 2");
        var fromTable = await RowsAsync($"""
            SELECT a.name AS account, d.source AS platform, {sums}, sum(d.gross - d.refunds) AS net
            FROM daily_sales d JOIN accounts a ON a.id = d.account_id GROUP BY 1, 2 ORDER BY 1, 2
            """);
        Assert.Equal(fromTable.Select(Line), fromView.Select(Line));
        Assert.Equal(
            ["default qtickets 800 450 350", "tc-main ticketscloud 2092.24 1046.12 1046.12"],
            fromView.Select(r => $"{r["account"]} {r["platform"]} {r["gross"]} {r["refunds"]} {r["net"]}"));
        Assert.Equal(new object?[] { tcEvent }, (await RowsAsync("SELECT DISTINCT event_id FROM mirror.daily_sales WHERE platform = 'ticketscloud'"))
            .Select(r => r["event_id"]));
    }

    private static void ReadsByIndex(string plan, string table)
    {
        Assert.DoesNotContain($"Seq Scan on {table}", plan, StringComparison.Ordinal);
        Assert.Contains($" on {table}", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_with_an_order_id_or_an_event_and_creation_time_reaches_the_order_indexes_of_both_platforms()
    {
        // With sequential scans priced out, a plan names an index only where the view's filter can use it.
        var byOrder = await PlanAsync("SELECT * FROM mirror.orders WHERE account = 'default' AND order_id = '4360'");
        Assert.Contains("Index Scan using ix_qtickets_orders_account_id_id_text", byOrder);
        // Which of the Ticketscloud indexes on (account_id, id, …) the planner takes is its choice; a table scan is not.
        ReadsByIndex(byOrder, "ticketscloud_orders");

        var byEvent = await PlanAsync("""
            SELECT * FROM mirror.orders WHERE account = 'default' AND event_id = '33' AND created_at >= '2026-10-01'
            """);
        Assert.Contains("ix_qtickets_orders_account_id_event_id_text_created_at", byEvent);
        ReadsByIndex(byEvent, "ticketscloud_orders");

        var tickets = await PlanAsync("SELECT * FROM mirror.tickets WHERE account = 'default' AND order_id = '4360'");
        Assert.Contains("ix_qtickets_orders_account_id_id_text", tickets);
        Assert.Contains("ix_ticketscloud_tickets_account_id_order_id", tickets);
    }

    private static string Line(Dictionary<string, object?> row) => string.Join(" ", row.Values);

    /// <summary>Each <c>### `mirror.x`</c> section's table of docs/schema.md as "column type" lines, types as PostgreSQL names them.</summary>
    private static Dictionary<string, List<string>> DocumentedViews()
    {
        var views = new Dictionary<string, List<string>>();
        List<string>? current = null;
        foreach (var line in File.ReadLines(RepositoryFiles.PathOf("docs/schema.md")))
        {
            if (ViewHeading().Match(line) is { Success: true } heading)
            {
                current = views[heading.Groups[1].Value] = [];
            }
            else if (line.StartsWith('#'))
            {
                current = null;
            }
            else if (current is not null && ColumnRow().Match(line) is { Success: true } row)
            {
                var type = row.Groups[2].Value;
                current.Add($"{row.Groups[1].Value} {(type == "timestamptz" ? "timestamp with time zone" : type)}");
            }
        }
        return views;
    }

    [GeneratedRegex(@"^### `mirror\.(\w+)`$")]
    private static partial Regex ViewHeading();

    [GeneratedRegex(@"^\| `(\w+)` \| (\w+) \|")]
    private static partial Regex ColumnRow();

    private async Task<string> PlanAsync(string query)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync();
        }
        await using var explain = new NpgsqlCommand($"EXPLAIN (COSTS OFF) {query}", connection);
        await using var reader = await explain.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }
        return string.Join("\n", lines);
    }

    private async Task<List<Dictionary<string, object?>>> RowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName,
                i => reader.IsDBNull(i) ? null : reader.GetDataTypeName(i) == "timestamp with time zone" ? reader.GetFieldValue<DateTimeOffset>(i) : reader.GetValue(i)));
        }
        return rows;
    }

    /// <summary>The documented order 4360 (150 + 150 + 500), paid; the two 150 tickets carry a 15 fee, the first was scanned, the 500 one refunded with 450 returned.</summary>
    private static Order QticketsPaidOrder(long id, DateTimeOffset paidAt, DateTimeOffset refundedAt)
    {
        var order = Numbered(SampleOrders.Order4360(), id);
        order.PayedAt = paidAt;
        order.CreatedAt = paidAt.AddMinutes(-2);
        order.UpdatedAt = order.SourceUpdatedAt = refundedAt;
        foreach (var basket in order.Baskets.Where(b => b.Price == 150))
        {
            (basket.TicketAmount, basket.ServiceFeeAmount) = (135, 15);
        }
        order.Baskets[0].CheckedAt = paidAt.AddDays(1);
        (order.Baskets[2].RefundedAt, order.Baskets[2].RefundedAmount, order.Baskets[2].RefundedDeductionAmount) = (refundedAt, 450, 50);
        order.Baskets[2].DeletedAt = refundedAt;
        order.SourceProgress = OrderProgress.Of(order);
        return order;
    }

    /// <summary>Order 4360 as QTickets sends a reservation cancelled before payment: deleted, a zero refund amount and no refund date.</summary>
    private static Order QticketsCancelledUnpaidOrder(long id, DateTimeOffset at)
    {
        var order = Numbered(SampleOrders.Order4360(), id);
        (order.Payed, order.PayedAt, order.DeletedAt) = (false, null, at);
        foreach (var basket in order.Baskets)
        {
            (basket.DeletedAt, basket.RefundedAmount) = (at, 0);
        }
        order.SourceProgress = OrderProgress.Of(order);
        return order;
    }

    private static Order Numbered(Order order, long id)
    {
        order.Id = id;
        foreach (var (basket, i) in order.Baskets.Select((b, i) => (b, i)))
        {
            basket.Id = id * 10 + i;
            basket.OrderId = id;
        }
        order.Raw = $$"""{"id":{{id}}}""";
        return order;
    }
}
