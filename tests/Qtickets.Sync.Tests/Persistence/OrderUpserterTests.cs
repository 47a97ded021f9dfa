using Microsoft.EntityFrameworkCore;
using Npgsql;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Changes;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Persistence;

public class OrderUpserterTests(SyncApiFactory factory) : IClassFixture<SyncApiFactory>
{
    private static long nextId = 100_000;

    private static Order NewOrder()
    {
        var order = SampleOrders.Order4360();
        order.Id = Interlocked.Increment(ref nextId);
        foreach (var basket in order.Baskets)
        {
            basket.Id = Interlocked.Increment(ref nextId);
            basket.OrderId = order.Id;
        }
        order.Raw = $$"""{"id":{{order.Id}},"v":"{{order.UpdatedAt:O}}"}""";
        return order;
    }

    private static Order Later(Order order, int seconds, Action<Order>? change = null)
    {
        var copy = Copy(order);
        copy.UpdatedAt = copy.UpdatedAt.AddSeconds(seconds);
        change?.Invoke(copy);
        copy.SourceUpdatedAt = copy.UpdatedAt;
        copy.SourceProgress = OrderProgress.Of(copy);
        copy.Raw = $$"""{"id":{{copy.Id}},"v":"{{copy.UpdatedAt:O}}","p":{{copy.SourceProgress}},"b":{{copy.Baskets.Count}}}""";
        return copy;
    }

    private static Order Copy(Order order)
    {
        var copy = SampleOrders.Order4360();
        copy.Id = order.Id;
        copy.UpdatedAt = order.UpdatedAt;
        copy.Baskets = [.. order.Baskets.Select((b, i) => { var c = copy.Baskets[i]; c.Id = b.Id; c.OrderId = order.Id; c.RefundedAt = b.RefundedAt; c.RefundedAmount = b.RefundedAmount; return c; })];
        return copy;
    }

    private async Task<UpsertResult> Upsert(params Order[] orders)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        return await factory.GetRequiredService<OrderUpserter>().UpsertAsync(connection, null, Account.DefaultId, orders, OrderSources.Reconcile, new ChangeOrigin(ChangeSources.Incremental, null), CancellationToken.None);
    }

    private async Task<Order> Stored(long id)
    {
        await using var db = factory.CreateDbContext();
        return await db.Orders.AsNoTracking().Include(o => o.Baskets).SingleAsync(o => o.Id == id);
    }

    /// <summary>Issue 24 item 1: a rewrite is a business change only when what reports read differs (docs/business-content.md).</summary>
    [Fact]
    public async Task A_rewrite_tells_a_business_change_from_a_payload_that_differs_only_elsewhere()
    {
        var order = NewOrder();
        OrderUpsertOutcome Only(UpsertResult result) => Assert.Single(result.Orders);
        Order Variant(string rawKey, Action<Order>? change = null)
        {
            var copy = Copy(order);
            change?.Invoke(copy);
            copy.Raw = $$"""{"id":{{order.Id}},"{{rawKey}}":true}""";
            return copy;
        }

        // Each variant keeps the changes before it, so each differs from the stored one in one way only.
        Action<Order> reprice = o => o.Baskets[0].Price += 1;
        Action<Order> scan = o => o.Baskets[1].CheckedAt = o.UpdatedAt;
        Action<Order> drop = o => o.Baskets.RemoveAt(2);
        Action<Order> rename = o => o.ClientEmail = "someone.else@example.ru";

        var inserted = Only(await Upsert(order));
        // The webhook's own keys (checked_basket, refunded_baskets) live in raw only: the order is refreshed.
        var refreshed = Only(await Upsert(Variant("checked_basket")));
        var repriced = Only(await Upsert(Variant("repriced", reprice)));
        var scanned = Only(await Upsert(Variant("scanned", reprice + scan)));
        var fewer = Only(await Upsert(Variant("fewer", reprice + scan + drop)));
        var fewerAgain = Only(await Upsert(Variant("refunded_baskets", reprice + scan + drop)));
        var renamed = Only(await Upsert(Variant("renamed", reprice + scan + drop + rename)));

        Assert.Equal((UpsertOutcome.Inserted, true), (inserted.Outcome, inserted.BusinessChanged));
        Assert.Equal((UpsertOutcome.Updated, false), (refreshed.Outcome, refreshed.BusinessChanged));
        Assert.Equal((UpsertOutcome.Updated, true), (repriced.Outcome, repriced.BusinessChanged));
        Assert.Equal((UpsertOutcome.Updated, true), (scanned.Outcome, scanned.BusinessChanged));
        Assert.Equal((UpsertOutcome.Updated, true), (fewer.Outcome, fewer.BusinessChanged));
        // The ticket marked vanished is no longer part of the stored set.
        Assert.Equal((UpsertOutcome.Updated, false), (fewerAgain.Outcome, fewerAgain.BusinessChanged));
        Assert.Equal((UpsertOutcome.Updated, true), (renamed.Outcome, renamed.BusinessChanged));
    }

    [Fact]
    public async Task A_new_order_is_inserted_with_its_baskets_and_the_same_payload_again_changes_nothing()
    {
        var order = NewOrder();

        var first = await Upsert(order);
        var again = await Upsert(order);

        Assert.Equal(UpsertOutcome.Inserted, Assert.Single(first.Orders).Outcome);
        Assert.Equal(UpsertOutcome.Duplicate, Assert.Single(again.Orders).Outcome);
        var stored = await Stored(order.Id);
        Assert.Equal(3, stored.Baskets.Count);
        Assert.Equal(800m, stored.Price);
        Assert.Equal(order.PayedAt, stored.PayedAt);
    }

    [Fact]
    public async Task An_older_payload_never_overwrites_a_newer_one()
    {
        var order = NewOrder();
        var newer = Later(order, 10, o => o.DeletedAt = o.UpdatedAt);
        await Upsert(newer);

        var result = await Upsert(order);

        Assert.Equal(UpsertOutcome.Stale, Assert.Single(result.Orders).Outcome);
        Assert.NotNull((await Stored(order.Id)).DeletedAt);
    }

    [Fact]
    public async Task A_same_second_refund_wins_in_either_arrival_order()
    {
        var order = NewOrder();
        var update = Later(order, 1, o => o.Comment());
        var refund = Later(order, 1, o => { o.Baskets[0].RefundedAt = o.UpdatedAt; o.Baskets[0].RefundedAmount = 150m; });
        var other = NewOrder();
        var otherUpdate = Later(other, 1, o => o.Comment());
        var otherRefund = Later(other, 1, o => { o.Baskets[0].RefundedAt = o.UpdatedAt; o.Baskets[0].RefundedAmount = 150m; });

        await Upsert(update);
        await Upsert(refund);
        await Upsert(otherRefund);
        var late = await Upsert(otherUpdate);

        Assert.Equal(150m, (await Stored(order.Id)).Baskets.Single(b => b.Id == order.Baskets[0].Id).RefundedAmount);
        Assert.Equal(150m, (await Stored(other.Id)).Baskets.Single(b => b.Id == other.Baskets[0].Id).RefundedAmount);
        Assert.Equal(UpsertOutcome.Stale, Assert.Single(late.Orders).Outcome);
    }

    [Fact]
    public async Task A_basket_missing_from_a_newer_payload_is_marked_vanished_not_left_dangling()
    {
        var order = NewOrder();
        await Upsert(order);
        var dropped = order.Baskets[2].Id;

        var result = await Upsert(Later(order, 5, o => o.Baskets.RemoveAt(2)));

        Assert.Equal(UpsertOutcome.Updated, Assert.Single(result.Orders).Outcome);
        var stored = await Stored(order.Id);
        Assert.Equal(3, stored.Baskets.Count);
        Assert.NotNull(stored.Baskets.Single(b => b.Id == dropped).VanishedAt);
        Assert.All(stored.Baskets.Where(b => b.Id != dropped), b => Assert.Null(b.VanishedAt));
    }

    [Fact]
    public async Task A_page_listing_one_order_twice_keeps_the_newest_and_tells_each_row_its_outcome()
    {
        var order = NewOrder();
        var newer = Later(order, 3, o => o.DeletedAt = o.UpdatedAt);

        var result = await Upsert(newer, order, newer);

        Assert.Equal([UpsertOutcome.Inserted, UpsertOutcome.Stale, UpsertOutcome.Duplicate], result.Orders.Select(o => o.Outcome));
        Assert.Equal(1, result.Inserted);
        Assert.NotNull((await Stored(order.Id)).DeletedAt);
    }

    /// <remarks>
    /// An apply must cost the same whether the mirror holds a hundred orders or a million. Measured on a table of a
    /// few thousand orders, likely not analysed yet, as in a young deployment: with joins, the daily sales
    /// triggers hashed every stored order for each batch of baskets, and the upsert read the account's orders.
    /// </remarks>
    [Fact]
    public async Task A_batch_reads_stored_rows_by_key_whatever_the_table_holds()
    {
        const int stored = 4_000;
        var old = Enumerable.Range(0, stored).Select(_ => NewOrder()).ToList();
        foreach (var chunk in old.Chunk(500))
        {
            await Upsert(chunk);
        }
        List<Order> batch =
        [
            .. Enumerable.Range(0, 150).Select(_ => NewOrder()),
            .. old.Take(50).Select(o => Later(o, 5, c => { c.Baskets[0].RefundedAt = c.UpdatedAt; c.Baskets[0].RefundedAmount = 150m; })),
        ];

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var before = await TableReads.OfAsync(connection, transaction, "qtickets_orders", "qtickets_baskets");
        var result = await factory.GetRequiredService<OrderUpserter>()
            .UpsertAsync(connection, transaction, Account.DefaultId, batch, OrderSources.Webhook, new ChangeOrigin(ChangeSources.Webhook, null), CancellationToken.None);
        var after = await TableReads.OfAsync(connection, transaction, "qtickets_orders", "qtickets_baskets");
        await transaction.CommitAsync();
        (long Scans, long Rows) Read(string table) => (after[table].Scans - before[table].Scans, after[table].Rows - before[table].Rows);

        Assert.Equal(150, result.Orders.Count(o => o.Outcome == UpsertOutcome.Inserted));
        Assert.Equal(50, result.Orders.Count(o => o.Outcome == UpsertOutcome.Updated));
        Assert.Equal((0L, 0L), (Read("qtickets_orders").Scans, Read("qtickets_baskets").Scans));
        // Written rows are read a few times each by key (conflicts, foreign keys, triggers); a scan reads them all.
        Assert.InRange(Read("qtickets_orders").Rows, 1, stored / 2);
        Assert.InRange(Read("qtickets_baskets").Rows, 1, stored * 3 / 2);
    }
}

internal static class OrderTestChanges
{
    /// <summary>An edit that moves no state forward, like a changed buyer comment.</summary>
    public static void Comment(this Order order) => order.Fields = """{"comment":"позвоните заранее"}""";
}
