using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Audit;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Infrastructure.Reconciliation.Audit;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Infrastructure.Qtickets.Reconcile;

/// <summary>
/// Audits a QTickets account with exactly the requests of its full sweep (<see cref="FullSweepReconciler"/>): the
/// paid listing of the horizon, then <c>GET /orders/{id}</c> for each stored paid order the listing left out. What
/// the platform answers is loaded into temporary tables on the run's connection, never into the mirror, and
/// compared with the mirror in SQL over the <see cref="BusinessContent"/> columns.
/// </summary>
/// <remarks>
/// A row is <b>in flight</b>, not a difference, when it changed while the audit walked: the mirror row was written
/// after the walk started (a webhook or run got there first), or the platform's version is newer than the mirror's
/// and stamped after the walk's start less <see cref="AuditOptions.InFlightMargin"/> (a change whose webhook may
/// still be on its way), or an order the mirror lacks was created or changed that late. A platform version newer
/// than the mirror's but older than the walk is a change the mirror missed: a difference.
/// </remarks>
public sealed partial class QticketsAuditor(
    QticketsClients clients,
    AuditComparison audit,
    IOptions<ReconcileOptions> reconcile) : IPlatformAuditor
{
    public string Platform => AccountPlatforms.Qtickets;

    public async Task RunAsync(SyncRunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var client = clients.For(run.RequireAccount());
        await audit.RunAsync(run, Queries, TimeSpan.FromDays(reconcile.Value.FullSweepHorizonDays), async walk =>
        {
            var query = new OrderListQuery { PaidOnly = true, UpdatedSince = walk.Since, OrderBy = OrderListOrder.Id, PageSize = reconcile.Value.PageSize };
            await foreach (var page in client.ListOrdersAsync(query, run.Stopping).ReadAhead(2, run.Stopping))
            {
                await LoadAsync(run, walk, page.Orders, pages: 1);
            }
            foreach (var id in await UnlistedAsync(run, walk.Since))
            {
                Order? truth;
                try
                {
                    truth = await client.GetOrderAsync(id, run.Stopping);
                }
                catch (UnreadableOrderException exception)
                {
                    // Not comparable either way; the full sweep would set it aside for a person to look at.
                    LogUnreadable(run.Logger, id, exception.Row.Reason);
                    continue;
                }
                if (truth is null)
                {
                    await AuditComparison.ExecuteAsync(run.Connection, $"INSERT INTO audit_gone (id) VALUES ({id}) ON CONFLICT DO NOTHING", run.Stopping);
                    continue;
                }
                await LoadAsync(run, walk, [truth], pages: 0);
            }
        });
    }

    /// <summary>One answer of the platform into the temporary tables, with the same column mapping the upsert writes.</summary>
    private static Task LoadAsync(SyncRunContext run, AuditWalk walk, IReadOnlyList<Order> orders, int pages)
    {
        var latest = NewestPayload.PerOrder(orders);
        var baskets = latest.SelectMany(o => o.Baskets.Select(b => new OrderUpserter.OwnedBasket(o, b))).DistinctBy(b => b.Basket.Id).ToList();
        return walk.LoadAsync(latest.Count, pages, async (transaction, seq) =>
        {
            await using var command = new NpgsqlCommand($"""
                INSERT INTO audit_listed (seq, {OrderUpserter.OrderColumns.Names}) SELECT @seq, {OrderUpserter.OrderColumns.Selects} FROM {OrderUpserter.OrderColumns.From};
                INSERT INTO audit_listed_baskets (seq, {OrderUpserter.BasketColumns.Names}) SELECT @seq, {OrderUpserter.BasketColumns.Selects} FROM {OrderUpserter.BasketColumns.From};
                """, run.Connection, transaction);
            OrderUpserter.OrderColumns.AddParameters(command, latest);
            OrderUpserter.BasketColumns.AddParameters(command, baskets);
            command.Parameters.AddWithValue("seq", seq);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        });
    }

    /// <summary>Stored paid, live orders of the horizon the listing did not show: the full sweep's unlisted set.</summary>
    private static async Task<List<long>> UnlistedAsync(SyncRunContext run, DateTimeOffset since)
    {
        await using var command = new NpgsqlCommand("""
            SELECT o.id FROM qtickets_orders o
            WHERE o.account_id = @account AND o.payed AND o.deleted_at IS NULL AND o.upstream_missing_at IS NULL AND o.updated_at >= @since
              AND NOT EXISTS (SELECT 1 FROM audit_listed s WHERE s.id = o.id)
            ORDER BY o.id
            """, run.Connection);
        command.Parameters.AddWithValue("account", run.AccountId);
        command.Parameters.AddWithValue("since", since.ToUniversalTime());
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(run.Stopping);
        while (await reader.ReadAsync(run.Stopping))
        {
            ids.Add(reader.GetInt64(0));
        }
        return ids;
    }

    /// <summary>Platform rows (the newest answer per order), the mirror's rows of the same orders.</summary>
    private static readonly string PrepareSql = $"""
        {AuditSql.Newest("audit_listed", "audit_platform", "source_updated_at DESC, source_progress DESC")}
        {AuditSql.ChildrenOfNewest("audit_listed_baskets", "audit_platform_baskets", "audit_platform")}
        CREATE TEMP TABLE audit_mirror AS
            SELECT m.id, m.source_updated_at, m.source_progress, m.synced_at, {BusinessContent.Columns(BusinessContent.QticketsOrder, "m")}
            FROM qtickets_orders m
            WHERE m.account_id = @account AND (m.id IN (SELECT id FROM audit_platform) OR m.id IN (SELECT id FROM audit_gone));
        CREATE INDEX ON audit_platform (id);
        CREATE INDEX ON audit_mirror (id);
        ANALYZE audit_platform; ANALYZE audit_mirror; ANALYZE audit_platform_baskets;
        """;

    /// <summary>
    /// In flight: a matched row the mirror wrote after the walk started, or whose platform version is newer and
    /// stamped after the cutoff; a missing row stamped after the cutoff; a gone one the mirror wrote since the start.
    /// </summary>
    private static readonly AuditSides Sides = new(
        Matched: """
            SELECT p.id,
                   m.synced_at >= @started
                   OR ((p.source_updated_at, p.source_progress) > (m.source_updated_at, m.source_progress) AND p.source_updated_at >= @cutoff) AS in_flight
            FROM audit_platform p JOIN audit_mirror m ON m.id = p.id
            """,
        Unmirrored: """
            SELECT p.id, p.source_updated_at >= @cutoff AS in_flight
            FROM audit_platform p WHERE NOT EXISTS (SELECT 1 FROM audit_mirror m WHERE m.id = p.id)
            """,
        Unlisted: "SELECT g.id, m.synced_at >= @started AS in_flight FROM audit_gone g JOIN audit_mirror m ON m.id = g.id",
        BusinessContent.QticketsOrder, "audit_mirror", "audit_platform",
        BusinessContent.QticketsBasket, "qtickets_baskets", "audit_platform_baskets", "bigint");

    /// <summary>Pay days and refund days of the orders found, from both sides' rows.</summary>
    private const string SalesKeysSql = """
        SELECT o.event_id, o.payed_at AS at FROM audit_platform o WHERE o.id IN (SELECT order_id FROM findings)
        UNION ALL
        SELECT o.event_id, o.payed_at FROM audit_mirror o WHERE o.id IN (SELECT order_id FROM findings)
        UNION ALL
        SELECT o.event_id, b.refunded_at FROM audit_platform_baskets b JOIN audit_platform o ON o.id = b.order_id
        WHERE o.id IN (SELECT order_id FROM findings)
        UNION ALL
        SELECT o.event_id, b.refunded_at FROM qtickets_baskets b JOIN audit_mirror o ON o.id = b.order_id
        WHERE b.account_id = @account AND o.id IN (SELECT order_id FROM findings)
        """;

    private const string TotalsSql = """
        SELECT (SELECT count(*) FROM audit_mirror)::int,
               (SELECT count(*) FROM qtickets_baskets b WHERE b.account_id = @account AND b.order_id IN (SELECT id FROM audit_mirror) AND b.vanished_at IS NULL AND b.deleted_at IS NULL)::int,
               (SELECT coalesce(sum(price), 0) FROM audit_mirror WHERE payed AND deleted_at IS NULL),
               (SELECT coalesce(sum(b.refunded_amount), 0) FROM qtickets_baskets b WHERE b.account_id = @account AND b.order_id IN (SELECT id FROM audit_mirror) AND b.vanished_at IS NULL),
               (SELECT count(*) FROM audit_platform)::int,
               (SELECT count(*) FROM audit_platform_baskets WHERE deleted_at IS NULL)::int,
               (SELECT coalesce(sum(price), 0) FROM audit_platform WHERE payed AND deleted_at IS NULL),
               (SELECT coalesce(sum(refunded_amount), 0) FROM audit_platform_baskets)
        """;

    /// <remarks>Declared after the SQL it is made of: static fields initialise in order.</remarks>
    private static readonly AuditQueries Queries = new(
        Sales.SalesSource.Qtickets,
        Sales.SalesSource.RecomputeFunction(Sales.SalesSource.Qtickets),
        ["audit_listed", "audit_listed_baskets", "audit_gone", "audit_platform", "audit_platform_baskets", "audit_mirror"],
        $"""
            CREATE TEMP TABLE audit_listed AS SELECT 0 AS seq, {OrderUpserter.OrderColumns.Names} FROM qtickets_orders WITH NO DATA;
            CREATE TEMP TABLE audit_listed_baskets AS SELECT 0 AS seq, {OrderUpserter.BasketColumns.Names} FROM qtickets_baskets WITH NO DATA;
            CREATE TEMP TABLE audit_gone (id bigint PRIMARY KEY);
            """,
        PrepareSql, Sides, SalesKeysSql, TotalsSql);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit: order {OrderId} could not be read back from QTickets and is not compared: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, long orderId, string reason);
}
