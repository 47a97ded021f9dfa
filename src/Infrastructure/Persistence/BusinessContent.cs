namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// What counts as a change of an order (docs/business-content.md): the typed columns reports read — status,
/// money, refunds, scans, deletion, customer — and the set of its tickets. Two versions that differ only in
/// what is not listed here (keys kept only in <c>raw</c>, such as a webhook's <c>checked_basket</c>; the
/// payload's formatting; <c>synced_at</c>) say the same thing about the sale.
/// </summary>
/// <remarks>
/// The comparison runs in SQL, inside the set-based upserts, between the stored row (read in the statement's
/// snapshot, before its own writes) and the incoming one, so it costs no extra round trip and sees exactly what
/// was replaced. Anything else that has to tell a real change from a rewrite (a change feed, an audit) builds its
/// comparison from these lists, so the definition lives here once.
/// </remarks>
public static class BusinessContent
{
    /// <summary><c>qtickets_orders</c>: status, money, refunds, deletion, customer.</summary>
    public static readonly IReadOnlyList<string> QticketsOrder =
    [
        "payed", "payed_at", "reserved", "reserved_to", "deleted_at", "event_id",
        "price", "original_price", "currency_id", "discount_id", "promo_code_id", "refunds",
        "client_email", "client_phone", "client_name", "client_surname", "client_middlename",
    ];

    /// <summary><c>qtickets_baskets</c> (tickets): place, money and fees, refunds, scans, deletion, holder.</summary>
    public static readonly IReadOnlyList<string> QticketsBasket =
    [
        "show_id", "seat_id", "quantity",
        "original_price", "discount_value", "price", "ticket_amount", "service_fee_amount", "ticket_original_price",
        "refunded_at", "refunded_amount", "refunded_deduction_amount", "refunds", "checked_at", "deleted_at",
        "client_email", "client_phone", "client_name", "client_surname", "client_middlename",
    ];

    /// <summary><c>ticketscloud_orders</c>: status, money, promo codes, customer.</summary>
    public static readonly IReadOnlyList<string> TicketscloudOrder =
    [
        "status", "event_id", "done_at", "nominal", "extra", "\"full\"", "discount", "price", "promo_codes",
        "customer_name", "customer_email", "customer_phone",
    ];

    /// <summary><c>ticketscloud_tickets</c>: status (sold, returned, …), tariff set, money.</summary>
    public static readonly IReadOnlyList<string> TicketscloudTicket =
    [
        "status", "set_id", "nominal", "extra", "\"full\"", "discount", "price",
    ];

    /// <summary><c>ticketscloud_refund_requests</c>: status, the tickets it returns, the amount.</summary>
    public static readonly IReadOnlyList<string> TicketscloudRefundRequest =
    [
        "status", "ticket_ids", "amount",
    ];

    /// <summary><paramref name="columns"/> qualified by <paramref name="alias"/>, comma-separated, for a select list.</summary>
    public static string Columns(IReadOnlyList<string> columns, string alias) =>
        string.Join(", ", columns.Select(c => $"{alias}.{c}"));

    /// <summary>
    /// A condition true when rows <paramref name="stored"/> and <paramref name="incoming"/> differ in any of
    /// <paramref name="columns"/> (null and a value differ; two nulls do not; jsonb and numeric compare by value,
    /// so key order and trailing zeros are not a change).
    /// </summary>
    public static string Differs(IReadOnlyList<string> columns, string stored, string incoming) =>
        $"ROW({Columns(columns, stored)}) IS DISTINCT FROM ROW({Columns(columns, incoming)})";

    /// <summary>
    /// A query of the ids of <paramref name="written"/> (rows the statement wrote, with <c>id</c> and <c>inserted</c>)
    /// whose business content changed: new to the mirror, or different in <paramref name="columns"/> from the row
    /// stored before (CTE <c>prior</c>) against the incoming one (CTE <c>incoming</c>). Every upsert's history
    /// starts from this.
    /// </summary>
    public static string ChangedRows(IReadOnlyList<string> columns, string written) => $"""
        SELECT w.id
        FROM {written} w JOIN incoming i ON i.id = w.id LEFT JOIN prior p ON p.id = w.id
        WHERE w.inserted OR p.id IS NULL OR {Differs(columns, "p", "i")}
        """;

    /// <summary>
    /// A query of the parent ids (<c>order_id</c>) whose set of children changed between <paramref name="storedRows"/>
    /// and <paramref name="incomingRows"/>: a child added, gone, or different in <paramref name="columns"/>. Both
    /// relations expose <c>order_id</c>, <c>id</c> and the columns; the stored one lists live children only.
    /// </summary>
    public static string ChangedParents(IReadOnlyList<string> columns, string storedRows, string incomingRows) => $"""
        SELECT coalesce(s.order_id, n.order_id) AS id
        FROM {storedRows} s FULL JOIN {incomingRows} n ON n.order_id = s.order_id AND n.id = s.id
        WHERE s.id IS NULL OR n.id IS NULL OR {Differs(columns, "s", "n")}
        """;

    /// <summary>
    /// A query of the ids of the orders whose business content changed: their own columns
    /// (<see cref="ChangedRows"/> over <paramref name="written"/>), or their set of tickets
    /// (<see cref="ChangedParents"/>): an order's content is both.
    /// </summary>
    public static string ChangedOrders(
        IReadOnlyList<string> orderColumns, string written, IReadOnlyList<string> ticketColumns, string storedTickets, string incomingTickets) => $"""
        {ChangedRows(orderColumns, written)}
        UNION
        {ChangedParents(ticketColumns, storedTickets, incomingTickets)}
        """;

    /// <summary>
    /// The ticket changes of the parents whose business content changed (CTE <c>business_changed</c>), one row per
    /// parent: its stored children (<c>s</c>, live ones only) against the incoming ones (<c>n</c>), either side
    /// missing where a child was added or is gone; <paramref name="lists"/> aggregates them into the history's
    /// text[] columns <c>added</c>, <c>refunded</c>, <c>scanned</c> and <c>deleted</c>.
    /// </summary>
    public static string ChildDelta(string storedRows, string incomingRows, string lists) => $"""
        SELECT coalesce(s.order_id, n.order_id) AS order_id,
               {lists}
        FROM (SELECT s.* FROM {storedRows} s JOIN business_changed bc ON bc.id = s.order_id) s
        FULL JOIN (SELECT x.* FROM {incomingRows} x JOIN business_changed bc ON bc.id = x.order_id) n
            ON n.order_id = s.order_id AND n.id = s.id
        GROUP BY 1
        """;
}
