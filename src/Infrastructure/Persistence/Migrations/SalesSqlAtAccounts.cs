namespace Qtickets.Sync.Infrastructure.Persistence.Migrations;

/// <summary>
/// The daily sales trigger functions as migration Accounts created them, before they looked orders up row by row.
/// Frozen: a migration must create on a fresh database exactly what it created when it was written;
/// <see cref="SalesSql"/> holds the current version, which migration PlanProofSalesTriggers installs in its place.
/// </summary>
internal static class SalesSqlAtAccounts
{
    private const string Bin = "date_bin('15 minutes', k.at, timestamptz '2000-01-01 00:00:00+00')";

    public static readonly string TriggerFunctions = string.Join("\n", [
        QueueFunction("orders_inserted", "SELECT n.account_id, n.event_id, n.payed_at AS at FROM new_rows n WHERE n.payed_at IS NOT NULL"),
        QueueFunction("orders_updated", """
            SELECT n.account_id, e.event_id, e.at
            FROM old_rows o JOIN new_rows n ON n.account_id = o.account_id AND n.id = o.id
            CROSS JOIN LATERAL (VALUES (o.event_id, o.payed_at), (n.event_id, n.payed_at)) AS e(event_id, at)
            WHERE e.at IS NOT NULL
              AND (o.payed, o.payed_at, o.event_id, o.deleted_at, o.upstream_missing_at)
                  IS DISTINCT FROM (n.payed, n.payed_at, n.event_id, n.deleted_at, n.upstream_missing_at)
            UNION ALL
            SELECT n.account_id, e.event_id, b.refunded_at
            FROM old_rows o JOIN new_rows n ON n.account_id = o.account_id AND n.id = o.id
            JOIN qtickets_baskets b ON b.account_id = n.account_id AND b.order_id = n.id AND b.refunded_at IS NOT NULL
            CROSS JOIN LATERAL (VALUES (o.event_id), (n.event_id)) AS e(event_id)
            WHERE (o.payed, o.payed_at, o.event_id, o.upstream_missing_at)
                  IS DISTINCT FROM (n.payed, n.payed_at, n.event_id, n.upstream_missing_at)
            """),
        QueueFunction("orders_deleted", "SELECT o.account_id, o.event_id, o.payed_at AS at FROM old_rows o WHERE o.payed_at IS NOT NULL"),
        QueueFunction("baskets_inserted", """
            SELECT o.account_id, o.event_id, e.at
            FROM new_rows n
            JOIN qtickets_orders o ON o.account_id = n.account_id AND o.id = n.order_id AND o.payed_at IS NOT NULL
            CROSS JOIN LATERAL (VALUES (o.payed_at), (n.refunded_at)) AS e(at)
            WHERE e.at IS NOT NULL
            """),
        QueueFunction("baskets_updated", """
            SELECT o.account_id, o.event_id, e.at
            FROM old_rows ob JOIN new_rows n ON n.account_id = ob.account_id AND n.id = ob.id
            JOIN qtickets_orders o ON o.account_id = n.account_id AND o.id = n.order_id AND o.payed_at IS NOT NULL
            CROSS JOIN LATERAL (VALUES (o.payed_at), (ob.refunded_at), (n.refunded_at)) AS e(at)
            WHERE e.at IS NOT NULL
              AND (ob.order_id, ob.show_id, ob.price, ob.quantity, ob.deleted_at, ob.vanished_at,
                   ob.refunded_at, ob.refunded_amount, ob.service_fee_amount)
                  IS DISTINCT FROM
                  (n.order_id, n.show_id, n.price, n.quantity, n.deleted_at, n.vanished_at,
                   n.refunded_at, n.refunded_amount, n.service_fee_amount)
            """),
        QueueFunction("baskets_deleted", """
            SELECT o.account_id, o.event_id, e.at
            FROM old_rows ob
            JOIN qtickets_orders o ON o.account_id = ob.account_id AND o.id = ob.order_id AND o.payed_at IS NOT NULL
            CROSS JOIN LATERAL (VALUES (o.payed_at), (ob.refunded_at)) AS e(at)
            WHERE e.at IS NOT NULL
            """),
    ]);

    public static readonly string CreateTriggers = string.Join("\n", [
        TriggerFunctions,
        Trigger("orders_inserted", "INSERT ON qtickets_orders", "NEW TABLE AS new_rows"),
        Trigger("orders_updated", "UPDATE ON qtickets_orders", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
        Trigger("orders_deleted", "DELETE ON qtickets_orders", "OLD TABLE AS old_rows"),
        Trigger("baskets_inserted", "INSERT ON qtickets_baskets", "NEW TABLE AS new_rows"),
        Trigger("baskets_updated", "UPDATE ON qtickets_baskets", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
        Trigger("baskets_deleted", "DELETE ON qtickets_baskets", "OLD TABLE AS old_rows"),
    ]);

    /// <summary>A trigger function queueing the (account_id, event_id, at) rows its query yields, binned and deduplicated.</summary>
    private static string QueueFunction(string name, string keys) => $$"""
        CREATE OR REPLACE FUNCTION qtickets_daily_sales_{{name}}() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            INSERT INTO daily_sales_queue (account_id, event_id, at)
            SELECT DISTINCT k.account_id, k.event_id, {{Bin}}
            FROM ({{keys}}) k;
            RETURN NULL;
        END
        $fn$;
        """;

    private static string Trigger(string name, string on, string transitions) =>
        $"CREATE TRIGGER daily_sales_{name} AFTER {on} REFERENCING {transitions} FOR EACH STATEMENT EXECUTE FUNCTION qtickets_daily_sales_{name}();";
}
