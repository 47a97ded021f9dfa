namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// The stable, platform-neutral views in schema <c>mirror</c> that data teams query from their BI tools
/// (issue 26; documented column by column in docs/schema.md, which a test holds against the database).
/// Each view is a UNION ALL of one plain SELECT per platform, with no aggregation across them, so a filter on
/// account, platform, order, event or creation time is pushed into each side and reaches that table's indexes;
/// the per-row aggregates (an order's tickets, its refunds) are keyed lookups on the order.
/// Ids are text on both sides (QTickets numbers, Ticketscloud hex ids); the two expression indexes let a text
/// order or event id reach QTickets' bigint keys.
/// The views depend on the tables: a migration that changes the type of a column they read, or drops it, must
/// run <see cref="Drop"/> first and <see cref="Create"/> after. A change to the views is an edit here and a
/// migration running Drop and Create; should the new views read a column that a later migration adds, migration
/// MirrorViews keeps a frozen copy of this version instead (as <c>SalesSqlAtAccounts</c> does for the sales SQL).
/// </summary>
public static class MirrorSql
{
    /// <summary>
    /// The one status vocabulary of mirror.orders, from what the order paid, whether it was cancelled or expired,
    /// and how many of its tickets were refunded. An order cancelled after a refund refunded all that it still sold.
    /// </summary>
    private static string OrderStatus(string paid, string cancelled, string expired, string tickets, string refundedTickets) => $"""
        CASE WHEN {refundedTickets} > 0 AND ({cancelled} OR {refundedTickets} >= {tickets}) THEN 'refunded'
                 WHEN {refundedTickets} > 0 THEN 'partially_refunded'
                 WHEN {cancelled} THEN 'cancelled'
                 WHEN {paid} THEN 'paid'
                 WHEN {expired} THEN 'expired'
                 ELSE 'reserved' END
        """;

    /// <summary>
    /// The one status vocabulary of mirror.tickets; a ticket taken out of its order, or of a cancelled order,
    /// without a refund is cancelled (the sales rules 3 and 4).
    /// </summary>
    private static string TicketStatus(string refunded, string cancelled, string sold) => $"""
        CASE WHEN {refunded} THEN 'refunded'
                 WHEN {cancelled} THEN 'cancelled'
                 WHEN {sold} THEN 'sold'
                 ELSE 'reserved' END
        """;

    private const string TicketscloudApproved = """
        r.account_id = x.account_id AND r.order_id = x.order_id AND r.status = 'approved' AND x.id = ANY (r.ticket_ids)
        """;

    /// <summary>
    /// The columns of <c>mirror.orders</c> after an order's key (account, platform, order_id), in the order the API
    /// reads them; <c>order_change_states</c> keeps the same columns for the order as each change left it (ADR
    /// 0023), so a column added to the view is added there too (entity <c>OrderChangeState</c>, a migration).
    /// </summary>
    public const string OrderStateColumns = """
        status, currency, total, ticket_revenue, service_fees, discount, refunded_amount, created_at, paid_at, updated_at,
        synced_at, event_id, event_name, show_id, show_starts_at, tickets, refunded_tickets, customer_email,
        customer_phone, customer_name, deleted, deleted_at, vanished, vanished_at
        """;

    /// <summary><see cref="OrderStateColumns"/>, each qualified by <paramref name="alias"/>.</summary>
    public static string OrderStateColumnsOf(string alias) =>
        string.Join(", ", OrderStateColumns.Split(',', StringSplitOptions.TrimEntries).Select(c => $"{alias}.{c}"));

    /// <summary>
    /// The CTE <paramref name="name"/>: the <c>mirror.orders</c> <paramref name="columns"/> of the orders that CTE
    /// <paramref name="keys"/> names (its columns account_id and order_id), read once. Arrays of the keys' ids and
    /// account names reach each side's (account_id, id) index (a join on the keys alone is planned as a scan of the
    /// whole view); materialised, because left inline the planner put the lookup on the inner side of a nested loop
    /// over the keys and read every key's order once per key (51 × 51 view rows, 30 ms for a page of the list at
    /// 1M + 1M orders, against 2.7 ms), and a lateral lookup per key evaluates the view once per row.
    /// </summary>
    public static string OrdersOfKeys(string name, string keys, string columns) => $"""
        {name} AS MATERIALIZED (
            SELECT {columns} FROM mirror.orders
            WHERE order_id = ANY(ARRAY(SELECT DISTINCT order_id::text FROM {keys}))
              AND account = ANY(ARRAY(SELECT name::text FROM accounts WHERE id IN (SELECT account_id FROM {keys})))
        )
        """;

    public static readonly string Create = $$"""
        CREATE SCHEMA IF NOT EXISTS mirror;

        CREATE INDEX ix_qtickets_orders_account_id_id_text ON qtickets_orders (account_id, (id::text));
        CREATE INDEX ix_qtickets_orders_account_id_event_id_text_created_at ON qtickets_orders (account_id, (event_id::text), created_at);

        CREATE VIEW mirror.orders AS
        SELECT a.name::text AS account, 'qtickets'::text AS platform, o.id::text AS order_id,
               {{OrderStatus("o.payed", "o.deleted_at IS NOT NULL", "false", "k.tickets", "k.refunded_tickets")}} AS status,
               coalesce(o.currency_id, e.currency_id) AS currency,
               o.price AS total, o.price - k.service_fees AS ticket_revenue, k.service_fees,
               o.original_price - o.price AS discount, k.refunded_amount,
               o.created_at, o.payed_at AS paid_at, o.updated_at, o.synced_at,
               o.event_id::text AS event_id, e.name AS event_name, k.show_id::text AS show_id, s.start_date AS show_starts_at,
               k.tickets, k.refunded_tickets,
               o.client_email AS customer_email, o.client_phone AS customer_phone,
               nullif(concat_ws(' ', o.client_name, o.client_surname), '') AS customer_name,
               o.deleted_at IS NOT NULL AS deleted, o.deleted_at,
               o.upstream_missing_at IS NOT NULL AS vanished, o.upstream_missing_at AS vanished_at
        FROM qtickets_orders o
        JOIN accounts a ON a.id = o.account_id
        CROSS JOIN LATERAL (
            SELECT coalesce(sum(b.quantity) FILTER (WHERE b.vanished_at IS NULL OR b.refunded_at IS NOT NULL), 0)::integer AS tickets,
                   coalesce(sum(b.quantity) FILTER (WHERE b.refunded_at IS NOT NULL), 0)::integer AS refunded_tickets,
                   coalesce(sum({{SalesSql.ServiceFeeExpression}} * b.quantity)
                            FILTER (WHERE b.vanished_at IS NULL OR b.refunded_at IS NOT NULL), 0) AS service_fees,
                   coalesce(sum(b.refunded_amount) FILTER (WHERE b.refunded_at IS NOT NULL), 0) AS refunded_amount,
                   CASE WHEN min(b.show_id) = max(b.show_id) THEN min(b.show_id) END AS show_id
            FROM qtickets_baskets b
            WHERE b.account_id = o.account_id AND b.order_id = o.id
        ) k
        LEFT JOIN qtickets_events e ON e.account_id = o.account_id AND e.id = o.event_id
        LEFT JOIN qtickets_shows s ON s.account_id = o.account_id AND s.id = k.show_id
        UNION ALL
        SELECT a.name::text, 'ticketscloud'::text, o.id::text,
               {{OrderStatus("(o.done_at IS NOT NULL AND o.status IN ('done', 'cancelled'))", "o.status = 'cancelled'",
                   "o.status = 'expired'", "t.tickets", "t.refunded_tickets")}},
               NULL::text,
               o."full", o.nominal, o.extra, o.discount, r.refunded_amount,
               o.created_at, o.done_at, NULL::timestamptz, o.synced_at,
               o.event_id::text, e.title, NULL::text, NULL::timestamptz,
               t.tickets, t.refunded_tickets,
               o.customer_email, o.customer_phone, o.customer_name,
               false, NULL::timestamptz, false, NULL::timestamptz
        FROM ticketscloud_orders o
        JOIN accounts a ON a.id = o.account_id
        CROSS JOIN LATERAL (
            SELECT count(*) FILTER (WHERE x.vanished_at IS NULL OR f.refunded)::integer AS tickets,
                   count(*) FILTER (WHERE f.refunded)::integer AS refunded_tickets
            FROM ticketscloud_tickets x
            CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM ticketscloud_refund_requests r WHERE {{TicketscloudApproved}}) AS refunded) f
            WHERE x.account_id = o.account_id AND x.order_id = o.id
        ) t
        CROSS JOIN LATERAL (
            -- A request that states no amount returned its tickets' full price (docs/sales-rules.md, Ticketscloud).
            SELECT coalesce(sum(coalesce(r.amount,
                       (SELECT sum(x."full") FROM ticketscloud_tickets x WHERE {{TicketscloudApproved}}))), 0) AS refunded_amount
            FROM ticketscloud_refund_requests r
            WHERE r.account_id = o.account_id AND r.order_id = o.id AND r.status = 'approved'
        ) r
        LEFT JOIN ticketscloud_events e ON e.account_id = o.account_id AND e.id = o.event_id;

        CREATE VIEW mirror.tickets AS
        SELECT a.name::text AS account, 'qtickets'::text AS platform, o.id::text AS order_id, b.id::text AS ticket_id,
               b.barcode, o.event_id::text AS event_id, b.show_id::text AS show_id, s.start_date AS show_starts_at,
               b.seat_id, b.seat_name, b.quantity,
               b.price, b.price - {{SalesSql.ServiceFeeExpression}} AS ticket_price, {{SalesSql.ServiceFeeExpression}} AS service_fee,
               {{TicketStatus("b.refunded_at IS NOT NULL",
                   "(b.deleted_at IS NOT NULL OR b.vanished_at IS NOT NULL OR o.deleted_at IS NOT NULL)", "o.payed")}} AS status,
               b.checked_at IS NOT NULL AS scanned, b.checked_at AS scanned_at,
               b.refunded_at, CASE WHEN b.refunded_at IS NOT NULL THEN b.refunded_amount END AS refunded_amount,
               b.created_at, b.synced_at,
               b.deleted_at IS NOT NULL AS deleted, b.deleted_at,
               b.vanished_at IS NOT NULL AS vanished, b.vanished_at
        FROM qtickets_orders o
        JOIN accounts a ON a.id = o.account_id
        JOIN qtickets_baskets b ON b.account_id = o.account_id AND b.order_id = o.id
        LEFT JOIN qtickets_shows s ON s.account_id = b.account_id AND s.id = b.show_id
        UNION ALL
        SELECT a.name::text, 'ticketscloud'::text, o.id::text, x.id::text,
               x.barcode, o.event_id::text, NULL::text, NULL::timestamptz,
               NULL::text, NULL::text, 1,
               x."full", x.nominal, x.extra,
               {{TicketStatus("f.refunded", "(x.vanished_at IS NOT NULL OR o.status IN ('cancelled', 'expired'))", "o.status = 'done'")}},
               NULL::boolean, NULL::timestamptz,
               f.refunded_at, NULL::numeric,
               o.created_at, x.synced_at,
               false, NULL::timestamptz,
               x.vanished_at IS NOT NULL, x.vanished_at
        FROM ticketscloud_orders o
        JOIN accounts a ON a.id = o.account_id
        JOIN ticketscloud_tickets x ON x.account_id = o.account_id AND x.order_id = o.id
        CROSS JOIN LATERAL (
            SELECT count(*) > 0 AS refunded, min(r.approved_at) AS refunded_at
            FROM ticketscloud_refund_requests r WHERE {{TicketscloudApproved}}
        ) f;

        CREATE VIEW mirror.events AS
        SELECT a.name::text AS account, 'qtickets'::text AS platform, e.id::text AS event_id, e.name,
               s.starts_at, s.ends_at, e.place_name AS venue,
               e.deleted_at IS NOT NULL AS deleted, e.deleted_at, e.synced_at
        FROM qtickets_events e
        JOIN accounts a ON a.id = e.account_id
        CROSS JOIN LATERAL (
            SELECT min(x.start_date) AS starts_at, max(x.finish_date) AS ends_at
            FROM qtickets_shows x WHERE x.account_id = e.account_id AND x.event_id = e.id
        ) s
        UNION ALL
        SELECT a.name::text, 'ticketscloud'::text, e.id::text, e.title,
               e.starts_at, e.finishes_at, NULL::text,
               false, NULL::timestamptz, e.synced_at
        FROM ticketscloud_events e
        JOIN accounts a ON a.id = e.account_id;

        CREATE VIEW mirror.daily_sales AS
        SELECT a.name::text AS account, 'qtickets'::text AS platform, d.day, d.event_id::text AS event_id,
               nullif(d.show_id, 0)::text AS show_id,
               d.paid_orders, d.tickets_sold, d.gross, d.ticket_revenue, d.service_fees,
               d.refunded_tickets, d.refunds, d.gross - d.refunds AS net
        FROM daily_sales d
        JOIN accounts a ON a.id = d.account_id
        WHERE d.source = 'qtickets'
        UNION ALL
        -- Ticketscloud rows name their event by the mirror's number for it; the view gives its hex id back.
        SELECT a.name::text, 'ticketscloud'::text, d.day, e.id::text,
               NULL::text,
               d.paid_orders, d.tickets_sold, d.gross, d.ticket_revenue, d.service_fees,
               d.refunded_tickets, d.refunds, d.gross - d.refunds
        FROM daily_sales d
        JOIN accounts a ON a.id = d.account_id
        LEFT JOIN ticketscloud_events e ON e.sales_key = d.event_id
        WHERE d.source = 'ticketscloud';
        """;

    public const string Drop = """
        DROP VIEW IF EXISTS mirror.daily_sales;
        DROP VIEW IF EXISTS mirror.events;
        DROP VIEW IF EXISTS mirror.tickets;
        DROP VIEW IF EXISTS mirror.orders;
        DROP SCHEMA IF EXISTS mirror;
        DROP INDEX IF EXISTS ix_qtickets_orders_account_id_event_id_text_created_at;
        DROP INDEX IF EXISTS ix_qtickets_orders_account_id_id_text;
        """;
}
