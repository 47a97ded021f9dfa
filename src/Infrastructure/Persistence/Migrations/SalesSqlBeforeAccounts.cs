namespace Qtickets.Sync.Infrastructure.Persistence.Migrations;

/// <summary>
/// The daily sales SQL as migration DailySalesTable created it, before rows had accounts. Frozen: a migration
/// must create on a fresh database exactly what it created when it was written; <see cref="SalesSql"/> holds
/// the current version, which migration Accounts installs in its place.
/// </summary>
internal static class SalesSqlBeforeAccounts
{
    /// <summary>The service fee part of a basket's price (rule 8); baskets stored before the column existed have none.</summary>
    public const string ServiceFeeExpression = "coalesce(b.service_fee_amount, 0)";

    /// <summary>
    /// The full recompute from orders and baskets: the reference the maintained table is checked against, and
    /// what answers an ad-hoc time zone. The day bounds are pushed into index ranges on <c>payed_at</c> and
    /// <c>refunded_at</c> so one (event, day) key costs a few index probes — the folder recomputes keys with it.
    /// </summary>
    public const string CreateRecomputeFunction = $$"""
        CREATE FUNCTION qtickets_daily_sales(
            p_time_zone text DEFAULT NULL,
            p_event_id bigint DEFAULT NULL,
            p_from date DEFAULT NULL,
            p_to date DEFAULT NULL)
        RETURNS TABLE (day date, event_id bigint, show_id bigint, paid_orders integer, tickets_sold integer,
                       gross numeric, ticket_revenue numeric, service_fees numeric,
                       refunded_tickets integer, refunds numeric)
        LANGUAGE sql STABLE
        AS $fn$
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
            sold AS (
                SELECT (o.payed_at AT TIME ZONE z.tz)::date AS day, o.event_id, coalesce(b.show_id, 0) AS show_id,
                       count(DISTINCT o.id) AS paid_orders, sum(b.quantity) AS tickets_sold,
                       sum(b.price * b.quantity) AS gross,
                       sum(({{ServiceFeeExpression}}) * b.quantity) AS service_fees
                FROM bounds z
                JOIN qtickets_orders o ON o.payed_at >= z.lo AND o.payed_at < z.hi
                JOIN qtickets_baskets b ON b.order_id = o.id
                WHERE o.payed AND o.upstream_missing_at IS NULL
                  AND (p_event_id IS NULL OR o.event_id = p_event_id)
                  AND (b.refunded_at IS NOT NULL
                       OR (b.deleted_at IS NULL AND b.vanished_at IS NULL AND o.deleted_at IS NULL))
                GROUP BY 1, 2, 3
            ),
            refunded AS (
                SELECT (b.refunded_at AT TIME ZONE z.tz)::date AS day, o.event_id, coalesce(b.show_id, 0) AS show_id,
                       sum(b.quantity) AS refunded_tickets, coalesce(sum(b.refunded_amount), 0) AS refunds
                FROM bounds z
                JOIN qtickets_baskets b ON b.refunded_at >= z.lo AND b.refunded_at < z.hi
                JOIN qtickets_orders o ON o.id = b.order_id
                WHERE o.payed AND o.payed_at IS NOT NULL AND o.upstream_missing_at IS NULL
                  AND (p_event_id IS NULL OR o.event_id = p_event_id)
                GROUP BY 1, 2, 3
            )
            SELECT coalesce(s.day, r.day), coalesce(s.event_id, r.event_id), coalesce(s.show_id, r.show_id),
                   coalesce(s.paid_orders, 0)::integer, coalesce(s.tickets_sold, 0)::integer,
                   coalesce(s.gross, 0), coalesce(s.gross - s.service_fees, 0), coalesce(s.service_fees, 0),
                   coalesce(r.refunded_tickets, 0)::integer, coalesce(r.refunds, 0)
            FROM sold s
            FULL JOIN refunded r ON r.day = s.day AND r.event_id = s.event_id AND r.show_id = s.show_id
        $fn$;

        CREATE VIEW daily_sales_recomputed AS
        SELECT 'qtickets'::text AS source, s.*
        FROM qtickets_daily_sales() s;
        """;

    /// <summary>
    /// The maintained fact, its queue of affected keys and its state. Writers only append to the queue (no
    /// shared row is touched, so a popular event cannot make concurrent writers wait on or deadlock over its
    /// rows); one folder at a time turns queued keys into rows. Keys are queued as (event, instant binned to 15
    /// minutes) so the queue does not depend on the time zone: every zone offset is a multiple of 15 minutes.
    /// </summary>
    public const string CreateTable = """
        CREATE TABLE daily_sales (
            source text NOT NULL,
            day date NOT NULL,
            event_id bigint NOT NULL,
            show_id bigint NOT NULL,
            paid_orders integer NOT NULL,
            tickets_sold integer NOT NULL,
            gross numeric NOT NULL,
            ticket_revenue numeric NOT NULL,
            service_fees numeric NOT NULL,
            refunded_tickets integer NOT NULL,
            refunds numeric NOT NULL,
            CONSTRAINT pk_daily_sales PRIMARY KEY (source, day, event_id, show_id)
        );
        CREATE INDEX ix_daily_sales_event_id_day ON daily_sales (event_id, day);

        CREATE TABLE daily_sales_queue (
            id bigserial PRIMARY KEY,
            event_id bigint NOT NULL,
            at timestamptz NOT NULL
        );

        CREATE TABLE daily_sales_state (
            id integer PRIMARY KEY CHECK (id = 1),
            time_zone text NOT NULL,
            rebuild_to text,
            rebuild_after_event bigint,
            rebuild_started_at timestamptz,
            rebuilt_at timestamptz
        );

        CREATE INDEX ix_qtickets_baskets_refunded_at_sales ON qtickets_baskets (refunded_at)
            INCLUDE (order_id, show_id, quantity, refunded_amount) WHERE refunded_at IS NOT NULL;

        INSERT INTO daily_sales_state (id, time_zone, rebuilt_at)
        VALUES (1, coalesce(nullif(current_setting('qtickets_sync.time_zone', true), ''), 'Europe/Moscow'), now());

        INSERT INTO daily_sales
        SELECT 'qtickets', f.*
        FROM qtickets_daily_sales((SELECT time_zone FROM daily_sales_state)) f;
        """;

    private const string Bin = "date_bin('15 minutes', k.at, timestamptz '2000-01-01 00:00:00+00')";

    /// <summary>
    /// Statement-level triggers with transition tables: one queue insert per statement, whatever the write path
    /// (webhook apply, reconcile, fetch-back, upstream-missing marks). An order change queues its pay day and the
    /// refund days of its baskets, before and after; a basket change queues its order's pay day and its refund
    /// days before and after. Only changes to fields the rules read queue anything.
    /// </summary>
    public static readonly string CreateTriggers = string.Join("\n", [
        QueueFunction("orders_inserted", "SELECT n.event_id, n.payed_at AS at FROM new_rows n WHERE n.payed_at IS NOT NULL"),
        QueueFunction("orders_updated", """
            SELECT e.event_id, e.at
            FROM old_rows o JOIN new_rows n ON n.id = o.id
            CROSS JOIN LATERAL (VALUES (o.event_id, o.payed_at), (n.event_id, n.payed_at)) AS e(event_id, at)
            WHERE e.at IS NOT NULL
              AND (o.payed, o.payed_at, o.event_id, o.deleted_at, o.upstream_missing_at)
                  IS DISTINCT FROM (n.payed, n.payed_at, n.event_id, n.deleted_at, n.upstream_missing_at)
            UNION ALL
            SELECT e.event_id, b.refunded_at
            FROM old_rows o JOIN new_rows n ON n.id = o.id
            JOIN qtickets_baskets b ON b.order_id = n.id AND b.refunded_at IS NOT NULL
            CROSS JOIN LATERAL (VALUES (o.event_id), (n.event_id)) AS e(event_id)
            WHERE (o.payed, o.payed_at, o.event_id, o.upstream_missing_at)
                  IS DISTINCT FROM (n.payed, n.payed_at, n.event_id, n.upstream_missing_at)
            """),
        QueueFunction("orders_deleted", "SELECT o.event_id, o.payed_at AS at FROM old_rows o WHERE o.payed_at IS NOT NULL"),
        QueueFunction("baskets_inserted", """
            SELECT o.event_id, e.at
            FROM new_rows n
            JOIN qtickets_orders o ON o.id = n.order_id AND o.payed_at IS NOT NULL
            CROSS JOIN LATERAL (VALUES (o.payed_at), (n.refunded_at)) AS e(at)
            WHERE e.at IS NOT NULL
            """),
        QueueFunction("baskets_updated", """
            SELECT o.event_id, e.at
            FROM old_rows ob JOIN new_rows n ON n.id = ob.id
            JOIN qtickets_orders o ON o.id = n.order_id AND o.payed_at IS NOT NULL
            CROSS JOIN LATERAL (VALUES (o.payed_at), (ob.refunded_at), (n.refunded_at)) AS e(at)
            WHERE e.at IS NOT NULL
              AND (ob.order_id, ob.show_id, ob.price, ob.quantity, ob.deleted_at, ob.vanished_at,
                   ob.refunded_at, ob.refunded_amount, ob.service_fee_amount)
                  IS DISTINCT FROM
                  (n.order_id, n.show_id, n.price, n.quantity, n.deleted_at, n.vanished_at,
                   n.refunded_at, n.refunded_amount, n.service_fee_amount)
            """),
        QueueFunction("baskets_deleted", """
            SELECT o.event_id, e.at
            FROM old_rows ob
            JOIN qtickets_orders o ON o.id = ob.order_id AND o.payed_at IS NOT NULL
            CROSS JOIN LATERAL (VALUES (o.payed_at), (ob.refunded_at)) AS e(at)
            WHERE e.at IS NOT NULL
            """),
        Trigger("orders_inserted", "INSERT ON qtickets_orders", "NEW TABLE AS new_rows"),
        Trigger("orders_updated", "UPDATE ON qtickets_orders", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
        Trigger("orders_deleted", "DELETE ON qtickets_orders", "OLD TABLE AS old_rows"),
        Trigger("baskets_inserted", "INSERT ON qtickets_baskets", "NEW TABLE AS new_rows"),
        Trigger("baskets_updated", "UPDATE ON qtickets_baskets", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
        Trigger("baskets_deleted", "DELETE ON qtickets_baskets", "OLD TABLE AS old_rows"),
    ]);

    /// <summary>A trigger function queueing the (event_id, at) rows its query yields, binned and deduplicated.</summary>
    private static string QueueFunction(string name, string keys) => $$"""
        CREATE FUNCTION qtickets_daily_sales_{{name}}() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            INSERT INTO daily_sales_queue (event_id, at)
            SELECT DISTINCT k.event_id, {{Bin}}
            FROM ({{keys}}) k;
            RETURN NULL;
        END
        $fn$;
        """;

    private static string Trigger(string name, string on, string transitions) =>
        $"CREATE TRIGGER daily_sales_{name} AFTER {on} REFERENCING {transitions} FOR EACH STATEMENT EXECUTE FUNCTION qtickets_daily_sales_{name}();";

    public const string Drop = """
        DROP TRIGGER IF EXISTS daily_sales_orders_inserted ON qtickets_orders;
        DROP TRIGGER IF EXISTS daily_sales_orders_updated ON qtickets_orders;
        DROP TRIGGER IF EXISTS daily_sales_orders_deleted ON qtickets_orders;
        DROP TRIGGER IF EXISTS daily_sales_baskets_inserted ON qtickets_baskets;
        DROP TRIGGER IF EXISTS daily_sales_baskets_updated ON qtickets_baskets;
        DROP TRIGGER IF EXISTS daily_sales_baskets_deleted ON qtickets_baskets;
        DROP FUNCTION IF EXISTS qtickets_daily_sales_orders_inserted(), qtickets_daily_sales_orders_updated(),
            qtickets_daily_sales_orders_deleted(), qtickets_daily_sales_baskets_inserted(),
            qtickets_daily_sales_baskets_updated(), qtickets_daily_sales_baskets_deleted();
        DROP TABLE IF EXISTS daily_sales, daily_sales_queue, daily_sales_state;
        DROP INDEX IF EXISTS ix_qtickets_baskets_refunded_at_sales;
        DROP VIEW IF EXISTS daily_sales_recomputed;
        DROP FUNCTION IF EXISTS qtickets_daily_sales(text, bigint, date, date);
        """;
}
