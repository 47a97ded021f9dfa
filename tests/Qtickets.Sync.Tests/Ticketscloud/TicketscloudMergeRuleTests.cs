using Microsoft.EntityFrameworkCore;
using Npgsql;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Domain.Changes;
using Qtickets.Sync.Domain.Ticketscloud;
using Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;
using Qtickets.Sync.Tests.Support;

namespace Qtickets.Sync.Tests.Ticketscloud;

/// <summary>
/// ADR 0009 in the database: without <c>updated_at</c>, an observation wins by (status rank, observed_at), so a
/// slow run's older page never undoes what a newer one stored, whatever order they commit in.
/// </summary>
public sealed class TicketscloudMergeRuleTests(TicketscloudFactory factory) : IClassFixture<TicketscloudFactory>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Versions_order_by_status_progress_then_observation_time()
    {
        var paidEarly = new ObservedVersion(TicketscloudOrderStatuses.Rank("done"), T0);
        var unpaidLate = new ObservedVersion(TicketscloudOrderStatuses.Rank("executed"), T0.AddHours(1));
        Assert.True(paidEarly > unpaidLate);
        Assert.True(new ObservedVersion(TicketscloudOrderStatuses.Rank("cancelled"), T0) > paidEarly);
        Assert.True(new ObservedVersion(TicketscloudOrderStatuses.Rank("done"), T0.AddSeconds(1)) > paidEarly);
        Assert.True(paidEarly.Supersedes(paidEarly));
        Assert.True(TicketscloudRefundStatuses.Rank("approved") > TicketscloudRefundStatuses.Rank("in_progress"));
    }

    [Fact]
    public async Task An_older_observation_committed_later_never_overwrites_a_newer_one()
    {
        var id = "6b0f614aca11fd0990d1f6" + "a1";
        var paid = Order(id, "done", T0.AddMinutes(10), "buyer@example.ru");
        var unpaidEarlier = Order(id, "executed", T0, "buyer@example.ru");
        var emailChanged = Order(id, "done", T0.AddMinutes(30), "new@example.ru");
        var emailBeforeChange = Order(id, "done", T0.AddMinutes(20), "buyer@example.ru");

        Assert.Equal(1, (await UpsertAsync(paid)).Inserted);
        Assert.Equal(1, (await UpsertAsync(unpaidEarlier)).Stale);
        Assert.Equal(1, (await UpsertAsync(emailChanged)).Updated);
        Assert.Equal(1, (await UpsertAsync(emailBeforeChange)).Stale);
        // The very same observation again rewrites nothing.
        Assert.Equal(1, (await UpsertAsync(emailChanged)).Duplicate);
        // Seen again later unchanged: only the observation time moves, so an older different payload still loses.
        Assert.Equal(1, (await UpsertAsync(emailChanged with { ObservedAt = T0.AddMinutes(50) })).Confirmed);
        Assert.Equal(1, (await UpsertAsync(Order(id, "done", T0.AddMinutes(40), "other@example.ru"))).Stale);

        await using var db = factory.CreateDbContext();
        var row = await db.Set<TicketscloudOrderRow>().SingleAsync(o => o.Id == id);
        Assert.Equal(("done", "new@example.ru", T0.AddMinutes(50)), (row.Status, row.CustomerEmail, row.ObservedAt));
    }

    [Fact]
    public async Task A_ticket_a_newer_observation_no_longer_lists_is_marked_vanished_not_deleted()
    {
        var id = "6b0f614aca11fd0990d1f6" + "b2";
        var both = Order(id, "done", T0, null);
        var one = both with { Tickets = [both.Tickets[0]], ObservedAt = T0.AddMinutes(5), Raw = """{"one":true}""" };
        await UpsertAsync(both);
        await UpsertAsync(one);

        await using var db = factory.CreateDbContext();
        var tickets = await db.Set<TicketscloudTicketRow>().Where(t => t.OrderId == id).OrderBy(t => t.Id).ToListAsync();
        Assert.Equal(2, tickets.Count);
        Assert.Null(tickets[0].VanishedAt);
        Assert.Equal(T0.AddMinutes(5), tickets[1].VanishedAt);
    }

    /// <summary>Issue 24 item 1, for Ticketscloud: a content change that reports cannot see is a refresh, not a gap.</summary>
    [Fact]
    public async Task A_rewrite_counts_as_refreshed_unless_the_order_or_its_tickets_changed_in_business_terms()
    {
        var id = "6b0f614aca11fd0990d1f6" + "c3";
        var stored = Order(id, "done", T0, "buyer@example.ru");
        await UpsertAsync(stored);

        var reformatted = await UpsertAsync(stored with { ObservedAt = T0.AddMinutes(1), Raw = """{"status":"done","note":"only in raw"}""" });
        var ticketReturned = await UpsertAsync(stored with
        {
            ObservedAt = T0.AddMinutes(2),
            Tickets = [stored.Tickets[0], stored.Tickets[1] with { Status = "returned" }],
            Raw = """{"status":"done","returned":1}""",
        });
        var ticketGone = await UpsertAsync(stored with
        {
            ObservedAt = T0.AddMinutes(3), Tickets = [stored.Tickets[0]], Raw = """{"status":"done","tickets":1}""",
        });

        Assert.Equal((1, 1), (reformatted.Updated, reformatted.Refreshed));
        Assert.Equal((1, 0), (ticketReturned.Updated, ticketReturned.Refreshed));
        Assert.Equal((1, 0), (ticketGone.Updated, ticketGone.Refreshed));
    }

    /// <summary>
    /// Issue 25 (ADR 0018): a page may list one order twice, as it moved while being paged. The statement keeps the
    /// newer observation, whichever comes first, writes only its tickets, and answers both input rows.
    /// </summary>
    [Theory]
    [InlineData("d4", false)]
    [InlineData("d5", true)]
    public async Task A_batch_listing_an_order_twice_stores_the_newer_observation_with_its_tickets(string suffix, bool newerFirst)
    {
        var id = "6b0f614aca11fd0990d1f6" + suffix;
        var older = Order(id, "executed", T0, "buyer@example.ru");
        // Paid later: one ticket returned and replaced by another, so the older observation's tickets differ.
        var newer = Order(id, "done", T0.AddMinutes(5), "buyer@example.ru") with
        {
            Tickets = [older.Tickets[0], older.Tickets[1] with { Id = id[..22] + "c3", Number = 3, Barcode = "333" }],
        };

        var counts = await UpsertAsync(newerFirst ? [newer, older] : [older, newer]);

        Assert.Equal((2, 1, 1, 0), (counts.Seen, counts.Inserted, counts.Stale, counts.Duplicate));
        await using var db = factory.CreateDbContext();
        var row = await db.Set<TicketscloudOrderRow>().SingleAsync(o => o.Id == id);
        Assert.Equal(("done", T0.AddMinutes(5)), (row.Status, row.ObservedAt));
        var tickets = await db.Set<TicketscloudTicketRow>().Where(t => t.OrderId == id).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
        Assert.Equal([id[..22] + "c1", id[..22] + "c3"], tickets);
        // One order created, once: the overtaken observation leaves no history of its own.
        Assert.Equal(1, await db.Set<OrderChange>().CountAsync(c => c.OrderId == id));
    }

    [Fact]
    public async Task A_batch_listing_the_same_observation_twice_writes_it_once_and_counts_the_copy_a_duplicate()
    {
        var id = "6b0f614aca11fd0990d1f6" + "d6";
        var order = Order(id, "done", T0, "buyer@example.ru");

        var first = await UpsertAsync([order, order]);
        var again = await UpsertAsync([order, order]);

        Assert.Equal((2, 1, 1), (first.Seen, first.Inserted, first.Duplicate));
        Assert.Equal((2, 0, 2), (again.Seen, again.Inserted, again.Duplicate));
        await using var db = factory.CreateDbContext();
        Assert.Equal(2, await db.Set<TicketscloudTicketRow>().CountAsync(t => t.OrderId == id && t.VanishedAt == null));
    }

    /// <summary>The tie rule of <see cref="ObservedVersion"/> in the batch: on an equal version the later input row wins.</summary>
    [Fact]
    public async Task Of_two_different_observations_with_one_version_in_a_batch_the_later_input_row_is_stored()
    {
        var id = "6b0f614aca11fd0990d1f6" + "d7";
        var first = Order(id, "done", T0, "first@example.ru");
        var second = Order(id, "done", T0, "second@example.ru");

        var counts = await UpsertAsync([first, second]);

        Assert.Equal((2, 1, 1), (counts.Seen, counts.Inserted, counts.Stale));
        await using var db = factory.CreateDbContext();
        Assert.Equal("second@example.ru", (await db.Set<TicketscloudOrderRow>().SingleAsync(o => o.Id == id)).CustomerEmail);
    }

    [Theory]
    [InlineData("e1", false)]
    [InlineData("e2", true)]
    public async Task A_batch_listing_a_refund_request_twice_stores_the_newer_observation(string suffix, bool newerFirst)
    {
        var order = Order("6b0f614aca11fd0990d1f6" + suffix, "done", T0, "buyer@example.ru");
        await UpsertAsync(order);
        var inProgress = new TicketscloudRefundRequest
        {
            Id = "6b0f614aca11fd0990d1f7" + suffix,
            OrderId = order.Id,
            EventId = order.EventId,
            Status = "in_progress",
            TicketIds = [order.Tickets[0].Id],
            Amount = 1000.00m,
            CreatedAt = T0.AddHours(1),
            UpdatedAt = T0.AddHours(1),
            ObservedAt = T0.AddHours(2),
            Raw = """{"status":"in_progress"}""",
        };
        var approved = inProgress with { Status = "approved", UpdatedAt = T0.AddHours(3), ObservedAt = T0.AddHours(4), Raw = """{"status":"approved"}""" };

        TicketscloudUpsertCounts counts;
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.OpenAsync();
            counts = await factory.GetRequiredService<TicketscloudUpserter>().UpsertRefundRequestsAsync(connection, null, factory.AccountId,
                newerFirst ? [approved, inProgress] : [inProgress, approved], new ChangeOrigin(ChangeSources.Incremental, null), default);
        }

        Assert.Equal((2, 1, 1), (counts.Seen, counts.Inserted, counts.Stale));
        await using var db = factory.CreateDbContext();
        var row = await db.Set<TicketscloudRefundRequestRow>().SingleAsync(r => r.Id == inProgress.Id);
        Assert.Equal(("approved", T0.AddHours(3)), (row.Status, row.ApprovedAt));
    }

    /// <remarks>
    /// ADR 0013 for Ticketscloud: an apply costs the same whether the mirror holds a hundred orders or a million.
    /// On a table of a few thousand orders, likely not analysed yet, a join on the incoming keys let the planner read
    /// the account's orders and tickets; a probe by key reads only the rows the batch names.
    /// </remarks>
    [Fact]
    public async Task A_batch_reads_stored_rows_by_key_whatever_the_table_holds()
    {
        const int stored = 2_000;
        var old = Enumerable.Range(0, stored).Select(i => Order($"7a{i:x20}00", "executed", T0, "buyer@example.ru")).ToList();
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        var upserter = factory.GetRequiredService<TicketscloudUpserter>();
        var origin = new ChangeOrigin(ChangeSources.Incremental, null);
        foreach (var chunk in old.Chunk(500))
        {
            await upserter.UpsertOrdersAsync(connection, null, factory.AccountId, chunk, origin, default);
        }
        List<TicketscloudOrder> batch =
        [
            .. Enumerable.Range(0, 150).Select(i => Order($"7b{i:x20}00", "executed", T0, "buyer@example.ru")),
            // Paid, and one ticket taken out: the stored tickets are read to tell what changed.
            .. old.Take(50).Select(o => Order(o.Id, "done", T0.AddMinutes(5), "buyer@example.ru")).Select(o => o with { Tickets = [o.Tickets[0]] }),
        ];

        await using var transaction = await connection.BeginTransactionAsync();
        // The statement's own reads only: Ticketscloud's daily-sales triggers still join ticketscloud_orders (their
        // by-key rewrite, as QTickets' triggers had in ADR 0013, needs a migration of its own).
        await using (var triggersOff = new NpgsqlCommand("SET LOCAL session_replication_role = replica", connection, transaction))
        {
            await triggersOff.ExecuteNonQueryAsync();
        }
        string[] tables = ["ticketscloud_orders", "ticketscloud_tickets"];
        var before = await TableReads.OfAsync(connection, transaction, tables);
        var counts = await upserter.UpsertOrdersAsync(connection, transaction, factory.AccountId, batch, origin, default);
        var after = await TableReads.OfAsync(connection, transaction, tables);
        await transaction.CommitAsync();
        (long Scans, long Rows) Read(string table) => (after[table].Scans - before[table].Scans, after[table].Rows - before[table].Rows);

        Assert.Equal((150, 50), (counts.Inserted, counts.Updated));
        Assert.Equal((0L, 0L), (Read("ticketscloud_orders").Scans, Read("ticketscloud_tickets").Scans));
        // Written rows are read a few times each by key (conflicts, the history); reading the account's rows reads them all.
        Assert.InRange(Read("ticketscloud_orders").Rows, 1, stored / 2);
        Assert.InRange(Read("ticketscloud_tickets").Rows, 1, stored);
    }

    private Task<TicketscloudUpsertCounts> UpsertAsync(TicketscloudOrder order) => UpsertAsync([order]);

    private async Task<TicketscloudUpsertCounts> UpsertAsync(IReadOnlyList<TicketscloudOrder> orders)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        return await factory.GetRequiredService<TicketscloudUpserter>().UpsertOrdersAsync(connection, null, factory.AccountId, orders, new ChangeOrigin(ChangeSources.Incremental, null), default);
    }

    private static TicketscloudOrder Order(string id, string status, DateTimeOffset observedAt, string? email)
    {
        var values = new TicketscloudValues(900.00m, 46.12m, 946.12m, 100.00m, 1000.00m);
        return new TicketscloudOrder
        {
            Id = id,
            EventId = "5b23b53b9c9b19000c6c4180",
            Status = status,
            CreatedAt = T0.AddMinutes(-1),
            DoneAt = status == "done" ? T0.AddMinutes(1) : null,
            Values = values with { Nominal = 1800.00m, Extra = 92.24m, Full = 1892.24m, Discount = 200.00m, Price = 2000.00m },
            CustomerEmail = email,
            TimeZone = "Europe/Moscow",
            Tickets =
            [
                new TicketscloudTicket(id[..22] + "c1", 1, "111", "AAA", null, "sold", values, "{}"),
                new TicketscloudTicket(id[..22] + "c2", 2, "222", "AAB", null, "sold", values, "{}"),
            ],
            ObservedAt = observedAt,
            Raw = $$"""{"status":"{{status}}","email":"{{email}}"}""",
        };
    }
}
