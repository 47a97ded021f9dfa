using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Qtickets.Sync.Api.ReadModels;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Changes;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Changes;

/// <summary>Issue 27: one history entry per business change, with its source; a feed a consumer can tail exactly once, in order.</summary>
public class OrderChangeTests(SyncApiFactory factory) : IClassFixture<SyncApiFactory>
{
    private async Task<UpsertOutcome> Apply(Order order, string source, ChangeOrigin origin)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        var result = await factory.GetRequiredService<OrderUpserter>()
            .UpsertAsync(connection, null, Account.DefaultId, [order], source, origin, CancellationToken.None);
        return result.Orders.Single().Outcome;
    }

    [Fact]
    public async Task Webhook_duplicate_stale_copy_healing_reconcile_and_refund_command_write_exactly_their_entries()
    {
        var order = ChangeTestOrders.New();
        var refundedAt = order.UpdatedAt.AddMinutes(1);
        var refunded = ChangeTestOrders.Version(order, 1, o => { o.Baskets[0].RefundedAt = refundedAt; o.Baskets[0].RefundedAmount = 500; });
        var cancelled = ChangeTestOrders.Version(order, 2, o => { o.DeletedAt = refundedAt.AddMinutes(1); o.Baskets[0].RefundedAt = refundedAt; o.Baskets[0].RefundedAmount = 500; });

        Assert.Equal(UpsertOutcome.Inserted, await Apply(order, OrderSources.Webhook, Delivery(order, 11)));
        Assert.Equal(UpsertOutcome.Duplicate, await Apply(order, OrderSources.Webhook, Delivery(order, 12)));
        // The refund's webhook was dropped; the incremental reconcile heals it.
        Assert.Equal(UpsertOutcome.Updated, await Apply(refunded, OrderSources.Reconcile, ChangeOrigin.OfRun(ChangeSources.Incremental, 7)));
        Assert.Equal(UpsertOutcome.Stale, await Apply(order, OrderSources.Webhook, Delivery(order, 13)));
        Assert.Equal(UpsertOutcome.Updated, await Apply(cancelled, OrderSources.Command, ChangeOrigin.OfCommand(5)));
        // The command's answer arriving again as a webhook changes nothing.
        Assert.Equal(UpsertOutcome.Duplicate, await Apply(cancelled, OrderSources.Webhook, Delivery(order, 14)));

        var history = await factory.GetRequiredService<ChangeReader>()
            .HistoryAsync(Account.DefaultId, order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), pii: false, CancellationToken.None);

        Assert.NotNull(history);
        Assert.Equal(
            [(OrderChangeTypes.Cancelled, ChangeSources.Command, "5"), (OrderChangeTypes.TicketRefunded, ChangeSources.Incremental, "7"), (OrderChangeTypes.Created, ChangeSources.Webhook, "11")],
            history.Items.Select(e => (e.Type, e.Source, e.SourceId)));
        var refund = history.Items[1].Changes.Element;
        Assert.Equal(order.Baskets[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), refund.GetProperty("tickets").GetProperty("refunded")[0].GetString());
        Assert.Equal(order.UpdatedAt.AddMinutes(2), history.Items[0].VersionAt);
        // Personal data masked without read:pii, in the changed fields and in the order's state.
        var created = history.Items[2].Changes.Element.GetProperty("fields");
        Assert.Equal(
            ("u***@gmail.com", "+7910*****00", "И.", "П."),
            (created.GetProperty("client_email").GetProperty("after").GetString(), created.GetProperty("client_phone").GetProperty("after").GetString(),
             created.GetProperty("client_name").GetProperty("after").GetString(), created.GetProperty("client_surname").GetProperty("after").GetString()));
        Assert.Equal(JsonValueKind.Null, created.GetProperty("client_email").GetProperty("before").ValueKind);
        Assert.Equal("u***@gmail.com", history.Order!.CustomerEmail);
        Assert.All(history.Items, e => Assert.Equal("u***@gmail.com", e.Order!.CustomerEmail));
        Assert.Equal("refunded", history.Order.Status);
        // Each entry with the order as that change left it, as the write's own statement saw it: the new order with
        // the three tickets written beside it, then one refunded, then cancelled; not the order as it is now.
        Assert.Equal(
            [("refunded", 3, 1, 500m, true), ("partially_refunded", 3, 1, 500m, false), ("paid", 3, 0, 0m, false)],
            history.Items.Select(e => (e.Order!.Status, e.Order.Tickets, e.Order.RefundedTickets, e.Order.RefundedAmount, e.Order.Deleted)));
        Assert.Equal(history.Items.Select(e => e.VersionAt), history.Items.Select(e => e.Order!.UpdatedAt));
        // With read:pii the same entries in full; an entry without customer fields reads the same either way.
        var unmasked = await factory.GetRequiredService<ChangeReader>()
            .HistoryAsync(Account.DefaultId, order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), pii: true, CancellationToken.None);
        Assert.Matches(@"^u[^*]+@gmail\.com$", unmasked!.Items[2].Changes.Element.GetProperty("fields").GetProperty("client_email").GetProperty("after").GetString());
        Assert.All(unmasked.Items, e => Assert.Matches(@"^u[^*]+@gmail\.com$", e.Order!.CustomerEmail));
        Assert.True(JsonElement.DeepEquals(unmasked.Items[1].Changes.Element, history.Items[1].Changes.Element));
    }

    [Fact]
    public async Task A_change_of_the_buyer_and_a_ticket_reads_masked_with_its_ticket_ids_whole()
    {
        var order = ChangeTestOrders.New();
        await Apply(order, OrderSources.Webhook, Delivery(order, 21));
        // Stored as {"fields": {"client_email": …}, "tickets": {"refunded": ["<id>"], …}}: the customer field is the
        // last of the fields, right before the ticket ids.
        var changed = ChangeTestOrders.Version(order, 1, o =>
        {
            o.ClientEmail = "second.buyer@example.org";
            o.Baskets[0].RefundedAt = o.UpdatedAt;
            o.Baskets[0].RefundedAmount = 500;
        });
        await Apply(changed, OrderSources.Webhook, Delivery(order, 22));

        var history = await factory.GetRequiredService<ChangeReader>()
            .HistoryAsync(Account.DefaultId, order.Id.ToString(CultureInfo.InvariantCulture), pii: false, CancellationToken.None);

        var changes = history!.Items[0].Changes.Element;
        Assert.Equal(
            ("u***@gmail.com", "s***@example.org"),
            (changes.GetProperty("fields").GetProperty("client_email").GetProperty("before").GetString(),
             changes.GetProperty("fields").GetProperty("client_email").GetProperty("after").GetString()));
        Assert.Equal([order.Baskets[0].Id.ToString(CultureInfo.InvariantCulture)], changes.GetProperty("tickets").GetProperty("refunded").EnumerateArray().Select(t => t.GetString()));
    }

    /// <summary>
    /// Two instances (hosts of their own on one database) each apply batches of versions of the same orders in
    /// parallel, until 10,000 changes were written, so transactions commit out of the order they numbered their rows
    /// in and the two instances' sequencers compete. A consumer tails <c>GET /api/v1/changes</c> meanwhile, each page
    /// from either instance. The interleavings are random (seed in the messages): batch sizes, which orders, which
    /// instance answers.
    /// </summary>
    [Fact]
    public async Task A_consumer_tailing_the_feed_while_two_instances_apply_10000_changes_gets_each_once_and_in_order()
    {
        const int orders = 400, target = 10_000, maxBatch = 60;
        var seed = Random.Shared.Next();
        var templates = Enumerable.Range(0, orders).Select(_ => ChangeTestOrders.New()).ToList();
        var ours = templates.Select(o => o.Id.ToString(CultureInfo.InvariantCulture)).ToHashSet();
        var versions = new int[orders];
        var written = 0;
        long deliveries = 0;
        var writersDone = new TaskCompletionSource();

        var second = new SyncApiFactory();
        second.ShareDatabaseWith(factory);
        await ((IAsyncLifetime)second).InitializeAsync();
        try
        {
            SyncApiFactory[] instances = [factory, second];

            async Task Writer(SyncApiFactory instance, int writerSeed)
            {
                var random = new Random(writerSeed);
                var upserter = instance.GetRequiredService<OrderUpserter>();
                await using var connection = new NpgsqlConnection(instance.ConnectionString);
                await connection.OpenAsync();
                while (Volatile.Read(ref written) < target)
                {
                    var batch = Enumerable.Range(0, orders).OrderBy(_ => random.Next()).Take(random.Next(1, maxBatch + 1))
                        .Select(k =>
                        {
                            var version = Interlocked.Increment(ref versions[k]);
                            return ChangeTestOrders.Version(templates[k], version, o => { o.Price = 1_000 + version; o.Client = null; });
                        })
                        .ToList();
                    var origin = new ChangeOrigin(ChangeSources.Webhook, null, batch.ToDictionary(
                        o => o.Id.ToString(CultureInfo.InvariantCulture), _ => Interlocked.Increment(ref deliveries).ToString(CultureInfo.InvariantCulture)));
                    var result = await upserter.UpsertAsync(connection, null, Account.DefaultId, batch, OrderSources.Webhook, origin, CancellationToken.None);
                    Interlocked.Add(ref written, result.Orders.Count(o => o.Outcome is UpsertOutcome.Inserted or UpsertOutcome.Updated));
                }
            }

            var received = new List<(long Id, string OrderId, DateTimeOffset VersionAt)>();
            var stateMismatches = new List<long>();
            async Task Consumer()
            {
                var random = new Random(seed);
                var clients = instances.Select(i => i.CreateClient(SyncApiFactory.ReadKey)).ToArray();
                string? cursor = null;
                while (true)
                {
                    var finished = writersDone.Task.IsCompleted;
                    var query = cursor is null ? "limit=500" : $"limit=500&cursor={Uri.EscapeDataString(cursor)}";
                    using var response = await clients[random.Next(clients.Length)].GetAsync($"/api/v1/changes?{query}");
                    var page = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
                    var items = page.GetProperty("items");
                    received.AddRange(items.EnumerateArray().Select(i =>
                        (i.GetProperty("id").GetInt64(), i.GetProperty("orderId").GetString()!, i.GetProperty("versionAt").GetDateTimeOffset())));
                    // Each change carries the version it wrote, though later versions of its order may have committed
                    // before the consumer read it.
                    stateMismatches.AddRange(items.EnumerateArray()
                        .Where(i => ours.Contains(i.GetProperty("orderId").GetString()!))
                        .Where(i => i.GetProperty("order").GetProperty("updatedAt").GetDateTimeOffset() != i.GetProperty("versionAt").GetDateTimeOffset()
                            || i.GetProperty("order").GetProperty("total").GetDecimal() != 1_000 + (decimal)(i.GetProperty("versionAt").GetDateTimeOffset() - templates[0].UpdatedAt).TotalMinutes)
                        .Select(i => i.GetProperty("id").GetInt64()));
                    cursor = page.GetProperty("nextCursor").GetString();
                    if (finished && !page.GetProperty("hasMore").GetBoolean() && items.GetArrayLength() == 0)
                    {
                        return;
                    }
                }
            }

            var consumer = Task.Run(Consumer);
            await Task.WhenAll(Task.Run(() => Writer(factory, seed + 1)), Task.Run(() => Writer(second, seed + 2)));
            writersDone.SetResult();
            await consumer;

            var mine = received.Where(c => ours.Contains(c.OrderId)).ToList();
            await using var connection = new NpgsqlConnection(factory.ConnectionString);
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM order_changes WHERE order_id = ANY(@ids)", connection);
            count.Parameters.AddWithValue("ids", ours.ToArray());
            var stored = (long)(await count.ExecuteScalarAsync())!;

            Assert.True(written >= target, $"seed {seed}: only {written} changes were written");
            Assert.Equal(written, stored);
            Assert.True(stored == mine.Count, $"seed {seed}: {stored} changes written, {mine.Count} received");
            Assert.True(mine.Count == mine.Select(c => c.Id).Distinct().Count(), $"seed {seed}: a change came twice");
            Assert.True(stateMismatches.Count == 0, $"seed {seed}: {stateMismatches.Count} changes came with another version's order, e.g. {string.Join(", ", stateMismatches.Take(5))}");
            Assert.True(received.Zip(received.Skip(1)).All(p => p.First.Id < p.Second.Id), $"seed {seed}: the feed went backwards");
            foreach (var order in mine.GroupBy(c => c.OrderId))
            {
                var stamps = order.Select(c => c.VersionAt).ToList();
                Assert.True(stamps.Zip(stamps.Skip(1)).All(p => p.First < p.Second), $"seed {seed}: order {order.Key}: changes out of order");
            }
        }
        finally
        {
            await ((IAsyncLifetime)second).DisposeAsync();
        }
    }

    private static ChangeOrigin Delivery(Order order, long delivery) =>
        new(ChangeSources.Webhook, null, new Dictionary<string, string>
        {
            [order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)] = delivery.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
}
