namespace Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;

/// <summary>
/// Hand-written SQL that puts Ticketscloud orders into the one daily sales picture (docs/sales-rules.md,
/// "Ticketscloud"; ADR 0009), kept out of the migration so it can be re-applied when migrations are
/// regenerated. Ticketscloud rows of <c>daily_sales</c> have <c>source = 'ticketscloud'</c>, the event's
/// <c>ticketscloud_events.sales_key</c> as <c>event_id</c> and show <c>0</c>.
/// </summary>
public static class TicketscloudSalesSql
{
    public const string Source = "ticketscloud";

    /// <summary>
    /// The recompute, the same columns as <c>qtickets_daily_sales</c>. Sold: tickets of orders paid (<c>done_at</c>,
    /// status done) on the day, and tickets of paid orders an approved refund request covers (sold first, whatever
    /// the order became); a paid order cancelled without an approved refund sells nothing. Gross is what the buyer
    /// paid (<c>full</c>), service fees <c>extra</c>, ticket revenue the rest. Refunded: per approved request, on
    /// its <c>approved_at</c> day, its <c>amount</c> (the tickets' <c>full</c> when it states none).
    /// </summary>
    public static readonly string CreateRecomputeFunction = string.Join("\n", [
        SalesSql.RecomputeFunction("ticketscloud_daily_sales", RowsWith, "sold", "refunded", perShow: false),
        """
        CREATE INDEX ix_ticketscloud_refund_requests_approved_at_sales ON ticketscloud_refund_requests (approved_at)
            WHERE status = 'approved';
        """,
    ]);

    /// <summary>The sold and refunded rows per (account, day, event), as CTEs: Ticketscloud has no shows.</summary>
    private const string RowsWith = $$"""
        {{SalesSql.RecomputeBounds}}
        sold AS (
            SELECT o.account_id, (o.done_at AT TIME ZONE z.tz)::date AS day, e.sales_key AS event_id,
                   count(DISTINCT o.id) AS paid_orders, count(*) AS tickets_sold,
                   sum(t."full") AS gross, sum(t.extra) AS service_fees
            FROM bounds z
            JOIN ticketscloud_orders o ON o.done_at >= z.lo AND o.done_at < z.hi
            JOIN ticketscloud_events e ON e.account_id = o.account_id AND e.id = o.event_id
            JOIN ticketscloud_tickets t ON t.account_id = o.account_id AND t.order_id = o.id
            WHERE o.status IN ('done', 'cancelled')
              AND (p_account_id IS NULL OR o.account_id = p_account_id)
              AND (p_event_id IS NULL OR e.sales_key = p_event_id)
              AND ((o.status = 'done' AND t.vanished_at IS NULL)
                   OR EXISTS (SELECT 1 FROM ticketscloud_refund_requests r
                              WHERE r.account_id = t.account_id AND r.order_id = t.order_id
                                AND r.status = 'approved' AND t.id = ANY (r.ticket_ids)))
            GROUP BY 1, 2, 3
        ),
        requests AS (
            SELECT r.account_id, r.id, r.order_id, r.approved_at, r.amount,
                   count(t.id) AS tickets, sum(t."full") AS tickets_full
            FROM bounds z
            JOIN ticketscloud_refund_requests r ON r.approved_at >= z.lo AND r.approved_at < z.hi
            LEFT JOIN ticketscloud_tickets t ON t.account_id = r.account_id AND t.order_id = r.order_id AND t.id = ANY (r.ticket_ids)
            WHERE r.status = 'approved' AND (p_account_id IS NULL OR r.account_id = p_account_id)
            GROUP BY r.account_id, r.id, r.order_id, r.approved_at, r.amount
        ),
        refunded AS (
            SELECT q.account_id, (q.approved_at AT TIME ZONE z.tz)::date AS day, e.sales_key AS event_id,
                   sum(q.tickets) AS refunded_tickets, coalesce(sum(coalesce(q.amount, q.tickets_full)), 0) AS refunds
            FROM bounds z
            CROSS JOIN requests q
            JOIN ticketscloud_orders o ON o.account_id = q.account_id AND o.id = q.order_id
            JOIN ticketscloud_events e ON e.account_id = o.account_id AND e.id = o.event_id
            WHERE o.done_at IS NOT NULL AND o.status IN ('done', 'cancelled')
              AND (p_event_id IS NULL OR e.sales_key = p_event_id)
            GROUP BY 1, 2, 3
        )
        """;

    /// <summary>
    /// The queue learns which platform a key is of (QTickets' triggers leave it to the default); the reference view
    /// gains Ticketscloud's rows.
    /// </summary>
    public const string AddSource = """
        ALTER TABLE daily_sales_queue ADD COLUMN source text NOT NULL DEFAULT 'qtickets';

        CREATE OR REPLACE VIEW daily_sales_recomputed AS
        SELECT 'qtickets'::text AS source, q.* FROM qtickets_daily_sales() q
        UNION ALL
        SELECT 'ticketscloud'::text AS source, t.* FROM ticketscloud_daily_sales() t;
        """;

    public const string DropSource = """
        DELETE FROM daily_sales WHERE source = 'ticketscloud';
        DELETE FROM daily_sales_queue WHERE source = 'ticketscloud';
        CREATE OR REPLACE VIEW daily_sales_recomputed AS
        SELECT 'qtickets'::text AS source, q.* FROM qtickets_daily_sales() q;
        ALTER TABLE daily_sales_queue DROP COLUMN source;
        """;

    /// <summary>
    /// Statement-level triggers queueing the affected (account, event, instant) keys with source
    /// <c>ticketscloud</c>, whatever writes: an order's pay day and its approved refunds' days when its status,
    /// pay time or event change; a ticket's order pay day when its money, order or presence change; a refund
    /// request's days (its order's pay day, its approval day before and after) when its decision changes.
    /// </summary>
    private static readonly DailySalesQueueTriggers Queue = new(Source, "ticketscloud_daily_sales_", "ticketscloud_daily_sales_", [
        new("orders_inserted", "INSERT", "ticketscloud_orders", """
            SELECT n.account_id, e.sales_key AS event_id, n.done_at AS at
            FROM new_rows n JOIN ticketscloud_events e ON e.account_id = n.account_id AND e.id = n.event_id
            WHERE n.done_at IS NOT NULL
            UNION ALL
            -- Refund requests mirrored before their order count from the moment the order arrives.
            SELECT n.account_id, e.sales_key, r.approved_at
            FROM new_rows n JOIN ticketscloud_events e ON e.account_id = n.account_id AND e.id = n.event_id
            JOIN ticketscloud_refund_requests r ON r.account_id = n.account_id AND r.order_id = n.id AND r.approved_at IS NOT NULL
            WHERE n.done_at IS NOT NULL
            """),
        new("orders_updated", "UPDATE", "ticketscloud_orders", """
            SELECT n.account_id, e.sales_key AS event_id, x.at
            FROM old_rows o JOIN new_rows n ON n.account_id = o.account_id AND n.id = o.id
            CROSS JOIN LATERAL (VALUES (o.event_id, o.done_at), (n.event_id, n.done_at)) AS x(event_id, at)
            JOIN ticketscloud_events e ON e.account_id = n.account_id AND e.id = x.event_id
            WHERE x.at IS NOT NULL
              AND (o.status, o.done_at, o.event_id) IS DISTINCT FROM (n.status, n.done_at, n.event_id)
            UNION ALL
            SELECT n.account_id, e.sales_key, r.approved_at
            FROM old_rows o JOIN new_rows n ON n.account_id = o.account_id AND n.id = o.id
            JOIN ticketscloud_refund_requests r ON r.account_id = n.account_id AND r.order_id = n.id AND r.approved_at IS NOT NULL
            CROSS JOIN LATERAL (VALUES (o.event_id), (n.event_id)) AS x(event_id)
            JOIN ticketscloud_events e ON e.account_id = n.account_id AND e.id = x.event_id
            WHERE (o.status, o.done_at, o.event_id) IS DISTINCT FROM (n.status, n.done_at, n.event_id)
            """),
        new("tickets_inserted", "INSERT", "ticketscloud_tickets", """
            SELECT o.account_id, e.sales_key AS event_id, o.done_at AS at
            FROM (SELECT DISTINCT account_id, order_id FROM new_rows) c
            JOIN ticketscloud_orders o ON o.account_id = c.account_id AND o.id = c.order_id AND o.done_at IS NOT NULL
            JOIN ticketscloud_events e ON e.account_id = o.account_id AND e.id = o.event_id
            """),
        new("tickets_updated", "UPDATE", "ticketscloud_tickets", """
            SELECT o.account_id, e.sales_key AS event_id, x.at
            FROM old_rows ob JOIN new_rows n ON n.account_id = ob.account_id AND n.id = ob.id
            CROSS JOIN LATERAL (VALUES (ob.order_id), (n.order_id)) AS c(order_id)
            JOIN ticketscloud_orders o ON o.account_id = n.account_id AND o.id = c.order_id AND o.done_at IS NOT NULL
            JOIN ticketscloud_events e ON e.account_id = o.account_id AND e.id = o.event_id
            CROSS JOIN LATERAL (
                SELECT o.done_at UNION ALL
                SELECT r.approved_at FROM ticketscloud_refund_requests r
                WHERE r.account_id = o.account_id AND r.order_id = o.id AND r.approved_at IS NOT NULL) AS x(at)
            WHERE (ob.order_id, ob."full", ob.extra, ob.vanished_at) IS DISTINCT FROM (n.order_id, n."full", n.extra, n.vanished_at)
            """),
        new("refunds_inserted", "INSERT", "ticketscloud_refund_requests", """
            SELECT o.account_id, e.sales_key AS event_id, x.at
            FROM new_rows r
            JOIN ticketscloud_orders o ON o.account_id = r.account_id AND o.id = r.order_id AND o.done_at IS NOT NULL
            JOIN ticketscloud_events e ON e.account_id = o.account_id AND e.id = o.event_id
            CROSS JOIN LATERAL (VALUES (o.done_at), (r.approved_at)) AS x(at)
            WHERE x.at IS NOT NULL AND r.status = 'approved'
            """),
        new("refunds_updated", "UPDATE", "ticketscloud_refund_requests", """
            SELECT o.account_id, e.sales_key AS event_id, x.at
            FROM old_rows ro JOIN new_rows rn ON rn.account_id = ro.account_id AND rn.id = ro.id
            CROSS JOIN LATERAL (VALUES (ro.order_id, ro.approved_at), (rn.order_id, rn.approved_at)) AS c(order_id, approved_at)
            JOIN ticketscloud_orders o ON o.account_id = rn.account_id AND o.id = c.order_id AND o.done_at IS NOT NULL
            JOIN ticketscloud_events e ON e.account_id = o.account_id AND e.id = o.event_id
            CROSS JOIN LATERAL (VALUES (o.done_at), (c.approved_at)) AS x(at)
            WHERE x.at IS NOT NULL
              AND (ro.order_id, ro.status, ro.approved_at, ro.ticket_ids, ro.amount)
                  IS DISTINCT FROM (rn.order_id, rn.status, rn.approved_at, rn.ticket_ids, rn.amount)
            """),
    ]);

    /// <summary>The functions and triggers of <see cref="Queue"/>.</summary>
    public static string CreateTriggers => Queue.Create;

    public static string Drop => string.Join("\n", [
        Queue.Drop,
        """
        DROP INDEX IF EXISTS ix_ticketscloud_refund_requests_approved_at_sales;
        DROP FUNCTION IF EXISTS ticketscloud_daily_sales(text, bigint, date, date, integer);
        """,
    ]);
}
