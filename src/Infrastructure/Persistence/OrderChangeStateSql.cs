namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// How each order change gets the order as it left it (<c>order_change_states</c>, ADR 0023): a statement-level
/// trigger on <c>order_changes</c> copies the <c>mirror.orders</c> rows of the orders its statement recorded changes
/// of (<see cref="MirrorSql.OrderStateColumns"/>). It fires after the whole statement, so it sees what that
/// statement's other parts wrote (the upserts write an order, its tickets and its change in one statement), and
/// every path that records a change gets it without a line of its own: webhooks, reconciles, commands, both
/// platforms, the baseline.
/// </summary>
public static class OrderChangeStateSql
{
    private const string Function = "order_changes_capture_state";

    /// <summary>
    /// Inserts the state of each change that <paramref name="keys"/> (a relation with columns position, account_id,
    /// platform, order_id) names, in position order (a feed page's states lie together, as its changes do); a change
    /// whose order the view does not hold gets none, one that has a state keeps it.
    /// </summary>
    /// <remarks>
    /// Each order is looked up by its key, in a LATERAL subquery the planner cannot flatten (<c>OFFSET 0</c>, as
    /// <see cref="StoredRowsSql"/> reads stored rows, ADR 0013): a lookup by id reaches each side's (account_id, id)
    /// index. The arrays of <see cref="MirrorSql.OrdersOfKeys"/>, right for a read of a page, and a flattened join
    /// both let the planner read all of an account's orders when the table was young and not analysed, a cost on
    /// the write path that would grow with the table.
    /// </remarks>
    public static string Capture(string keys) => $"""
        WITH k AS MATERIALIZED (SELECT position, account_id, platform, order_id FROM {keys})
        INSERT INTO order_change_states (position, {MirrorSql.OrderStateColumns})
        SELECT k.position, {MirrorSql.OrderStateColumnsOf("m")}
        FROM k
        JOIN accounts a ON a.id = k.account_id
        CROSS JOIN LATERAL (
            SELECT * FROM mirror.orders v WHERE v.account = a.name::text AND v.platform = k.platform AND v.order_id = k.order_id OFFSET 0
        ) m
        ORDER BY k.position
        ON CONFLICT (position) DO NOTHING
        """;

    public static readonly string Create = $$"""
        CREATE OR REPLACE FUNCTION {{Function}}() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            -- A statement trigger fires for statements that inserted nothing too (every duplicate's upsert).
            IF EXISTS (SELECT FROM new_rows) THEN
                {{Capture("new_rows")}};
            END IF;
            RETURN NULL;
        END
        $fn$;
        CREATE TRIGGER {{Function}} AFTER INSERT ON order_changes REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION {{Function}}();
        """;

    public const string Drop = $"""
        DROP TRIGGER IF EXISTS {Function} ON order_changes;
        DROP FUNCTION IF EXISTS {Function}();
        """;
}
