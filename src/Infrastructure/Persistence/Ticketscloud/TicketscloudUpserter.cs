using Npgsql;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Changes;
using Qtickets.Sync.Infrastructure.PersonalData;
using Qtickets.Sync.Domain.Ticketscloud;

namespace Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;

/// <summary>
/// Writes Ticketscloud observations into the mirror, one statement per set (events, orders with their tickets,
/// refund requests), as <see cref="OrderUpserter"/> does for QTickets.
/// </summary>
/// <remarks>
/// The merge rule is <see cref="ObservedVersion"/>'s (ADR 0009), applied by the database in <c>ON CONFLICT … WHERE
/// (stored rank, stored observed_at) &lt;= (incoming rank, incoming observed_at)</c>, so it holds across runs and
/// instances whatever order pages commit in. A newer observation of the same content only advances
/// <c>observed_at</c> (so a slower, older observation of different content cannot win afterwards); tickets
/// are rewritten only when their order's content changed. Tickets a newer observation no longer lists are
/// marked vanished, not deleted. A rewritten row whose business content (<see cref="BusinessContent"/>: the typed
/// columns and, for an order, its live tickets, as stored before this statement) is the same is counted refreshed;
/// one whose business content changed gets one row of order history (<see cref="OrderChangeSql"/>) in the same statement.
/// Stored rows are probed by key (<see cref="StoredRowsSql"/>, ADR 0013), as QTickets' are.
/// Every input row is sent and answered, in input order (ADR 0018, as <see cref="OrderUpserter"/> does): when a
/// batch holds several observations of one row, the statement chooses one by the same rule (the later input row
/// on an equal version) and reports each other as a duplicate of it or stale. Events are still chosen here
/// (<see cref="UpsertEventsAsync"/>): the catalog statement answers nothing per row.
/// </remarks>
public sealed class TicketscloudUpserter(TimeProvider time, ErasedPeople erasedPeople)
{
    /// <summary><c>full</c> is a reserved word in PostgreSQL (<c>FULL JOIN</c>): quoted wherever it is named.</summary>
    private const string Full = "\"full\"";

    internal static readonly UnnestSet<TicketscloudOrder> OrderColumns = new("o",
    [
        UnnestColumn.Text<TicketscloudOrder>("id", o => o.Id),
        UnnestColumn.BigInt<TicketscloudOrder>("number", o => o.Number),
        UnnestColumn.Text<TicketscloudOrder>("code", o => o.Code),
        UnnestColumn.Text<TicketscloudOrder>("event_id", o => o.EventId),
        UnnestColumn.Text<TicketscloudOrder>("org_id", o => o.OrgId),
        UnnestColumn.Text<TicketscloudOrder>("vendor_id", o => o.VendorId),
        UnnestColumn.Text<TicketscloudOrder>("origin", o => o.Origin),
        UnnestColumn.Text<TicketscloudOrder>("status", o => o.Status),
        UnnestColumn.Int<TicketscloudOrder>("status_rank", o => o.Version.Rank),
        UnnestColumn.Time<TicketscloudOrder>("created_at", o => o.CreatedAt),
        UnnestColumn.Time<TicketscloudOrder>("done_at", o => o.DoneAt),
        UnnestColumn.Time<TicketscloudOrder>("expired_after", o => o.ExpiredAfter),
        UnnestColumn.Money<TicketscloudOrder>("nominal", o => o.Values.Nominal),
        UnnestColumn.Money<TicketscloudOrder>("extra", o => o.Values.Extra),
        UnnestColumn.Money<TicketscloudOrder>(Full, o => o.Values.Full),
        UnnestColumn.Money<TicketscloudOrder>("discount", o => o.Values.Discount),
        UnnestColumn.Money<TicketscloudOrder>("price", o => o.Values.Price),
        UnnestColumn.Json<TicketscloudOrder>("sets_values", o => o.SetsValues),
        UnnestColumn.TextArray<TicketscloudOrder>("promo_codes", o => o.PromoCodes),
        UnnestColumn.TextArray<TicketscloudOrder>("viral_promo_codes", o => o.ViralPromoCodes),
        UnnestColumn.Text<TicketscloudOrder>("customer_name", o => o.CustomerName),
        UnnestColumn.Text<TicketscloudOrder>("customer_email", o => o.CustomerEmail),
        UnnestColumn.Text<TicketscloudOrder>("customer_phone", o => o.CustomerPhone),
        UnnestColumn.Text<TicketscloudOrder>("customer_lang", o => o.CustomerLang),
        UnnestColumn.Bool<TicketscloudOrder>("send_tickets", o => o.SendTickets),
        UnnestColumn.Bool<TicketscloudOrder>("invitation", o => o.Invitation),
        UnnestColumn.Json<TicketscloudOrder>("settings", o => o.Settings),
        UnnestColumn.Json<TicketscloudOrder>("vendor_data", o => o.VendorData),
        UnnestColumn.Text<TicketscloudOrder>("vendor_order_id", o => o.VendorOrderId),
        UnnestColumn.Text<TicketscloudOrder>("time_zone", o => o.TimeZone),
        UnnestColumn.Json<TicketscloudOrder>("raw", o => o.Raw),
        UnnestColumn.Time<TicketscloudOrder>("observed_at", o => o.ObservedAt),
    ]);

    /// <summary>The ticket columns as written; the audit loads listed pages with the same mapping.</summary>
    internal static readonly UnnestSet<OwnedTicket> TicketColumns = new("t", TicketColumnList());

    /// <summary>
    /// The tickets as the upsert sends them: <see cref="TicketColumns"/> and the batch position of the order
    /// observation that carries each (<c>order_n</c>), so only the chosen observation's tickets are written.
    /// </summary>
    private static readonly UnnestSet<OwnedTicket> NumberedTicketColumns = new("t",
        [.. TicketColumnList(), UnnestColumn.BigInt<OwnedTicket>("order_n", t => t.OrderN)]);

    private static UnnestColumn<OwnedTicket>[] TicketColumnList() =>
    [
        UnnestColumn.Text<OwnedTicket>("id", t => t.Ticket.Id),
        UnnestColumn.Text<OwnedTicket>("order_id", t => t.Order.Id),
        UnnestColumn.Text<OwnedTicket>("event_id", t => t.Order.EventId),
        UnnestColumn.BigInt<OwnedTicket>("number", t => t.Ticket.Number),
        UnnestColumn.Text<OwnedTicket>("barcode", t => t.Ticket.Barcode),
        UnnestColumn.Text<OwnedTicket>("serial", t => t.Ticket.Serial),
        UnnestColumn.Text<OwnedTicket>("set_id", t => t.Ticket.SetId),
        UnnestColumn.Text<OwnedTicket>("status", t => t.Ticket.Status),
        UnnestColumn.Money<OwnedTicket>("nominal", t => t.Ticket.Values.Nominal),
        UnnestColumn.Money<OwnedTicket>("extra", t => t.Ticket.Values.Extra),
        UnnestColumn.Money<OwnedTicket>(Full, t => t.Ticket.Values.Full),
        UnnestColumn.Money<OwnedTicket>("discount", t => t.Ticket.Values.Discount),
        UnnestColumn.Money<OwnedTicket>("price", t => t.Ticket.Values.Price),
        UnnestColumn.Json<OwnedTicket>("raw", t => t.Ticket.Raw),
        UnnestColumn.Time<OwnedTicket>("observed_at", t => t.Order.ObservedAt),
    ];

    internal static readonly UnnestSet<TicketscloudRefundRequest> RefundColumns = new("r",
    [
        UnnestColumn.Text<TicketscloudRefundRequest>("id", r => r.Id),
        UnnestColumn.Text<TicketscloudRefundRequest>("order_id", r => r.OrderId),
        UnnestColumn.Text<TicketscloudRefundRequest>("event_id", r => r.EventId),
        UnnestColumn.Text<TicketscloudRefundRequest>("status", r => r.Status),
        UnnestColumn.Int<TicketscloudRefundRequest>("status_rank", r => r.Version.Rank),
        UnnestColumn.TextArray<TicketscloudRefundRequest>("ticket_ids", r => r.TicketIds),
        UnnestColumn.Money<TicketscloudRefundRequest>("amount", r => r.Amount),
        UnnestColumn.Text<TicketscloudRefundRequest>("reason", r => r.Reason),
        UnnestColumn.Time<TicketscloudRefundRequest>("created_at", r => r.CreatedAt),
        UnnestColumn.Time<TicketscloudRefundRequest>("updated_at", r => r.UpdatedAt),
        UnnestColumn.Json<TicketscloudRefundRequest>("raw", r => r.Raw),
        UnnestColumn.Time<TicketscloudRefundRequest>("observed_at", r => r.ObservedAt),
    ]);

    private static readonly UnnestSet<TicketscloudEvent> EventColumns = new("e",
    [
        UnnestColumn.Text<TicketscloudEvent>("id", e => e.Id),
        UnnestColumn.Text<TicketscloudEvent>("org_id", e => e.OrgId),
        UnnestColumn.Text<TicketscloudEvent>("title", e => e.Title),
        UnnestColumn.Text<TicketscloudEvent>("description", e => e.Description),
        UnnestColumn.Text<TicketscloudEvent>("time_zone", e => e.TimeZone),
        UnnestColumn.Text<TicketscloudEvent>("status", e => e.Status),
        UnnestColumn.Time<TicketscloudEvent>("starts_at", e => e.StartsAt),
        UnnestColumn.Time<TicketscloudEvent>("finishes_at", e => e.FinishesAt),
        UnnestColumn.Json<TicketscloudEvent>("raw", e => e.Raw),
        UnnestColumn.Time<TicketscloudEvent>("observed_at", e => e.ObservedAt),
    ]);

    private static readonly MirrorTable<TicketscloudOrder> Orders = new("ticketscloud_orders", "o", OrderColumns)
    {
        Version = ["status_rank", "observed_at"],
        WritesNewerSamePayload = true,
    };

    private static readonly MirrorTable<OwnedTicket> Tickets = new("ticketscloud_tickets", "t", TicketColumns)
    {
        Filled = [FilledColumn.SyncedAt, new("vanished_at", "NULL", "NULL")],
    };

    private static readonly MirrorTable<TicketscloudRefundRequest> Refunds = new("ticketscloud_refund_requests", "r", RefundColumns)
    {
        Version = ["status_rank", "observed_at"],
        WritesNewerSamePayload = true,
        Filled =
        [
            // When the request was approved: kept from the first observation that saw it approved.
            new("approved_at",
                $"CASE WHEN src.status = '{TicketscloudRefundStatuses.Approved}' THEN coalesce(src.updated_at, src.observed_at) END",
                $"CASE WHEN excluded.status = '{TicketscloudRefundStatuses.Approved}' THEN coalesce(r.approved_at, excluded.approved_at) END"),
            FilledColumn.SyncedAt,
        ],
    };

    private static readonly MirrorTable<TicketscloudEvent> Events = new("ticketscloud_events", "e", EventColumns)
    {
        Version = ["observed_at"],
        WritesNewerSamePayload = true,
    };

    /// <summary>
    /// The rows written whose payload differs from the stored one (or that are new): only they rewrite their
    /// tickets or can change business content; the others only advanced <c>observed_at</c> (confirmed).
    /// </summary>
    private const string Changed = """
        changed AS (
            SELECT a.id, a.inserted, i.observed_at
            FROM applied a JOIN incoming i ON i.id = a.id LEFT JOIN prior p ON p.id = a.id
            WHERE p.id IS NULL OR p.raw IS DISTINCT FROM i.raw
        )
        """;

    /// <summary>A row written only to move its observation time on: the same content, seen again later.</summary>
    private const string Confirmed = nameof(TicketscloudUpsertCounts.Confirmed);

    /// <summary>
    /// The statement's answer, one row per input row in input order: its outcome and whether its business content
    /// changed, from the CTEs every set's statement has (incoming_all, incoming, prior, applied, changed,
    /// business_changed). A row the batch's merge did not choose is a duplicate of the chosen one (the same
    /// payload) or stale (overtaken within the batch); the chosen row meets the stored one.
    /// </summary>
    private static string Outcomes<T>(MirrorTable<T> table) => $"""
        SELECT CASE WHEN x.n <> i.n AND x.raw = i.raw THEN '{UpsertOutcome.Duplicate}'
                    WHEN x.n <> i.n THEN '{UpsertOutcome.Stale}'
                    WHEN c.id IS NOT NULL AND c.inserted THEN '{UpsertOutcome.Inserted}'
                    WHEN c.id IS NOT NULL THEN '{UpsertOutcome.Updated}'
                    WHEN a.id IS NOT NULL THEN '{Confirmed}'
                    WHEN {table.HoldsNewer("p", "i")} THEN '{UpsertOutcome.Stale}'
                    ELSE '{UpsertOutcome.Duplicate}' END,
               x.n = i.n AND bc.id IS NOT NULL
        FROM incoming_all x
        JOIN incoming i ON i.id = x.id
        LEFT JOIN applied a ON a.id = i.id
        LEFT JOIN changed c ON c.id = i.id
        LEFT JOIN prior p ON p.id = i.id
        LEFT JOIN business_changed bc ON bc.id = i.id
        ORDER BY x.n
        """;

    /// <summary>
    /// The rows sent, numbered in input order (<c>incoming_all</c>); the one chosen per id (<c>incoming</c>), by the
    /// merge rule within the batch (<see cref="ObservedVersion"/>: the highest version, the later input row on a tie,
    /// since a page may list a row twice as it moved while being paged and ON CONFLICT touches a row once per
    /// statement); and the rows the chosen ones may replace, read by key (<c>prior</c>), with the merge columns and
    /// <paramref name="businessContent"/>.
    /// </summary>
    private static string IncomingAndPrior<T>(MirrorTable<T> table, string alias, IReadOnlyList<string> businessContent) => $"""
        incoming_all AS (
            {table.IncomingNumbered}
        ),
        incoming AS (
            SELECT DISTINCT ON (id) * FROM incoming_all
            ORDER BY id, {string.Join(", ", table.Version.Select(c => $"{c} DESC"))}, n DESC
        ),
        prior AS (
            {table.Prior($"{alias}.id, {alias}.status_rank, {alias}.observed_at, {alias}.raw, {BusinessContent.Columns(businessContent, alias)}", "incoming k")}
        )
        """;

    private static readonly string OrdersSql = $"""
        WITH {IncomingAndPrior(Orders, "o", BusinessContent.TicketscloudOrder)},
        placeholder_events AS (
            INSERT INTO ticketscloud_events (account_id, id, raw, observed_at, synced_at)
            SELECT DISTINCT @account_id, i.event_id, jsonb_build_object(), '-infinity'::timestamptz, @synced_at FROM incoming i
            ORDER BY 2
            ON CONFLICT (account_id, id) DO NOTHING
            RETURNING id
        ),
        applied AS (
            {Orders.Upsert("incoming src", returning: "RETURNING o.id, (o.xmax = 0) AS inserted")}
        ),
        {Changed},
        incoming_tickets AS (
            -- The tickets of the observation chosen for each order only; a ticket another order lists too is written once.
            SELECT DISTINCT ON (it.id) it.*
            FROM (SELECT {NumberedTicketColumns.Selects} FROM {NumberedTicketColumns.From}) it JOIN incoming i ON i.n = it.order_n
            ORDER BY it.id, it.order_id
        ),
        written_tickets AS (
            {Tickets.Upsert("incoming_tickets src JOIN changed c ON c.id = src.order_id", guarded: false, returning: "RETURNING t.id")}
        ),
        vanished AS (
            UPDATE ticketscloud_tickets t SET vanished_at = c.observed_at, synced_at = @synced_at
            FROM ({StoredRowsSql.ByKey("changed k", "ticketscloud_tickets", "s", "s.id, s.order_id", "@account_id", "order_id", "s.vanished_at IS NULL")}) live
            JOIN changed c ON c.id = live.order_id
            WHERE t.account_id = @account_id AND t.id = live.id AND t.id <> ALL(ARRAY(SELECT id FROM incoming_tickets))
            RETURNING t.id
        ),
        rewritten AS (
            SELECT c.id FROM changed c WHERE NOT c.inserted
        ),
        stored_tickets AS (
            {StoredRowsSql.ByKey("rewritten k", "ticketscloud_tickets", "t",
                $"t.order_id, t.id, {BusinessContent.Columns(BusinessContent.TicketscloudTicket, "t")}", "@account_id", "order_id", "t.vanished_at IS NULL")}
        ),
        rewritten_tickets AS (
            SELECT it.* FROM incoming_tickets it JOIN changed c ON c.id = it.order_id AND NOT c.inserted
        ),
        business_changed AS (
            {BusinessContent.ChangedOrders(BusinessContent.TicketscloudOrder, "changed", BusinessContent.TicketscloudTicket, "stored_tickets", "rewritten_tickets")}
        ),
        ticket_delta AS (
            {BusinessContent.ChildDelta("stored_tickets", "incoming_tickets", """
                array_agg(n.id ORDER BY n.id) FILTER (WHERE s.id IS NULL) AS added,
                NULL::text[] AS refunded, NULL::text[] AS scanned,
                array_agg(s.id ORDER BY s.id) FILTER (WHERE n.id IS NULL) AS deleted
                """)}
        ),
        {OrderChangeSql.RefsCte},
        recorded AS (
            {OrderChangeSql.RecordChangedOrders(AccountPlatforms.Ticketscloud, "i.id", "i.observed_at", BusinessContent.TicketscloudOrder,
                OrderChangeSql.RefOf("i.id"),
                (OrderChangeTypes.Created, "p.id IS NULL"),
                (OrderChangeTypes.Cancelled, $"p.id IS NOT NULL AND p.status <> '{TicketscloudOrderStatuses.Cancelled}' AND i.status = '{TicketscloudOrderStatuses.Cancelled}'"),
                (OrderChangeTypes.Restored, $"p.status = '{TicketscloudOrderStatuses.Cancelled}' AND i.status <> '{TicketscloudOrderStatuses.Cancelled}'"),
                (OrderChangeTypes.Paid, $"p.id IS NOT NULL AND p.status <> '{TicketscloudOrderStatuses.Done}' AND i.status = '{TicketscloudOrderStatuses.Done}'"),
                (OrderChangeTypes.TicketDeleted, "p.id IS NOT NULL AND td.deleted IS NOT NULL"))}
        )
        {Outcomes(Orders)}
        """;

    private static readonly string RefundsSql = $"""
        WITH {IncomingAndPrior(Refunds, "r", BusinessContent.TicketscloudRefundRequest)},
        applied AS (
            {Refunds.Upsert("incoming src", returning: "RETURNING r.id, (r.xmax = 0) AS inserted")}
        ),
        {Changed},
        business_changed AS (
            {BusinessContent.ChangedRows(BusinessContent.TicketscloudRefundRequest, "changed")}
        ),
        {OrderChangeSql.RefsCte},
        recorded AS (
            -- A refund request is part of its order's refunds: its change is a change of that order.
            {OrderChangeSql.Insert}
            SELECT @account_id, '{AccountPlatforms.Ticketscloud}', i.order_id,
                   {OrderChangeSql.Types(
                       (OrderChangeTypes.TicketRefunded, $"i.status = '{TicketscloudRefundStatuses.Approved}' AND p.status IS DISTINCT FROM '{TicketscloudRefundStatuses.Approved}'"))},
                   i.observed_at, @change_source, {OrderChangeSql.SourceId}, @synced_at,
                   jsonb_build_object('fields', jsonb_build_object('refund_request', jsonb_build_object('id', i.id,
                                          'changes', {OrderChangeSql.FieldDiff(BusinessContent.TicketscloudRefundRequest, "p", "i")})),
                                      'tickets', jsonb_build_object('added', '[]'::jsonb,
                                          'refunded', CASE WHEN i.status = '{TicketscloudRefundStatuses.Approved}' THEN to_jsonb(i.ticket_ids) ELSE '[]' END,
                                          'scanned', '[]'::jsonb, 'deleted', '[]'::jsonb))
            FROM business_changed bc
            JOIN incoming i ON i.id = bc.id
            LEFT JOIN prior p ON p.id = bc.id
            LEFT JOIN change_refs r ON {OrderChangeSql.RefOf("i.order_id")}
            ORDER BY i.order_id, i.id
            RETURNING 1
        )
        {Outcomes(Refunds)}
        """;

    private static readonly string EventsSql = Events.UpsertBatch;

    public async Task UpsertEventsAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, int accountId, IReadOnlyList<TicketscloudEvent> events,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }
        var latest = events.GroupBy(e => e.Id, StringComparer.Ordinal).Select(g => g.MaxBy(e => e.ObservedAt)!).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
        await using var command = Events.Command(EventsSql, connection, transaction, accountId, time.GetUtcNow(), latest);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Orders with their tickets; each whose business content changed gets one history row attributed to <paramref name="origin"/>.</summary>
    public Task<TicketscloudUpsertCounts> UpsertOrdersAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, int accountId, IReadOnlyList<TicketscloudOrder> orders,
        ChangeOrigin origin, CancellationToken cancellationToken) =>
        WriteAsync(Orders, OrdersSql, connection, transaction, accountId, orders, origin, cancellationToken,
            mask: rows => erasedPeople.MaskAsync(connection, transaction, accountId, rows, cancellationToken),
            children: (command, sent) => NumberedTicketColumns.AddParameters(command,
                [.. sent.SelectMany((o, i) => o.Tickets.DistinctBy(t => t.Id, StringComparer.Ordinal).Select(t => new OwnedTicket(o, t, i + 1)))]));

    /// <summary>Refund requests; each whose business content changed is a history row of its order, attributed to <paramref name="origin"/>.</summary>
    public Task<TicketscloudUpsertCounts> UpsertRefundRequestsAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, int accountId, IReadOnlyList<TicketscloudRefundRequest> requests,
        ChangeOrigin origin, CancellationToken cancellationToken) =>
        WriteAsync(Refunds, RefundsSql, connection, transaction, accountId, requests, origin, cancellationToken);

    /// <summary>
    /// One set's statement: every input row, in input order (the statement chooses among several observations of
    /// one row and answers each), with whatever the set sends beside them.
    /// </summary>
    private async Task<TicketscloudUpsertCounts> WriteAsync<T>(
        MirrorTable<T> table, string sql, NpgsqlConnection connection, NpgsqlTransaction? transaction, int accountId,
        IReadOnlyList<T> rows, ChangeOrigin origin, CancellationToken cancellationToken,
        Func<IReadOnlyList<T>, Task<IReadOnlyList<T>>>? mask = null, Action<NpgsqlCommand, IReadOnlyList<T>>? children = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return TicketscloudUpsertCounts.None;
        }
        if (mask is not null)
        {
            rows = await mask(rows);
        }
        await using var command = table.Command(sql, connection, transaction, accountId, time.GetUtcNow(), rows);
        children?.Invoke(command, rows);
        OrderChangeSql.AddParameters(command, origin);
        return await CountAsync(command, cancellationToken);
    }

    private static async Task<TicketscloudUpsertCounts> CountAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        int inserted = 0, updated = 0, confirmed = 0, stale = 0, duplicate = 0, refreshed = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            switch (reader.GetString(0))
            {
                case nameof(UpsertOutcome.Inserted): inserted++; break;
                case nameof(UpsertOutcome.Updated):
                    updated++;
                    refreshed += reader.GetBoolean(1) ? 0 : 1;
                    break;
                case Confirmed: confirmed++; break;
                case nameof(UpsertOutcome.Stale): stale++; break;
                default: duplicate++; break;
            }
        }
        return new TicketscloudUpsertCounts(inserted, updated, confirmed, stale, duplicate) { Refreshed = refreshed };
    }

    /// <summary>A ticket as written: its order, event and observation come from the order that carries it.</summary>
    /// <param name="OrderN">The batch position (1-based) of the order observation carrying it; 0 where it does not matter.</param>
    internal readonly record struct OwnedTicket(TicketscloudOrder Order, TicketscloudTicket Ticket, long OrderN = 0);
}
