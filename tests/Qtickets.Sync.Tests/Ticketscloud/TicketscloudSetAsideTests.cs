using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Domain.Ticketscloud;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Infrastructure.Ticketscloud;
using Qtickets.Sync.Infrastructure.Webhooks;

namespace Qtickets.Sync.Tests.Ticketscloud;

/// <summary>
/// Issue 25 item 7: a Ticketscloud row the database refuses, or one that cannot be read, is kept in the delivery
/// inbox as a failed delivery an operator sees and acts on, as a QTickets one is (ReconcileIsolationTests); the
/// rest of its page is written all the same.
/// </summary>
public sealed class TicketscloudSetAsideTests(TicketscloudFactory factory) : IClassFixture<TicketscloudFactory>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_refused_and_an_unreadable_row_are_set_aside_in_the_inbox_and_the_rest_of_the_page_written()
    {
        var good = Order("6b0f614aca11fd0990d1f7a1", "");
        // A lone surrogate escape: valid JSON text the parser never reads, but jsonb refuses it, so the database rejects the row.
        var refused = Order("6b0f614aca11fd0990d1f7a2", @",""note"":""\ud800""");
        var unreadable = new TicketscloudUnreadable("6b0f614aca11fd0990d1f7a3", """{"id":"6b0f614aca11fd0990d1f7a3","values":7}""", new string('e', 64), "\"values\" is missing");
        var page = new TicketscloudPage<TicketscloudOrder>(1, 50, 3, [good, refused], [], [unreadable], Last: true);
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        var run = new SyncRunContext(0, SyncRunKinds.Incremental, null, connection, NullLogger.Instance, CancellationToken.None) { Account = factory.Account };

        var counts = await factory.GetRequiredService<TicketscloudPageWriter>().WriteOrdersAsync(run, factory.AccountId, page, null);

        Assert.Equal((1, 2), (counts.Seen, counts.SetAside));
        await using var db = factory.CreateDbContext();
        Assert.Equal([good.Id], await db.Set<TicketscloudOrderRow>().AsNoTracking().Where(o => o.Id.StartsWith("6b0f614aca11fd0990d1f7")).Select(o => o.Id).ToListAsync());
        var setAside = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.AccountId == factory.AccountId && d.EventType == SetAsideOrders.EventType && d.Body.Contains("6b0f614aca11fd0990d1f7"))
            .OrderBy(d => d.Id).ToListAsync();
        Assert.Equal(2, setAside.Count);
        Assert.All(setAside, d => Assert.Equal(DeliveryStatuses.Failed, d.Status));
        var refusedRow = Assert.Single(setAside, d => d.Body.Contains(refused.Id, StringComparison.Ordinal) && d.ModelName == TicketscloudPageWriter.OrderModel);
        Assert.StartsWith("apply failed: ", refusedRow.Reason, StringComparison.Ordinal);
        var unreadableRow = Assert.Single(setAside, d => d.Body == unreadable.Excerpt);
        Assert.Contains(unreadable.Id!, unreadableRow.Reason, StringComparison.Ordinal);

        // The operator acts on it as on any failed delivery: here, gives up on it once the mirror has the order.
        var discarded = await factory.GetRequiredService<WebhookDeliveryStore>().DiscardAsync(refusedRow.Id, CancellationToken.None);
        Assert.Equal((true, DeliveryStatuses.Dead), (discarded.Moved, discarded.Delivery!.Status));
    }

    [Fact]
    public async Task A_set_aside_row_seen_again_by_a_later_page_is_kept_once()
    {
        var refused = Order("6b0f614aca11fd0990d1f8b1", @",""note"":""\ud800""");
        var page = new TicketscloudPage<TicketscloudOrder>(1, 50, 1, [refused], [], [], Last: true);
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        var run = new SyncRunContext(0, SyncRunKinds.Incremental, null, connection, NullLogger.Instance, CancellationToken.None) { Account = factory.Account };
        var writer = factory.GetRequiredService<TicketscloudPageWriter>();

        await writer.WriteOrdersAsync(run, factory.AccountId, page, null);
        await writer.WriteOrdersAsync(run, factory.AccountId, page, null);

        await using var db = factory.CreateDbContext();
        Assert.Equal(1, await db.WebhookDeliveries.AsNoTracking().CountAsync(d => d.AccountId == factory.AccountId && d.Body.Contains(refused.Id)));
    }

    /// <param name="more">More of the raw row after its id and status.</param>
    private static TicketscloudOrder Order(string id, string more)
    {
        var values = new TicketscloudValues(900.00m, 46.12m, 946.12m, 100.00m, 1000.00m);
        return new TicketscloudOrder
        {
            Id = id,
            EventId = "5b23b53b9c9b19000c6c4180",
            Status = "done",
            CreatedAt = T0.AddMinutes(-1),
            DoneAt = T0.AddMinutes(1),
            Values = values,
            TimeZone = "Europe/Moscow",
            Tickets = [new TicketscloudTicket(id[2..] + "c1", 1, "111", "AAA", null, "sold", values, "{}")],
            ObservedAt = T0,
            Raw = $$"""{"id":"{{id}}","status":"done"{{more}}}""",
        };
    }
}
