namespace Qtickets.Sync.Infrastructure.PersonalData;

/// <summary>
/// Every place a buyer's data lives (docs/personal-data.md). Targets are found by index first
/// (<see cref="TargetsSql"/>), then each place is read and rewritten by key, so an erasure costs the person's
/// rows, not a scan of every payload. Money, counts, dates, seats and barcodes are never listed here.
/// </summary>
public static class ErasurePlaces
{
    private static readonly string[] QticketsPerson = ["client_email", "client_phone", "client_name", "client_surname", "client_middlename"];

    /// <summary>
    /// The person's QTickets orders (as buyer or as the order's client), the tickets they hold (in any order),
    /// their client rows and their Ticketscloud orders; <c>@email</c> normalised, <c>@phone</c> as
    /// <c>personal_phone</c> gives it, <c>@account</c> null for every account.
    /// </summary>
    public const string TargetsSql = """
        CREATE TEMP TABLE erase_clients ON COMMIT DROP AS
            SELECT account_id, id FROM qtickets_clients
            WHERE (lower(email) = @email OR personal_phone(phone) = @phone) AND (@account IS NULL OR account_id = @account);
        CREATE TEMP TABLE erase_orders ON COMMIT DROP AS
            SELECT account_id, id FROM qtickets_orders
            WHERE (lower(client_email) = @email OR personal_phone(client_phone) = @phone) AND (@account IS NULL OR account_id = @account)
            UNION
            SELECT o.account_id, o.id FROM erase_clients c JOIN qtickets_orders o ON o.account_id = c.account_id AND o.client_id = c.id;
        INSERT INTO erase_clients
            SELECT DISTINCT o.account_id, o.client_id FROM erase_orders e JOIN qtickets_orders o USING (account_id, id)
            WHERE o.client_id IS NOT NULL
            EXCEPT SELECT account_id, id FROM erase_clients;
        CREATE TEMP TABLE erase_tickets ON COMMIT DROP AS
            SELECT account_id, id, order_id FROM qtickets_baskets
            WHERE (lower(client_email) = @email OR personal_phone(client_phone) = @phone) AND (@account IS NULL OR account_id = @account)
            UNION
            SELECT b.account_id, b.id, b.order_id FROM erase_orders e JOIN qtickets_baskets b ON b.account_id = e.account_id AND b.order_id = e.id;
        CREATE TEMP TABLE erase_tc_orders ON COMMIT DROP AS
            SELECT account_id, id FROM ticketscloud_orders
            WHERE (lower(customer_email) = @email OR personal_phone(customer_phone) = @phone) AND (@account IS NULL OR account_id = @account);
        ANALYZE erase_clients; ANALYZE erase_orders; ANALYZE erase_tickets; ANALYZE erase_tc_orders;
        """;

    /// <summary>
    /// Retention's targets: orders of events whose last show (QTickets) or whose end (Ticketscloud) is before
    /// <c>@cutoff</c> and that still hold a buyer's details. Client rows stay: a client may have bought for a later
    /// event, and their rows are erased on request.
    /// </summary>
    public const string EndedTargetsSql = """
        CREATE TEMP TABLE erase_clients (account_id integer, id bigint) ON COMMIT DROP;
        CREATE TEMP TABLE erase_orders ON COMMIT DROP AS
            SELECT o.account_id, o.id FROM qtickets_orders o
            JOIN (SELECT account_id, event_id FROM qtickets_shows GROUP BY account_id, event_id HAVING max(finish_date) < @cutoff) ended
              ON ended.account_id = o.account_id AND ended.event_id = o.event_id
            WHERE o.client_email IS NOT NULL OR o.client_phone IS NOT NULL OR o.client_name IS NOT NULL OR o.client_surname IS NOT NULL;
        CREATE TEMP TABLE erase_tickets ON COMMIT DROP AS
            SELECT b.account_id, b.id, b.order_id FROM erase_orders e JOIN qtickets_baskets b ON b.account_id = e.account_id AND b.order_id = e.id;
        CREATE TEMP TABLE erase_tc_orders ON COMMIT DROP AS
            SELECT o.account_id, o.id FROM ticketscloud_orders o
            JOIN ticketscloud_events e ON e.account_id = o.account_id AND e.id = o.event_id
            WHERE e.finishes_at < @cutoff AND (o.customer_email IS NOT NULL OR o.customer_phone IS NOT NULL OR o.customer_name IS NOT NULL);
        ANALYZE erase_orders; ANALYZE erase_tickets; ANALYZE erase_tc_orders;
        """;

    private const string OwnOrder = "(account_id, id) IN (SELECT account_id, id FROM erase_orders)";

    /// <summary>Orders the person is not the buyer of but holds a ticket in: only their identifiers are cut out.</summary>
    private const string HeldOrder = "(account_id, id) IN (SELECT account_id, order_id FROM erase_tickets EXCEPT SELECT account_id, id FROM erase_orders)";

    private const string TcOrder = "(account_id, order_id) IN (SELECT account_id, id FROM erase_tc_orders)";

    // One row-IN over the three sets rather than an OR per platform: the OR kept the planner off the
    // (account_id, platform, order_id) index of order_changes and made it scan the whole history.
    private const string CommandOrder = """
        (account_id, platform, order_id) IN (
            SELECT account_id, 'qtickets', id::text FROM erase_orders
            UNION SELECT account_id, 'qtickets', order_id::text FROM erase_tickets
            UNION SELECT account_id, 'ticketscloud', id FROM erase_tc_orders)
        """;

    private const string ChangeOfOwnOrder = """
        position IN (SELECT position FROM order_changes WHERE (account_id, platform, order_id) IN (
            SELECT account_id, 'qtickets', id::text FROM erase_orders
            UNION SELECT account_id, 'ticketscloud', id FROM erase_tc_orders))
        """;

    public static readonly IReadOnlyList<ErasurePlace> All =
    [
        new("qtickets_orders", "qtickets_orders", OwnOrder, Whole: true, QticketsPerson, ["raw", "custom", "fields"], []),
        new("qtickets_orders_held", "qtickets_orders", HeldOrder, Whole: false, [], ["raw", "custom", "fields"], []),
        new("qtickets_baskets", "qtickets_baskets", "(account_id, id) IN (SELECT account_id, id FROM erase_tickets)", Whole: true,
            QticketsPerson, ["raw"], ["comment"]),
        new("qtickets_clients", "qtickets_clients", "(account_id, id) IN (SELECT account_id, id FROM erase_clients)", Whole: true,
            ["email", "phone", "name", "surname", "middlename", "vk_id", "facebook_id"], ["raw"], []),
        new("ticketscloud_orders", "ticketscloud_orders", "(account_id, id) IN (SELECT account_id, id FROM erase_tc_orders)", Whole: true,
            ["customer_name", "customer_email", "customer_phone"], ["raw", "vendor_data", "settings"], []),
        new("ticketscloud_tickets", "ticketscloud_tickets", TcOrder, Whole: true, [], ["raw"], []),
        new("ticketscloud_refund_requests", "ticketscloud_refund_requests", TcOrder, Whole: true, [], ["raw"], ["reason"]),
        new("webhook_deliveries", "webhook_deliveries",
            "(account_id, order_id) IN (SELECT account_id, id FROM erase_orders UNION SELECT account_id, order_id FROM erase_tickets)",
            // The body is JSON kept as text, scrubbed as JSON (text that is not JSON by its terms).
            Whole: true, [], ["headers", "body"], []),
        new("order_commands", "order_commands", CommandOrder, Whole: true, [], ["request", "response"], ["error"]),
        // Order history keeps a customer field's before and after values: the person's identifiers are cut out of them.
        new("order_changes", "order_changes", CommandOrder, Whole: true, [], ["changes"], []),
        // The order as each change left it: the buyer's contacts, of the person's own orders only (a ticket they hold
        // in someone else's order leaves that buyer's details alone).
        new("order_change_states", "order_change_states", ChangeOfOwnOrder, Whole: true, ["customer_email", "customer_phone", "customer_name"], [], []),
        // A handful of rows: their texts are searched rather than joined to orders.
        new("alert_states", "alert_states", "true", Whole: false, [], [], ["detail"]),
    ];
}
