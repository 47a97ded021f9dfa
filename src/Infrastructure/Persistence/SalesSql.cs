namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// Hand-written SQL of the daily sales fact (issue 10), kept out of the migration class so it can be re-applied
/// when migrations are regenerated. The rules are those of <c>Qtickets.Sync.Domain.Sales.SalesRules</c> and
/// docs/sales-rules.md; tests hold the three against each other. Every key carries its account: event ids are
/// only unique within one. (Migration DailySalesTable used the version before accounts, SalesSqlBeforeAccounts.)
/// </summary>
public static class SalesSql
{
    /// <summary>QTickets' <c>daily_sales.source</c>.</summary>
    public const string Source = "qtickets";

    /// <summary>The service fee part of a basket's price (rule 8); baskets stored before the column existed have none.</summary>
    public const string ServiceFeeExpression = "coalesce(b.service_fee_amount, 0)";

    /// <summary>
    /// What every source's recompute function (<c>qtickets_daily_sales</c>, <c>ticketscloud_daily_sales</c>) shares:
    /// its arguments and columns.
    /// </summary>
    public const string RecomputeSignature = """
            p_time_zone text DEFAULT NULL,
            p_event_id bigint DEFAULT NULL,
            p_from date DEFAULT NULL,
            p_to date DEFAULT NULL,
            p_account_id integer DEFAULT NULL)
        RETURNS TABLE (account_id integer, day date, event_id bigint, show_id bigint, paid_orders integer, tickets_sold integer,
                       gross numeric, ticket_revenue numeric, service_fees numeric,
                       refunded_tickets integer, refunds numeric)
        LANGUAGE sql STABLE
        AS $fn$
        """;

    /// <summary>
    /// The zone and day bounds (<c>bounds.tz</c>, <c>lo</c>, <c>hi</c>) a recompute's rows may start from, as the first
    /// CTEs of its query (ticketscloud_daily_sales does; qtickets_daily_sales inlines them, see
    /// <see cref="CreateRecomputeFunction"/>).
    /// </summary>
    public const string RecomputeBounds = """
        WITH zone AS (
            SELECT coalesce(p_time_zone,
                            nullif(current_setting('qtickets_sync.time_zone', true), ''),
                            'Europe/Moscow') AS tz
        ),
        bounds AS (
            SELECT tz,
                   coalesce(p_from::timestamp AT TIME ZONE tz, '-infinity'::timestamptz) AS lo,
                   coalesce((p_to + 1)::timestamp AT TIME ZONE tz, 'infinity'::timestamptz) AS hi
            FROM zone
        ),
        """;

    /// <summary>
    /// A source's recompute function <paramref name="name"/> (<see cref="RecomputeSignature"/>): its sold rows
    /// <paramref name="sold"/> and refunded rows <paramref name="refunded"/> (a subquery or a CTE of
    /// <paramref name="with"/>), each keyed by (account_id, day, event_id) and, when <paramref name="perShow"/>,
    /// show_id (else every row is show 0), made one row per key. What a key did not sell or refund counts 0; ticket
    /// revenue is gross less service fees.
    /// </summary>
    public static string RecomputeFunction(string name, string with, string sold, string refunded, bool perShow) => $$"""
        CREATE FUNCTION {{name}}(
            {{RecomputeSignature}}
            {{with}}
            SELECT coalesce(s.account_id, r.account_id), coalesce(s.day, r.day), coalesce(s.event_id, r.event_id), {{(perShow ? "coalesce(s.show_id, r.show_id)" : "0::bigint")}},
                   coalesce(s.paid_orders, 0)::integer, coalesce(s.tickets_sold, 0)::integer,
                   coalesce(s.gross, 0), coalesce(s.gross - s.service_fees, 0), coalesce(s.service_fees, 0),
                   coalesce(r.refunded_tickets, 0)::integer, coalesce(r.refunds, 0)
            FROM {{sold}} s
            FULL JOIN {{refunded}} r
                ON r.account_id = s.account_id AND r.day = s.day AND r.event_id = s.event_id{{(perShow ? " AND r.show_id = s.show_id" : "")}}
        $fn$;
        """;

    /// <summary>
    /// The full recompute from orders and baskets: the reference the maintained table is checked against, and
    /// what answers an ad-hoc time zone. It is written so that a call with constant arguments plans as a few index
    /// probes: the zone, the day bounds and the account and event filters are inline expressions of the
    /// arguments, which the planner folds into constants (ix_qtickets_orders_event_id_payed_at for sales, the
    /// refunded-at index for refunds). The folder calls it once per (account, event, day) key for that reason.
    /// With the bounds in a CTE and the keys joined in from unnest, every key was a sequential scan of the orders
    /// (measured 2026-12-02: 1.8 s for 40 keys of 8,000 orders, the largest cost of webhook ingest).
    /// </summary>
    public static readonly string CreateRecomputeFunction = string.Join("\n", [
        RecomputeFunction("qtickets_daily_sales", "", $"({SoldRows})", $"({RefundedRows})", perShow: true),
        """
        CREATE VIEW daily_sales_recomputed AS
        SELECT 'qtickets'::text AS source, s.*
        FROM qtickets_daily_sales() s;
        """,
    ]);

    /// <summary>Tickets sold per key: baskets of paid orders, by the order's pay day.</summary>
    private const string SoldRows = $$"""
        SELECT o.account_id, (o.payed_at AT TIME ZONE z.tz)::date AS day, o.event_id, coalesce(b.show_id, 0) AS show_id,
               count(DISTINCT o.id) AS paid_orders, sum(b.quantity) AS tickets_sold,
               sum(b.price * b.quantity) AS gross,
               sum(({{ServiceFeeExpression}}) * b.quantity) AS service_fees
        FROM ({{ZoneSelect}}) z
        JOIN qtickets_orders o ON o.payed_at >= {{Lower}} AND o.payed_at < {{Upper}}
        JOIN qtickets_baskets b ON b.account_id = o.account_id AND b.order_id = o.id
        WHERE o.payed AND o.upstream_missing_at IS NULL
          AND (p_account_id IS NULL OR o.account_id = p_account_id)
          AND (p_event_id IS NULL OR o.event_id = p_event_id)
          AND (b.refunded_at IS NOT NULL
               OR (b.deleted_at IS NULL AND b.vanished_at IS NULL AND o.deleted_at IS NULL))
        GROUP BY 1, 2, 3, 4
        """;

    /// <summary>Tickets refunded per key: refunded baskets of paid orders, by the refund's day.</summary>
    private const string RefundedRows = $$"""
        SELECT o.account_id, (b.refunded_at AT TIME ZONE z.tz)::date AS day, o.event_id, coalesce(b.show_id, 0) AS show_id,
               sum(b.quantity) AS refunded_tickets, coalesce(sum(b.refunded_amount), 0) AS refunds
        FROM ({{ZoneSelect}}) z
        JOIN qtickets_baskets b ON b.refunded_at >= {{Lower}} AND b.refunded_at < {{Upper}}
        JOIN qtickets_orders o ON o.account_id = b.account_id AND o.id = b.order_id
        WHERE o.payed AND o.payed_at IS NOT NULL AND o.upstream_missing_at IS NULL
          AND (p_account_id IS NULL OR o.account_id = p_account_id)
          AND (p_event_id IS NULL OR o.event_id = p_event_id)
        GROUP BY 1, 2, 3, 4
        """;

    private const string ZoneSelect =
        "SELECT coalesce(p_time_zone, nullif(current_setting('qtickets_sync.time_zone', true), ''), 'Europe/Moscow') AS tz";

    private const string Lower = "coalesce(p_from::timestamp AT TIME ZONE z.tz, '-infinity'::timestamptz)";

    private const string Upper = "coalesce((p_to + 1)::timestamp AT TIME ZONE z.tz, 'infinity'::timestamptz)";

    /// <summary>
    /// What a change of QTickets orders and baskets queues (<see cref="CreateTriggers"/>). Stored rows are looked up
    /// one written row at a time, by their full key (a LATERAL subquery the planner cannot flatten into a join).
    /// Written as joins, the planner hashed the whole orders table for every batch of baskets while the table held a
    /// few thousand orders: a sequential scan per apply, growing with the table (OrderUpserterTests,
    /// docs/decisions/0013).
    /// </summary>
    private static readonly DailySalesQueueTriggers Queue = new(Source, "qtickets_daily_sales_", "daily_sales_", [
        new("orders_inserted", "INSERT", "qtickets_orders", "SELECT n.account_id, n.event_id, n.payed_at AS at FROM new_rows n WHERE n.payed_at IS NOT NULL"),
        new("orders_updated", "UPDATE", "qtickets_orders", """
            SELECT n.account_id, e.event_id, e.at
            FROM old_rows o JOIN new_rows n ON n.account_id = o.account_id AND n.id = o.id
            CROSS JOIN LATERAL (VALUES (o.event_id, o.payed_at), (n.event_id, n.payed_at)) AS e(event_id, at)
            WHERE e.at IS NOT NULL
              AND (o.payed, o.payed_at, o.event_id, o.deleted_at, o.upstream_missing_at)
                  IS DISTINCT FROM (n.payed, n.payed_at, n.event_id, n.deleted_at, n.upstream_missing_at)
            UNION ALL
            SELECT n.account_id, e.event_id, b.refunded_at
            FROM old_rows o JOIN new_rows n ON n.account_id = o.account_id AND n.id = o.id
            CROSS JOIN LATERAL (
                SELECT b.refunded_at FROM qtickets_baskets b
                WHERE b.account_id = n.account_id AND b.order_id = n.id AND b.refunded_at IS NOT NULL OFFSET 0) b
            CROSS JOIN LATERAL (VALUES (o.event_id), (n.event_id)) AS e(event_id)
            WHERE (o.payed, o.payed_at, o.event_id, o.upstream_missing_at)
                  IS DISTINCT FROM (n.payed, n.payed_at, n.event_id, n.upstream_missing_at)
            """),
        new("orders_deleted", "DELETE", "qtickets_orders", "SELECT o.account_id, o.event_id, o.payed_at AS at FROM old_rows o WHERE o.payed_at IS NOT NULL"),
        new("baskets_inserted", "INSERT", "qtickets_baskets", $"""
            SELECT o.account_id, o.event_id, e.at
            FROM new_rows n
            {PaidOrderOf("n")}
            CROSS JOIN LATERAL (VALUES (o.payed_at), (n.refunded_at)) AS e(at)
            WHERE e.at IS NOT NULL
            """),
        new("baskets_updated", "UPDATE", "qtickets_baskets", $"""
            SELECT o.account_id, o.event_id, e.at
            FROM old_rows ob JOIN new_rows n ON n.account_id = ob.account_id AND n.id = ob.id
            {PaidOrderOf("n")}
            CROSS JOIN LATERAL (VALUES (o.payed_at), (ob.refunded_at), (n.refunded_at)) AS e(at)
            WHERE e.at IS NOT NULL
              AND (ob.order_id, ob.show_id, ob.price, ob.quantity, ob.deleted_at, ob.vanished_at,
                   ob.refunded_at, ob.refunded_amount, ob.service_fee_amount)
                  IS DISTINCT FROM
                  (n.order_id, n.show_id, n.price, n.quantity, n.deleted_at, n.vanished_at,
                   n.refunded_at, n.refunded_amount, n.service_fee_amount)
            """),
        new("baskets_deleted", "DELETE", "qtickets_baskets", $"""
            SELECT o.account_id, o.event_id, e.at
            FROM old_rows ob
            {PaidOrderOf("ob")}
            CROSS JOIN LATERAL (VALUES (o.payed_at), (ob.refunded_at)) AS e(at)
            WHERE e.at IS NOT NULL
            """),
    ]);

    /// <summary>
    /// Statement-level triggers with transition tables: one queue insert per statement, whatever the write path
    /// (webhook apply, reconcile, fetch-back, upstream-missing marks). An order change queues its pay day and the
    /// refund days of its baskets, before and after; a basket change queues its order's pay day and its refund
    /// days before and after. Only changes to fields the rules read queue anything.
    /// </summary>
    public static string CreateTriggers => Queue.Create;

    /// <summary>The trigger functions of <see cref="CreateTriggers"/> alone.</summary>
    public static string TriggerFunctions => Queue.Functions;

    /// <summary>The paid order of basket row <paramref name="basket"/>, as <c>o</c>: one primary key probe per basket.</summary>
    private static string PaidOrderOf(string basket) => $"""
        CROSS JOIN LATERAL (
            SELECT o.account_id, o.event_id, o.payed_at FROM qtickets_orders o
            WHERE o.account_id = {basket}.account_id AND o.id = {basket}.order_id AND o.payed_at IS NOT NULL OFFSET 0) o
        """;

    /// <summary>The triggers, their functions and the recompute; the tables stay (see <see cref="AccountsSql"/>).</summary>
    public static string DropFunctions => string.Join("\n", [
        Queue.Drop,
        """
        DROP VIEW IF EXISTS daily_sales_recomputed;
        DROP FUNCTION IF EXISTS qtickets_daily_sales(text, bigint, date, date);
        DROP FUNCTION IF EXISTS qtickets_daily_sales(text, bigint, date, date, integer);
        """,
    ]);
}
