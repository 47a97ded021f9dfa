using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Infrastructure.PersonalData;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Catalog;
using Qtickets.Sync.Domain.Changes;
using Qtickets.Sync.Domain.Orders;

namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// Writes orders and their baskets into the mirror in one set-based statement, the one write path shared by
/// webhooks, reconciliation and fetch-back.
/// </summary>
/// <remarks>
/// An incoming order replaces the stored one only when its version (updated_at, progress) is greater than or
/// equal to the stored version and its payload differs (see <see cref="OrderVersion"/> for the tie rule), so
/// replays change nothing and an older payload never overwrites a newer one, whichever path it came by. Several
/// payloads of one order may share a batch: the statement keeps the one <see cref="NewestPayload"/> would and
/// reports an outcome for every input row, in input order (ADR 0018): applied (inserted or updated), stale,
/// duplicate, or quarantined when the caller passed a horizon (<see cref="FutureStamp"/>) and the row is stamped
/// after it; a quarantined row is not written and does not compete with the others.
/// Baskets are written only for orders that were applied; baskets a newer payload no longer lists are marked
/// vanished rather than deleted. Rows are locked in id order so concurrent batches cannot deadlock. Every row is
/// keyed by its account (ids are only unique within one), given once for the batch. Stored rows are probed by
/// key (<see cref="StoredRowsSql"/>).
/// Each outcome says whether the order's business content changed (<see cref="BusinessContent"/>): the stored
/// order and its live baskets, read in the statement's snapshot, against the incoming ones, for rewritten orders
/// only, so a replay or an unchanged listing costs nothing more. The same statement writes one row of order history
/// (<see cref="OrderChangeSql"/>) for each order whose business content changed, and none for the others.
/// The daily sales table follows every write made here (and any other) through statement-level triggers that
/// queue the affected keys (<see cref="SalesSql.CreateTriggers"/>); nothing in this statement has to know.
/// </remarks>
public sealed class OrderUpserter(TimeProvider time, ErasedPeople erasedPeople)
{
    /// <summary>The order columns as written; the audit loads listed pages with the same mapping.</summary>
    internal static readonly UnnestSet<Order> OrderColumns = new("o",
    [
        UnnestColumn.BigInt<Order>("id", o => o.Id),
        UnnestColumn.Text<Order>("uniqid", o => o.Uniqid),
        UnnestColumn.Bool<Order>("payed", o => o.Payed),
        UnnestColumn.Time<Order>("payed_at", o => o.PayedAt),
        UnnestColumn.Time<Order>("created_at", o => o.CreatedAt),
        UnnestColumn.Time<Order>("updated_at", o => o.UpdatedAt),
        UnnestColumn.Time<Order>("deleted_at", o => o.DeletedAt),
        UnnestColumn.BigInt<Order>("client_id", o => o.ClientId),
        UnnestColumn.Text<Order>("client_email", o => o.ClientEmail),
        UnnestColumn.Text<Order>("client_phone", o => o.ClientPhone),
        UnnestColumn.Text<Order>("client_name", o => o.ClientName),
        UnnestColumn.Text<Order>("client_surname", o => o.ClientSurname),
        UnnestColumn.Text<Order>("client_middlename", o => o.ClientMiddlename),
        UnnestColumn.BigInt<Order>("site_id", o => o.SiteId),
        UnnestColumn.Text<Order>("site_host", o => o.SiteHost),
        UnnestColumn.BigInt<Order>("payment_id", o => o.PaymentId),
        UnnestColumn.Text<Order>("payment_type_id", o => o.PaymentTypeId),
        UnnestColumn.Text<Order>("payment_card_number", o => o.PaymentCardNumber),
        UnnestColumn.Text<Order>("payment_url", o => o.PaymentUrl),
        UnnestColumn.Text<Order>("cancel_url", o => o.CancelUrl),
        UnnestColumn.BigInt<Order>("basket_user_id", o => o.BasketUserId),
        UnnestColumn.BigInt<Order>("backend_user_id", o => o.BackendUserId),
        UnnestColumn.BigInt<Order>("access_code_id", o => o.AccessCodeId),
        UnnestColumn.BigInt<Order>("discount_id", o => o.DiscountId),
        UnnestColumn.BigInt<Order>("promo_code_id", o => o.PromoCodeId),
        UnnestColumn.Bool<Order>("reserved", o => o.Reserved),
        UnnestColumn.Time<Order>("reserved_to", o => o.ReservedTo),
        UnnestColumn.Bool<Order>("reserve_extended", o => o.ReserveExtended),
        UnnestColumn.BigInt<Order>("event_id", o => o.EventId),
        UnnestColumn.Money<Order>("price", o => o.Price),
        UnnestColumn.Money<Order>("original_price", o => o.OriginalPrice),
        UnnestColumn.Text<Order>("currency_id", o => o.CurrencyId),
        UnnestColumn.Json<Order>("utm", o => o.Utm),
        UnnestColumn.Json<Order>("custom", o => o.Custom),
        UnnestColumn.Json<Order>("fields", o => o.Fields),
        UnnestColumn.Json<Order>("integrations", o => o.Integrations),
        UnnestColumn.Json<Order>("refunds", o => o.Refunds),
        UnnestColumn.Json<Order>("raw", o => o.Raw),
        UnnestColumn.Time<Order>("source_updated_at", o => o.SourceUpdatedAt),
        UnnestColumn.Int<Order>("source_progress", o => o.SourceProgress),
    ]);

    internal static readonly UnnestSet<OwnedBasket> BasketColumns = new("b", BasketColumnList());

    /// <summary>
    /// The baskets as the upsert sends them: <see cref="BasketColumns"/> and the batch position of the order
    /// payload that carries each (<c>order_n</c>), so only the applied payload's baskets are written.
    /// </summary>
    private static readonly UnnestSet<OwnedBasket> NumberedBasketColumns = new("b",
        [.. BasketColumnList(), UnnestColumn.BigInt<OwnedBasket>("order_n", b => b.OrderN)]);

    private static UnnestColumn<OwnedBasket>[] BasketColumnList() =>
    [
        UnnestColumn.BigInt<OwnedBasket>("id", b => b.Basket.Id),
        UnnestColumn.BigInt<OwnedBasket>("order_id", b => b.Order.Id),
        UnnestColumn.Text<OwnedBasket>("barcode", b => b.Basket.Barcode),
        UnnestColumn.BigInt<OwnedBasket>("show_id", b => b.Basket.ShowId),
        UnnestColumn.Text<OwnedBasket>("seat_id", b => b.Basket.SeatId),
        UnnestColumn.Money<OwnedBasket>("original_price", b => b.Basket.OriginalPrice),
        UnnestColumn.Money<OwnedBasket>("discount_value", b => b.Basket.DiscountValue),
        UnnestColumn.Money<OwnedBasket>("price", b => b.Basket.Price),
        UnnestColumn.Int<OwnedBasket>("quantity", b => b.Basket.Quantity),
        UnnestColumn.Money<OwnedBasket>("ticket_amount", b => b.Basket.TicketAmount),
        UnnestColumn.Money<OwnedBasket>("service_fee_amount", b => b.Basket.ServiceFeeAmount),
        UnnestColumn.Money<OwnedBasket>("ticket_original_price", b => b.Basket.TicketOriginalPrice),
        UnnestColumn.Text<OwnedBasket>("series", b => b.Basket.Series),
        UnnestColumn.Text<OwnedBasket>("seat_name", b => b.Basket.SeatName),
        UnnestColumn.Text<OwnedBasket>("multiprice_code", b => b.Basket.MultipriceCode),
        UnnestColumn.Text<OwnedBasket>("client_email", b => b.Basket.ClientEmail),
        UnnestColumn.Text<OwnedBasket>("client_phone", b => b.Basket.ClientPhone),
        UnnestColumn.Text<OwnedBasket>("client_name", b => b.Basket.ClientName),
        UnnestColumn.Text<OwnedBasket>("client_surname", b => b.Basket.ClientSurname),
        UnnestColumn.Text<OwnedBasket>("client_middlename", b => b.Basket.ClientMiddlename),
        UnnestColumn.Text<OwnedBasket>("organization_name", b => b.Basket.OrganizationName),
        UnnestColumn.Text<OwnedBasket>("legal_name", b => b.Basket.LegalName),
        UnnestColumn.Text<OwnedBasket>("work_position", b => b.Basket.WorkPosition),
        UnnestColumn.Text<OwnedBasket>("inn", b => b.Basket.Inn),
        UnnestColumn.Text<OwnedBasket>("kpp", b => b.Basket.Kpp),
        UnnestColumn.Text<OwnedBasket>("comment", b => b.Basket.Comment),
        UnnestColumn.Text<OwnedBasket>("pdf_url", b => b.Basket.PdfUrl),
        UnnestColumn.Text<OwnedBasket>("passbook_url", b => b.Basket.PassbookUrl),
        UnnestColumn.Text<OwnedBasket>("gpass_url", b => b.Basket.GpassUrl),
        UnnestColumn.BigIntArray<OwnedBasket>("related_baskets", b => b.Basket.RelatedBaskets),
        UnnestColumn.Time<OwnedBasket>("checked_at", b => b.Basket.CheckedAt),
        UnnestColumn.Time<OwnedBasket>("created_at", b => b.Basket.CreatedAt),
        UnnestColumn.Time<OwnedBasket>("updated_at", b => b.Basket.UpdatedAt),
        UnnestColumn.Time<OwnedBasket>("deleted_at", b => b.Basket.DeletedAt),
        UnnestColumn.Time<OwnedBasket>("refunded_at", b => b.Basket.RefundedAt),
        UnnestColumn.Money<OwnedBasket>("refunded_amount", b => b.Basket.RefundedAmount),
        UnnestColumn.Money<OwnedBasket>("refunded_deduction_amount", b => b.Basket.RefundedDeductionAmount),
        UnnestColumn.Json<OwnedBasket>("refunds", b => b.Basket.Refunds),
        UnnestColumn.Json<OwnedBasket>("raw", b => b.Basket.Raw),
        UnnestColumn.Time<OwnedBasket>("source_updated_at", b => b.Order.SourceUpdatedAt),
    ];

    /// <summary>Buyers as the orders describe them: <c>qtickets_clients</c> is filled from here, at no extra API cost.</summary>
    private static readonly UnnestSet<Client> ClientColumns = new("c",
    [
        UnnestColumn.BigInt<Client>("id", c => c.Id),
        UnnestColumn.Text<Client>("email", c => c.Email),
        UnnestColumn.BigInt<Client>("details_id", c => c.DetailsId),
        UnnestColumn.Text<Client>("name", c => c.Name),
        UnnestColumn.Text<Client>("surname", c => c.Surname),
        UnnestColumn.Text<Client>("middlename", c => c.Middlename),
        UnnestColumn.Text<Client>("phone", c => c.Phone),
        UnnestColumn.Text<Client>("vk_id", c => c.VkId),
        UnnestColumn.Text<Client>("facebook_id", c => c.FacebookId),
        UnnestColumn.Json<Client>("raw", c => c.Raw),
    ]);

    private static readonly MirrorTable<Order> Orders = new("qtickets_orders", "o", OrderColumns)
    {
        Version = ["source_updated_at", "source_progress"],
        Filled =
        [
            FilledColumn.SyncedAt,
            new("last_source", "@source"),
            // A listing that finds the order again clears the mark a listing that missed it left.
            new("upstream_missing_at", "NULL", "NULL"),
            new("upstream_missing_reason", "NULL", "NULL"),
        ],
    };

    private static readonly MirrorTable<OwnedBasket> Baskets = new("qtickets_baskets", "b", BasketColumns)
    {
        Filled = [FilledColumn.SyncedAt, new("vanished_at", "NULL", "NULL")],
    };

    private static readonly MirrorTable<Client> Clients = new("qtickets_clients", "c", ClientColumns);

    private static readonly string Sql = BuildSql();

    /// <summary>
    /// Orders of account <paramref name="accountId"/>; the orders' own <c>AccountId</c> is set to it. Each order whose
    /// business content changed gets one history row (<c>order_changes</c>) attributed to <paramref name="origin"/>.
    /// </summary>
    public Task<UpsertResult> UpsertAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        int accountId,
        IReadOnlyList<Order> orders,
        string source,
        ChangeOrigin origin,
        CancellationToken cancellationToken) =>
        UpsertAsync(connection, transaction, accountId, orders, source, origin, null, cancellationToken);

    /// <summary>
    /// As above; an order stamped after <paramref name="horizon"/> (<c>FutureStamp.Horizon</c>) is not written
    /// and is reported <see cref="UpsertOutcome.Quarantined"/>. Null: every stamp is believed (an operator released it).
    /// </summary>
    public async Task<UpsertResult> UpsertAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        int accountId,
        IReadOnlyList<Order> orders,
        string source,
        ChangeOrigin origin,
        DateTimeOffset? horizon,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orders);
        if (orders.Count == 0)
        {
            return new UpsertResult([]);
        }
        foreach (var order in orders)
        {
            order.AccountId = accountId;
        }
        await erasedPeople.MaskAsync(connection, transaction, accountId, orders, cancellationToken);
        // Every payload goes to the statement, which decides (several of one order may share the batch).
        var baskets = orders.SelectMany((o, i) => o.Baskets.DistinctBy(b => b.Id).Select(b => new OwnedBasket(o, b, i + 1))).ToList();
        // One row per client, from the most recently updated of its orders in the batch that can be written (the
        // statement writes a client only with an order it applied; a quarantined one describes no one yet).
        var clients = orders.Where(o => o.Client is not null && !(o.SourceUpdatedAt > horizon)).OrderByDescending(o => o.UpdatedAt)
            .Select(o => o.Client!).DistinctBy(c => c.Id).OrderBy(c => c.Id).ToList();

        await using var command = Orders.Command(Sql, connection, transaction, accountId, time.GetUtcNow(), orders);
        NumberedBasketColumns.AddParameters(command, baskets);
        ClientColumns.AddParameters(command, clients);
        command.Parameters.Add(new NpgsqlParameter("source", source));
        command.Parameters.Add(new NpgsqlParameter("horizon", NpgsqlDbType.TimestampTz) { Value = horizon is { } h ? h.ToUniversalTime() : DBNull.Value });
        OrderChangeSql.AddParameters(command, origin);

        var outcomes = new List<OrderUpsertOutcome>(orders.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            outcomes.Add(new OrderUpsertOutcome(reader.GetInt64(0), Enum.Parse<UpsertOutcome>(reader.GetString(1)), !reader.IsDBNull(2) && reader.GetBoolean(2)));
        }
        return new UpsertResult(outcomes);
    }

    /// <summary>
    /// A basket row as written: its order id and version come from the order that carries it, whatever the
    /// basket object says, so a basket is never stored under another order's version.
    /// </summary>
    /// <param name="OrderN">The batch position (1-based) of the order payload carrying it; 0 where it does not matter.</param>
    internal readonly record struct OwnedBasket(Order Order, Basket Basket, long OrderN = 0);

    private static string BuildSql()
    {
        var storedOrder = BusinessContent.Columns(BusinessContent.QticketsOrder, "o");
        var storedBasket = BusinessContent.Columns(BusinessContent.QticketsBasket, "b");

        return $"""
            WITH incoming_rows AS (
                -- The time-sanity rule (FutureStamp): a row stamped after the horizon is not believed, so it neither
                -- competes with the batch's other rows nor meets the stored one.
                SELECT r.*, coalesce(r.source_updated_at > @horizon, false) AS quarantined FROM ({Orders.IncomingNumbered}) r
            ),
            newest AS (
                -- The merge rule (OrderVersion) within the batch: the highest (updated_at, progress), the later row on a tie.
                SELECT DISTINCT ON (id) id, source_updated_at, source_progress, raw, n FROM incoming_rows
                WHERE NOT quarantined
                ORDER BY id, source_updated_at DESC, source_progress DESC, n DESC
            ),
            incoming AS (
                -- The row written for each order: the first of the newest payload's trailing copies, as NewestPayload keeps
                -- the first of identical payloads.
                SELECT DISTINCT ON (x.id) x.*
                FROM incoming_rows x JOIN newest w ON w.id = x.id
                WHERE NOT x.quarantined
                  AND (x.source_updated_at, x.source_progress) = (w.source_updated_at, w.source_progress) AND x.raw = w.raw
                  AND NOT EXISTS (
                      SELECT 1 FROM incoming_rows y
                      WHERE y.id = x.id AND y.n > x.n AND NOT y.quarantined AND y.raw <> w.raw
                        AND (y.source_updated_at, y.source_progress) = (w.source_updated_at, w.source_progress))
                ORDER BY x.id, x.n
            ),
            prior AS (
                {Orders.Prior($"o.id, o.source_updated_at, o.source_progress, {storedOrder}", "newest k")}
            ),
            applied AS (
                {Orders.Upsert("incoming src", returning: "RETURNING o.id, o.source_updated_at, (o.xmax = 0) AS inserted")}
            ),
            incoming_baskets AS (
                -- The baskets of the payload written for each order only; a basket another order lists too is written once.
                SELECT DISTINCT ON (ib.id) ib.*
                FROM (SELECT {NumberedBasketColumns.Selects} FROM {NumberedBasketColumns.From}) ib JOIN incoming i ON i.n = ib.order_n
                ORDER BY ib.id, ib.order_id
            ),
            written_baskets AS (
                {Baskets.Upsert("incoming_baskets src JOIN applied a ON a.id = src.order_id", guarded: false, returning: "RETURNING b.id")}
            ),
            incoming_clients AS (
                {Clients.Incoming}
            ),
            written_clients AS (
                {Clients.Upsert("incoming_clients src WHERE EXISTS (SELECT 1 FROM applied a JOIN incoming i ON i.id = a.id WHERE i.client_id = src.id)",
                    returning: "RETURNING c.id")}
            ),
            vanished AS (
                UPDATE qtickets_baskets b SET vanished_at = a.source_updated_at, synced_at = @synced_at
                FROM applied a
                WHERE b.account_id = @account_id AND b.order_id = ANY(ARRAY(SELECT id FROM applied)) AND b.order_id = a.id
                  AND b.vanished_at IS NULL AND b.id <> ALL(ARRAY(SELECT id FROM incoming_baskets))
                RETURNING b.id
            ),
            rewritten AS (
                SELECT a.id FROM applied a WHERE NOT a.inserted
            ),
            stored_baskets AS (
                {StoredRowsSql.ByKey("rewritten k", "qtickets_baskets", "b", $"b.order_id, b.id, {storedBasket}", "@account_id", "order_id", "b.vanished_at IS NULL")}
            ),
            rewritten_baskets AS (
                SELECT ib.* FROM incoming_baskets ib JOIN rewritten r ON r.id = ib.order_id
            ),
            business_changed AS (
                {BusinessContent.ChangedOrders(BusinessContent.QticketsOrder, "applied", BusinessContent.QticketsBasket, "stored_baskets", "rewritten_baskets")}
            ),
            ticket_delta AS (
                {BusinessContent.ChildDelta("stored_baskets", "incoming_baskets", """
                    array_agg(n.id::text ORDER BY n.id) FILTER (WHERE s.id IS NULL) AS added,
                    array_agg(n.id::text ORDER BY n.id) FILTER (WHERE n.refunded_at IS NOT NULL AND s.refunded_at IS NULL) AS refunded,
                    array_agg(n.id::text ORDER BY n.id) FILTER (WHERE n.checked_at IS NOT NULL AND s.checked_at IS NULL) AS scanned,
                    array_agg(coalesce(s.id, n.id)::text ORDER BY coalesce(s.id, n.id))
                        FILTER (WHERE n.id IS NULL OR (n.deleted_at IS NOT NULL AND s.deleted_at IS NULL)) AS deleted
                    """)}
            ),
            {OrderChangeSql.RefsCte},
            recorded AS (
                {OrderChangeSql.RecordChangedOrders(AccountPlatforms.Qtickets, "i.id::text", "i.source_updated_at", BusinessContent.QticketsOrder,
                    OrderChangeSql.RefOf("i.id::text", "i.n"),
                    (OrderChangeTypes.Created, "p.id IS NULL"),
                    (OrderChangeTypes.Cancelled, "p.id IS NOT NULL AND p.deleted_at IS NULL AND i.deleted_at IS NOT NULL"),
                    (OrderChangeTypes.Restored, "p.deleted_at IS NOT NULL AND i.deleted_at IS NULL"),
                    (OrderChangeTypes.Paid, "p.id IS NOT NULL AND NOT coalesce(p.payed, false) AND coalesce(i.payed, false)"),
                    (OrderChangeTypes.TicketRefunded, "p.id IS NOT NULL AND td.refunded IS NOT NULL"),
                    (OrderChangeTypes.TicketScanned, "p.id IS NOT NULL AND td.scanned IS NOT NULL"),
                    (OrderChangeTypes.TicketDeleted, "p.id IS NOT NULL AND td.deleted IS NOT NULL"))}
            )
            SELECT x.id,
                   CASE WHEN x.quarantined THEN '{UpsertOutcome.Quarantined}'
                        WHEN x.n <> i.n AND x.raw = i.raw THEN '{UpsertOutcome.Duplicate}'
                        WHEN x.n <> i.n THEN '{UpsertOutcome.Stale}'
                        WHEN a.id IS NOT NULL AND a.inserted THEN '{UpsertOutcome.Inserted}'
                        WHEN a.id IS NOT NULL THEN '{UpsertOutcome.Updated}'
                        WHEN {Orders.HoldsNewer("p", "i")} THEN '{UpsertOutcome.Stale}'
                        ELSE '{UpsertOutcome.Duplicate}' END,
                   x.n = i.n AND bc.id IS NOT NULL
            FROM incoming_rows x
            -- Every row but a quarantined one has its order's written row (the rule keeps one of the believed rows).
            LEFT JOIN incoming i ON i.id = x.id
            LEFT JOIN applied a ON a.id = i.id
            LEFT JOIN prior p ON p.id = i.id
            LEFT JOIN business_changed bc ON bc.id = i.id
            ORDER BY x.n
            """;
    }
}
