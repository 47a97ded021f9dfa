using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Changes;
using Qtickets.Sync.Domain.Commands;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Tests.Changes;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Dashboard;

/// <summary>
/// Issue 27: the dashboard links an order to its history page, the page shows each change with its source, and the
/// order's actions list the history entries each command caused.
/// </summary>
public class OrderHistoryPageTests(SyncApiFactory factory) : IClassFixture<SyncApiFactory>
{
    /// <summary>An order written by a webhook, then a ticket refunded by a command; the order and the command's id.</summary>
    private async Task<(Order Order, long CommandId)> ArrangeAsync()
    {
        var order = ChangeTestOrders.New();
        var refunded = ChangeTestOrders.Version(order, 1, o => { o.Baskets[0].RefundedAt = o.UpdatedAt; o.Baskets[0].RefundedAmount = 500; });
        var command = new OrderCommand
        {
            Platform = AccountPlatforms.Qtickets, OrderId = order.Id.ToString(CultureInfo.InvariantCulture), Action = OrderActionKinds.RefundBaskets,
            IdempotencyKey = $"history-{order.Id}", RequestHash = "h", RequestedBy = "support-desk", State = OrderCommandStates.Succeeded,
            Attempts = 1, Request = """{"action":"refund_baskets"}""", CreatedAt = order.UpdatedAt, UpdatedAt = order.UpdatedAt,
        };
        await using (var db = factory.CreateDbContext())
        {
            db.OrderCommands.Add(command);
            await db.SaveChangesAsync();
        }
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        var upserter = factory.GetRequiredService<OrderUpserter>();
        await upserter.UpsertAsync(connection, null, Account.DefaultId, [order], OrderSources.Webhook, new ChangeOrigin(ChangeSources.Webhook, "41"), CancellationToken.None);
        await upserter.UpsertAsync(connection, null, Account.DefaultId, [refunded], OrderSources.Command, ChangeOrigin.OfCommand(command.Id), CancellationToken.None);
        return (order, command.Id);
    }

    [Fact]
    public async Task The_dashboard_links_a_commands_order_to_a_history_page_with_each_change_its_source_and_masked_customer()
    {
        var (order, commandId) = await ArrangeAsync();
        var page = $"/dashboard/orders/default/{order.Id}/history";

        var dashboard = await factory.CreateClient(SyncApiFactory.ReadKey).GetStringAsync("/dashboard");
        Assert.Contains($"href=\"{page}\"", dashboard, StringComparison.Ordinal);

        var html = await factory.CreateClient(SyncApiFactory.ReadKey).GetStringAsync(page);
        var rows = Rows(html);
        Assert.Equal(
            [$"command {commandId} ticket.refunded /api/v1/orders/default/{order.Id}/actions", "webhook 41 order.created /api/v1/webhooks/deliveries/41"],
            rows);
        // Each change with the status it left the order in.
        Assert.Equal(["partially_refunded", "paid"], System.Text.RegularExpressions.Regex.Matches(html, """<td class="status">([^<]*)</td>""").Select(m => m.Groups[1].Value));
        Assert.Contains("u***@gmail.com", html, StringComparison.Ordinal);
        Assert.DoesNotContain(order.ClientEmail!, html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/v1/orders/default/{order.Id}/history\"", html, StringComparison.Ordinal);

        // A key that may read personal data sees the customer as stored.
        Assert.Contains(order.ClientEmail!, await factory.CreateClient(SyncApiFactory.PiiKey).GetStringAsync(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_history_page_is_404_for_an_order_without_history_and_asks_for_credentials_without_a_key()
    {
        var (order, _) = await ArrangeAsync();

        using var unknown = await factory.CreateClient(SyncApiFactory.ReadKey).GetAsync("/dashboard/orders/default/1/history");
        using var otherAccount = await factory.CreateClient(SyncApiFactory.ReadKey).GetAsync($"/dashboard/orders/nowhere/{order.Id}/history");
        using var anonymous = await factory.CreateClient().GetAsync($"/dashboard/orders/default/{order.Id}/history");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized),
            (unknown.StatusCode, otherAccount.StatusCode, anonymous.StatusCode));
    }

    [Fact]
    public async Task The_orders_actions_list_each_commands_history_entries()
    {
        var (order, commandId) = await ArrangeAsync();

        var commands = await factory.CreateClient(SyncApiFactory.AdminKey)
            .GetFromJsonAsync<JsonElement>($"/api/v1/orders/default/{order.Id}/actions");

        var command = Assert.Single(commands.EnumerateArray());
        Assert.Equal(commandId, command.GetProperty("id").GetInt64());
        var entry = Assert.Single(command.GetProperty("history").EnumerateArray());
        Assert.Equal(
            (OrderChangeTypes.TicketRefunded, ChangeSources.Command, commandId.ToString(CultureInfo.InvariantCulture)),
            (entry.GetProperty("type").GetString(), entry.GetProperty("source").GetString(), entry.GetProperty("sourceId").GetString()));
    }

    /// <summary>Each history row as "source, types, the source's link".</summary>
    private static List<string> Rows(string html) =>
        [.. System.Text.RegularExpressions.Regex.Matches(html,
                """<tr data-id="\d*" data-source="[a-z_]+"><td>.*?</td><td>(?<types>[^<]*)</td><td><a href="(?<link>[^"]*)">(?<source>[^<]*)</a></td>""")
            .Select(m => $"{m.Groups["source"].Value} {m.Groups["types"].Value} {m.Groups["link"].Value}")];
}
