using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Audit;
using Qtickets.Sync.Domain.Ticketscloud;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;
using Qtickets.Sync.Infrastructure.PersonalData;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Infrastructure.Reconciliation.Audit;

namespace Qtickets.Sync.Infrastructure.Ticketscloud;

/// <summary>
/// Audits a Ticketscloud account with exactly the requests of its full sweep (<see cref="TicketscloudReconciler"/>):
/// the orders, then the refund requests, created within <see cref="TicketscloudOptions.FullSweepHorizonDays"/>, at
/// the account's rate limit. The answers go into temporary tables with the upsert's own column mapping (and the
/// erasures it applies), never into the mirror, and are compared with the mirror over the
/// <see cref="BusinessContent"/> columns of orders and tickets.
/// </summary>
/// <remarks>
/// <para>
/// Ticketscloud never deletes an order and lists every status, so a mirror order created within the window that the
/// listing left out is <c>gone_upstream</c> — something a sweep cannot mend (it only writes what it is shown); a
/// person looks at it.
/// </para>
/// <para>
/// In flight, as for QTickets: the mirror row was written after the walk started, or the platform's row changed
/// after the walk's start less <see cref="AuditOptions.InFlightMargin"/> and after the mirror last observed it. With
/// no <c>updated_at</c>, the change's time is the latest stamp the answer carries: creation, payment
/// (<c>done_at</c>), expiry (<c>expired_after</c> of an expired order) and its refund requests' <c>updated_at</c>.
/// A cancellation leaves no stamp: one made while the audit walked shows as a difference, which the next audit
/// (after the next run) no longer reports.
/// </para>
/// </remarks>
public sealed partial class TicketscloudAuditor(
    ITicketscloudClient client,
    TicketscloudAccounts accounts,
    ErasedPeople erasedPeople,
    AuditComparison audit,
    IOptions<TicketscloudOptions> ticketscloud) : IPlatformAuditor
{
    public string Platform => AccountPlatforms.Ticketscloud;

    public async Task RunAsync(SyncRunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var account = accounts.For(run.RequireAccount());
        await audit.RunAsync(run, Queries, TimeSpan.FromDays(ticketscloud.Value.FullSweepHorizonDays), async walk =>
        {
            var query = new TicketscloudListQuery(walk.Since, walk.Started);
            await foreach (var page in client.ListOrdersAsync(account, query, run.Stopping).ReadAhead(2, run.Stopping))
            {
                await LoadOrdersAsync(run, walk, page);
            }
            await foreach (var page in client.ListRefundRequestsAsync(account, query, run.Stopping).ReadAhead(2, run.Stopping))
            {
                await LoadRefundRequestsAsync(run, walk, page);
            }
        });
    }

    private Task LoadOrdersAsync(SyncRunContext run, AuditWalk walk, TicketscloudPage<TicketscloudOrder> page)
    {
        LogUnreadable(run, page);
        return walk.LoadAsync(page.Items.Count, 1, async (transaction, seq) =>
        {
            // A page may list an order twice (it moved while being paged): its newest version, the later one on a tie,
            // as the upsert statement keeps (MaxBy keeps the first of equals, so it reads the page from the end).
            var newest = page.Items.GroupBy(o => o.Id, StringComparer.Ordinal).Select(g => g.Reverse().MaxBy(o => o.Version)!).ToList();
            var orders = await erasedPeople.MaskAsync(run.Connection, transaction, run.AccountId, newest, CancellationToken.None);
            var tickets = orders.SelectMany(o => o.Tickets.Select(t => new TicketscloudUpserter.OwnedTicket(o, t)))
                .DistinctBy(t => t.Ticket.Id, StringComparer.Ordinal).ToList();
            await using var command = new NpgsqlCommand($"""
                INSERT INTO audit_tc_listed (seq, {TicketscloudUpserter.OrderColumns.Names})
                SELECT @seq, {TicketscloudUpserter.OrderColumns.Selects} FROM {TicketscloudUpserter.OrderColumns.From};
                INSERT INTO audit_tc_listed_tickets (seq, {TicketscloudUpserter.TicketColumns.Names})
                SELECT @seq, {TicketscloudUpserter.TicketColumns.Selects} FROM {TicketscloudUpserter.TicketColumns.From};
                INSERT INTO audit_tc_unread (id) SELECT unnest(@unread::text[]);
                """, run.Connection, transaction);
            TicketscloudUpserter.OrderColumns.AddParameters(command, orders);
            TicketscloudUpserter.TicketColumns.AddParameters(command, tickets);
            command.Parameters.AddWithValue("seq", seq);
            command.Parameters.AddWithValue("unread", page.Unreadable.Where(u => u.Id is not null).Select(u => u.Id!).ToArray());
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        });
    }

    private static Task LoadRefundRequestsAsync(SyncRunContext run, AuditWalk walk, TicketscloudPage<TicketscloudRefundRequest> page)
    {
        LogUnreadable(run, page);
        return walk.LoadAsync(page.Items.Count, 1, async (transaction, seq) =>
        {
            await using var command = new NpgsqlCommand($"""
                INSERT INTO audit_tc_listed_refunds (seq, {TicketscloudUpserter.RefundColumns.Names})
                SELECT @seq, {TicketscloudUpserter.RefundColumns.Selects} FROM {TicketscloudUpserter.RefundColumns.From}
                """, run.Connection, transaction);
            TicketscloudUpserter.RefundColumns.AddParameters(command, page.Items);
            command.Parameters.AddWithValue("seq", seq);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        });
    }

    private static void LogUnreadable<T>(SyncRunContext run, TicketscloudPage<T> page)
    {
        foreach (var row in page.Unreadable)
        {
            LogUnreadable(run.Logger, row.Id, page.Page, row.Reason);
        }
    }

    /// <summary>
    /// The newest answer per order and per refund request (by the merge rule's version, then the later answer),
    /// the newest answer's tickets, and the mirror's orders: those listed, and those created within the window.
    /// </summary>
    private static readonly string PrepareSql = $"""
        {AuditSql.Newest("audit_tc_listed", "audit_tc_platform", "status_rank DESC, observed_at DESC")}
        {AuditSql.ChildrenOfNewest("audit_tc_listed_tickets", "audit_tc_platform_tickets", "audit_tc_platform")}
        {AuditSql.Newest("audit_tc_listed_refunds", "audit_tc_platform_refunds", "status_rank DESC, observed_at DESC")}
        CREATE TEMP TABLE audit_tc_changed AS
            SELECT p.id, greatest(p.created_at, p.done_at,
                                  CASE WHEN p.status = '{TicketscloudOrderStatuses.Expired}' THEN p.expired_after END,
                                  (SELECT max(r.updated_at) FROM audit_tc_platform_refunds r WHERE r.order_id = p.id)) AS at
            FROM audit_tc_platform p;
        CREATE TEMP TABLE audit_tc_mirror AS
            SELECT m.id, m.observed_at, m.synced_at, {BusinessContent.Columns(BusinessContent.TicketscloudOrder, "m")}
            FROM ticketscloud_orders m
            WHERE m.account_id = @account
              AND (m.id IN (SELECT id FROM audit_tc_platform)
                   OR (m.created_at >= (SELECT since FROM sync_runs WHERE id = @run) AND m.created_at <= @started
                       AND m.id NOT IN (SELECT id FROM audit_tc_unread)));
        CREATE INDEX ON audit_tc_platform (id);
        CREATE INDEX ON audit_tc_mirror (id);
        CREATE INDEX ON audit_tc_changed (id);
        ANALYZE audit_tc_platform; ANALYZE audit_tc_mirror; ANALYZE audit_tc_platform_tickets; ANALYZE audit_tc_changed;
        """;

    private static readonly AuditSides Sides = new(
        Matched: """
            SELECT p.id, m.synced_at >= @started OR (c.at >= @cutoff AND c.at > m.observed_at) AS in_flight
            FROM audit_tc_platform p JOIN audit_tc_mirror m ON m.id = p.id JOIN audit_tc_changed c ON c.id = p.id
            """,
        Unmirrored: """
            SELECT p.id, c.at >= @cutoff AS in_flight
            FROM audit_tc_platform p JOIN audit_tc_changed c ON c.id = p.id
            WHERE NOT EXISTS (SELECT 1 FROM audit_tc_mirror m WHERE m.id = p.id)
            """,
        Unlisted: """
            SELECT m.id, m.synced_at >= @started AS in_flight
            FROM audit_tc_mirror m WHERE NOT EXISTS (SELECT 1 FROM audit_tc_platform p WHERE p.id = m.id)
            """,
        BusinessContent.TicketscloudOrder, "audit_tc_mirror", "audit_tc_platform",
        BusinessContent.TicketscloudTicket, "ticketscloud_tickets", "audit_tc_platform_tickets", "text");

    /// <summary>Pay days and refund decisions of the orders found, from both sides' rows, under the event's sales key.</summary>
    private const string SalesKeysSql = """
        SELECT e.sales_key AS event_id, x.at
        FROM (SELECT o.id, o.event_id, o.done_at AS at FROM audit_tc_platform o
              UNION ALL SELECT o.id, o.event_id, o.done_at FROM audit_tc_mirror o
              UNION ALL SELECT r.order_id, o.event_id, r.updated_at FROM audit_tc_platform_refunds r JOIN audit_tc_platform o ON o.id = r.order_id
              UNION ALL SELECT r.order_id, o.event_id, r.approved_at FROM ticketscloud_refund_requests r JOIN audit_tc_mirror o ON o.id = r.order_id
              WHERE r.account_id = @account) x
        JOIN ticketscloud_events e ON e.account_id = @account AND e.id = x.event_id
        WHERE x.id IN (SELECT order_id FROM findings)
        """;

    /// <summary>Paid: orders done (not cancelled); refunds: the approved refund requests of the compared orders.</summary>
    private static readonly string TotalsSql = $"""
        SELECT (SELECT count(*) FROM audit_tc_mirror)::int,
               (SELECT count(*) FROM ticketscloud_tickets t WHERE t.account_id = @account AND t.order_id IN (SELECT id FROM audit_tc_mirror) AND t.vanished_at IS NULL)::int,
               (SELECT coalesce(sum(price), 0) FROM audit_tc_mirror WHERE status = '{TicketscloudOrderStatuses.Done}'),
               (SELECT coalesce(sum(r.amount), 0) FROM ticketscloud_refund_requests r
                WHERE r.account_id = @account AND r.status = '{TicketscloudRefundStatuses.Approved}' AND r.order_id IN (SELECT id FROM audit_tc_mirror)),
               (SELECT count(*) FROM audit_tc_platform)::int,
               (SELECT count(*) FROM audit_tc_platform_tickets)::int,
               (SELECT coalesce(sum(price), 0) FROM audit_tc_platform WHERE status = '{TicketscloudOrderStatuses.Done}'),
               (SELECT coalesce(sum(r.amount), 0) FROM audit_tc_platform_refunds r
                WHERE r.status = '{TicketscloudRefundStatuses.Approved}' AND r.order_id IN (SELECT id FROM audit_tc_platform))
        """;

    /// <remarks>Declared after the SQL it is made of: static fields initialise in order.</remarks>
    private static readonly AuditQueries Queries = new(
        Sales.SalesSource.Ticketscloud,
        Sales.SalesSource.RecomputeFunction(Sales.SalesSource.Ticketscloud),
        ["audit_tc_listed", "audit_tc_listed_tickets", "audit_tc_listed_refunds", "audit_tc_unread", "audit_tc_platform",
         "audit_tc_platform_tickets", "audit_tc_platform_refunds", "audit_tc_changed", "audit_tc_mirror"],
        $"""
            CREATE TEMP TABLE audit_tc_listed AS SELECT 0 AS seq, {TicketscloudUpserter.OrderColumns.Names} FROM ticketscloud_orders WITH NO DATA;
            CREATE TEMP TABLE audit_tc_listed_tickets AS SELECT 0 AS seq, {TicketscloudUpserter.TicketColumns.Names} FROM ticketscloud_tickets WITH NO DATA;
            CREATE TEMP TABLE audit_tc_listed_refunds AS SELECT 0 AS seq, {TicketscloudUpserter.RefundColumns.Names} FROM ticketscloud_refund_requests WITH NO DATA;
            CREATE TEMP TABLE audit_tc_unread (id text);
            """,
        PrepareSql, Sides, SalesKeysSql, TotalsSql);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit: unreadable Ticketscloud row {Id} on page {Page} is not compared: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string? id, int page, string reason);
}
