using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Qtickets.Sync.Domain.Alerts;
using Qtickets.Sync.Domain.Commands;
using Qtickets.Sync.Domain.Sales;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Domain.Ticketscloud;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;
using Qtickets.Sync.Infrastructure.Sales;
using Qtickets.Sync.Tests.Support;
using Qtickets.Sync.Tests.Webhooks;

namespace Qtickets.Sync.Tests.PersonalData;

/// <summary>
/// A buyer asks to be erased: afterwards no table of the database holds their e-mail or phone, sales read the
/// same, and their orders arriving again (webhook, reconcile) are stored masked.
/// </summary>
public sealed class ErasureTests(PersonalDataFactory factory) : IClassFixture<PersonalDataFactory>
{
    // The documented order 4360's buyer (OrderPayload): client, order and every ticket carry these.
    private const string Email = "username@gmail.com";
    private const string Phone = "+79100000000";
    // The same person as Ticketscloud wrote them down.
    private const string TcEmail = "UserName@Gmail.com";
    private const string TcPhone = "8 (910) 000-00-00";

    [Fact]
    public async Task Erasing_a_buyer_leaves_no_trace_keeps_sales_and_masks_their_orders_arriving_again()
    {
        var payload = OrderPayload.New();
        Assert.Equal(HttpStatusCode.OK, (await factory.PostWebhookAsync(payload.ToString())).StatusCode);
        await factory.ApplyAsync();
        var tcAccount = await factory.TicketscloudAccountIdAsync();
        await UpsertTicketscloudAsync(tcAccount, TicketscloudOrder(TcEmail, TcPhone));
        await using (var db = factory.CreateDbContext())
        {
            db.OrderCommands.Add(new OrderCommand
            {
                Platform = "qtickets", OrderId = payload.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Action = "refund", IdempotencyKey = "erase-1", RequestHash = "h", RequestedBy = "support-desk",
                Request = $$"""{"action":"refund","reason":"asked by {{Email}}"}""",
                Response = $$"""{"id":{{payload.Id}},"client_email":"{{Email}}","client_phone":"{{Phone}}","client_name":"Иван"}""",
                Error = $"refund mail bounced for {Email}", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
            db.AlertStates.Add(new AlertState { Key = "erase-alert", Account = "default", Rule = "webhook_failures", Detail = $"order of {Email} failed" });
            await db.SaveChangesAsync();
        }
        await SalesTable.FoldAsync(factory);
        var salesBefore = await SalesAsync();
        Assert.NotEmpty(salesBefore);
        Assert.NotEmpty(await PlacesHoldingAsync(Email));

        using var admin = factory.CreateClient(SyncApiFactory.AdminKey);
        var response = await admin.PostAsJsonAsync("/api/v1/personal-data/erasures", new { email = "  USERNAME@gmail.com ", phone = "+7 910 000-00-00" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var erasure = await admin.GetFromJsonAsync<JsonElement>(response.Headers.Location);
        var counts = erasure.GetProperty("counts");
        Assert.Equal(1, counts.GetProperty("qtickets_orders").GetInt32());
        Assert.Equal(3, counts.GetProperty("qtickets_baskets").GetInt32());
        Assert.Equal(1, counts.GetProperty("ticketscloud_orders").GetInt32());
        Assert.Equal(1, counts.GetProperty("webhook_deliveries").GetInt32());
        Assert.Equal(1, counts.GetProperty("order_commands").GetInt32());
        Assert.Equal(1, counts.GetProperty("alert_states").GetInt32());
        foreach (var trace in new[] { Email, Phone, TcPhone, "9100000000" })
        {
            Assert.Empty(await PlacesHoldingAsync(trace));
        }
        await SalesTable.FoldAsync(factory);
        Assert.Equal(salesBefore, await SalesAsync());

        // The same order again, by webhook and by a Ticketscloud reconcile page: stored without the person.
        Assert.Equal(HttpStatusCode.OK, (await factory.PostWebhookAsync(payload.Then("2019-07-30T13:00:00+03:00").ToString())).StatusCode);
        await factory.ApplyAsync();
        await UpsertTicketscloudAsync(tcAccount, TicketscloudOrder(TcEmail, TcPhone) with { ObservedAt = DateTimeOffset.UtcNow.AddMinutes(1) });
        var stored = await factory.StoredOrderAsync(payload.Id);
        Assert.NotNull(stored);
        Assert.Equal(new DateTimeOffset(2019, 7, 30, 10, 0, 0, TimeSpan.Zero), stored.UpdatedAt);
        Assert.Null(stored.ClientEmail);
        Assert.All(stored.Baskets, b => Assert.Null(b.ClientEmail));
        // The new delivery's body is the inbox's record of what arrived (blanked by Webhooks:Retention); everything
        // the mirror made of it is masked.
        foreach (var trace in new[] { Email, TcPhone, "9100000000" })
        {
            Assert.All(await PlacesHoldingAsync(trace), place => Assert.StartsWith("webhook_deliveries.", place, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task An_erasure_without_an_email_or_phone_is_a_400_naming_the_field()
    {
        using var admin = factory.CreateClient(SyncApiFactory.AdminKey);

        var response = await admin.PostAsJsonAsync("/api/v1/personal-data/erasures", new { phone = "12" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("fewer than 5 digits", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_key_may_not_erase()
    {
        using var reader = factory.CreateClient(SyncApiFactory.PiiKey);

        var response = await reader.PostAsJsonAsync("/api/v1/personal-data/erasures", new { email = Email });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<List<DailySales>> SalesAsync() =>
        [.. await SalesTable.TableAsync(factory.ConnectionString), .. await SalesTable.TableAsync(factory.ConnectionString, SalesSource.Ticketscloud)];

    private async Task UpsertTicketscloudAsync(int accountId, TicketscloudOrder order)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await factory.GetRequiredService<TicketscloudUpserter>().UpsertOrdersAsync(connection, null, accountId, [order], ChangeOrigin.OfRun(SyncRunKinds.Incremental, 1), CancellationToken.None);
    }

    /// <summary>Every text, varchar, json and jsonb column of every table that holds <paramref name="text"/> (any case).</summary>
    private async Task<List<string>> PlacesHoldingAsync(string text)
    {
        var columns = new List<(string Schema, string Table, string Column)>();
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using (var list = new NpgsqlCommand("""
            SELECT c.table_schema, c.table_name, c.column_name FROM information_schema.columns c
            JOIN information_schema.tables t USING (table_schema, table_name)
            WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
              AND c.data_type IN ('text', 'character varying', 'json', 'jsonb')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }
        var holding = new List<string>();
        foreach (var (schema, table, column) in columns)
        {
            await using var search = new NpgsqlCommand(
                $"""SELECT EXISTS (SELECT 1 FROM "{schema}"."{table}" WHERE strpos(lower("{column}"::text), lower(@text)) > 0)""", connection);
            search.Parameters.AddWithValue("text", text);
            if ((bool)(await search.ExecuteScalarAsync())!)
            {
                holding.Add($"{table}.{column}");
            }
        }
        return holding;
    }

    private static TicketscloudOrder TicketscloudOrder(string email, string phone)
    {
        var ticket = new TicketscloudValues(1000.00m, 46.12m, 1046.12m, 0m, 1000.00m);
        return new TicketscloudOrder
        {
            Id = "5f00000000000000000000e1",
            EventId = "5f00000000000000000000f1",
            Status = "done",
            CreatedAt = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero),
            DoneAt = new DateTimeOffset(2026, 11, 1, 10, 2, 0, TimeSpan.Zero),
            Values = ticket,
            TimeZone = "Europe/Moscow",
            CustomerName = "Иван Петров",
            CustomerEmail = email,
            CustomerPhone = phone,
            Tickets = [new TicketscloudTicket("5f00000000000000000000c1", 1, "1110001", "AAA", null, "sold", ticket,
                $$$"""{"id":"5f00000000000000000000c1","holder":{"email":"{{{email}}}","name":"Иван"}}""")],
            ObservedAt = new DateTimeOffset(2026, 11, 1, 10, 3, 0, TimeSpan.Zero),
            Raw = $$"""{"id":"5f00000000000000000000e1","customer":{"email":"{{email}}","phone":"{{phone}}","name":"Иван Петров"},"note":"call {{phone}}" }""",
        };
    }
}
