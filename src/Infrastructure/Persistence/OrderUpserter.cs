using Npgsql;
using Qtickets.Sync.Domain.Orders;

namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// Writes orders and their baskets into the mirror in one set-based statement, the one write path shared by
/// webhooks, reconciliation and fetch-back.
/// </summary>
/// <remarks>
/// An incoming order replaces the stored one only when its version (updated_at, progress) is greater than or
/// equal to the stored version and its payload differs (see <see cref="OrderVersion"/> for the tie rule), so
/// replays change nothing and an older payload never overwrites a newer one, whichever path it came by.
/// Baskets are written only for orders that were applied; baskets a newer payload no longer lists are marked
/// vanished rather than deleted. Rows are locked in id order so concurrent batches cannot deadlock.
/// The daily sales table follows every write made here (and any other) through statement-level triggers that
/// queue the affected keys (<see cref="SalesSql.CreateTriggers"/>); nothing in this statement has to know.
/// </remarks>
public sealed class OrderUpserter(TimeProvider time)
{
    private static readonly UnnestColumn<Order>[] OrderColumns =
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
    ];

    private static readonly UnnestColumn<Basket>[] BasketColumns =
    [
        UnnestColumn.BigInt<Basket>("id", b => b.Id),
        UnnestColumn.BigInt<Basket>("order_id", b => b.OrderId),
        UnnestColumn.Text<Basket>("barcode", b => b.Barcode),
        UnnestColumn.BigInt<Basket>("show_id", b => b.ShowId),
        UnnestColumn.Text<Basket>("seat_id", b => b.SeatId),
        UnnestColumn.Money<Basket>("original_price", b => b.OriginalPrice),
        UnnestColumn.Money<Basket>("discount_value", b => b.DiscountValue),
        UnnestColumn.Money<Basket>("price", b => b.Price),
        UnnestColumn.Int<Basket>("quantity", b => b.Quantity),
        UnnestColumn.Money<Basket>("ticket_amount", b => b.TicketAmount),
        UnnestColumn.Money<Basket>("service_fee_amount", b => b.ServiceFeeAmount),
        UnnestColumn.Money<Basket>("ticket_original_price", b => b.TicketOriginalPrice),
        UnnestColumn.Text<Basket>("series", b => b.Series),
        UnnestColumn.Text<Basket>("seat_name", b => b.SeatName),
        UnnestColumn.Text<Basket>("multiprice_code", b => b.MultipriceCode),
        UnnestColumn.Text<Basket>("client_email", b => b.ClientEmail),
        UnnestColumn.Text<Basket>("client_phone", b => b.ClientPhone),
        UnnestColumn.Text<Basket>("client_name", b => b.ClientName),
        UnnestColumn.Text<Basket>("client_surname", b => b.ClientSurname),
        UnnestColumn.Text<Basket>("client_middlename", b => b.ClientMiddlename),
        UnnestColumn.Text<Basket>("organization_name", b => b.OrganizationName),
        UnnestColumn.Text<Basket>("legal_name", b => b.LegalName),
        UnnestColumn.Text<Basket>("work_position", b => b.WorkPosition),
        UnnestColumn.Text<Basket>("inn", b => b.Inn),
        UnnestColumn.Text<Basket>("kpp", b => b.Kpp),
        UnnestColumn.Text<Basket>("comment", b => b.Comment),
        UnnestColumn.Text<Basket>("pdf_url", b => b.PdfUrl),
        UnnestColumn.Text<Basket>("passbook_url", b => b.PassbookUrl),
        UnnestColumn.Text<Basket>("gpass_url", b => b.GpassUrl),
        UnnestColumn.BigIntArray<Basket>("related_baskets", b => b.RelatedBaskets),
        UnnestColumn.Time<Basket>("checked_at", b => b.CheckedAt),
        UnnestColumn.Time<Basket>("created_at", b => b.CreatedAt),
        UnnestColumn.Time<Basket>("updated_at", b => b.UpdatedAt),
        UnnestColumn.Time<Basket>("deleted_at", b => b.DeletedAt),
        UnnestColumn.Time<Basket>("refunded_at", b => b.RefundedAt),
        UnnestColumn.Money<Basket>("refunded_amount", b => b.RefundedAmount),
        UnnestColumn.Money<Basket>("refunded_deduction_amount", b => b.RefundedDeductionAmount),
        UnnestColumn.Json<Basket>("refunds", b => b.Refunds),
        UnnestColumn.Json<Basket>("raw", b => b.Raw),
        UnnestColumn.Time<Basket>("source_updated_at", b => b.SourceUpdatedAt),
    ];

    private static readonly string Sql = BuildSql();

    public async Task<UpsertResult> UpsertAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        IReadOnlyList<Order> orders,
        string source,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orders);
        if (orders.Count == 0)
        {
            return new UpsertResult([]);
        }
        var latest = LatestPerOrder(orders);
        var baskets = latest.SelectMany(o => o.Baskets.Select(b => WithOrderId(b, o))).DistinctBy(b => b.Id).OrderBy(b => b.Id).ToList();

        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        for (var i = 0; i < OrderColumns.Length; i++)
        {
            command.Parameters.Add(OrderColumns[i].CreateParameter($"o{i}", latest));
        }
        for (var i = 0; i < BasketColumns.Length; i++)
        {
            command.Parameters.Add(BasketColumns[i].CreateParameter($"b{i}", baskets));
        }
        command.Parameters.Add(new NpgsqlParameter("synced_at", time.GetUtcNow()));
        command.Parameters.Add(new NpgsqlParameter("source", source));

        var outcomes = new List<OrderUpsertOutcome>(latest.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            outcomes.Add(new OrderUpsertOutcome(reader.GetInt64(0), Enum.Parse<UpsertOutcome>(reader.GetString(1))));
        }
        return new UpsertResult(outcomes);
    }

    /// <summary>
    /// A page may list one order twice (it changed while being paged) and ON CONFLICT cannot touch a row
    /// twice in one statement: keep the newest version, the later one on a tie.
    /// </summary>
    private static List<Order> LatestPerOrder(IReadOnlyList<Order> orders)
    {
        var latest = new Dictionary<long, Order>(orders.Count);
        foreach (var order in orders)
        {
            if (!latest.TryGetValue(order.Id, out var kept) || new OrderVersion(order.SourceUpdatedAt, order.SourceProgress)
                    .Supersedes(new OrderVersion(kept.SourceUpdatedAt, kept.SourceProgress)))
            {
                latest[order.Id] = order;
            }
        }
        return [.. latest.Values.OrderBy(o => o.Id)];
    }

    private static Basket WithOrderId(Basket basket, Order order)
    {
        basket.OrderId = order.Id;
        basket.SourceUpdatedAt = order.SourceUpdatedAt;
        return basket;
    }

    private static string BuildSql()
    {
        static string Unnest<T>(UnnestColumn<T>[] columns, string prefix) =>
            $"unnest({string.Join(", ", columns.Select((_, i) => $"@{prefix}{i}"))}) AS u({string.Join(", ", columns.Select(c => c.Name))})";

        var orderNames = string.Join(", ", OrderColumns.Select(c => c.Name));
        var orderSelects = string.Join(", ", OrderColumns.Select(c => c.Select));
        var orderUpdates = string.Join(",\n        ", OrderColumns.Skip(1).Select(c => $"{c.Name} = excluded.{c.Name}"));
        var basketNames = string.Join(", ", BasketColumns.Select(c => c.Name));
        var basketSelects = string.Join(", ", BasketColumns.Select(c => c.Select));
        var basketUpdates = string.Join(",\n        ", BasketColumns.Skip(1).Select(c => $"{c.Name} = excluded.{c.Name}"));

        return $"""
            WITH incoming AS (
                SELECT {orderSelects} FROM {Unnest(OrderColumns, "o")}
            ),
            prior AS (
                SELECT o.id, o.source_updated_at, o.source_progress
                FROM qtickets_orders o JOIN incoming i ON i.id = o.id
            ),
            applied AS (
                INSERT INTO qtickets_orders AS o ({orderNames}, synced_at, last_source)
                SELECT {orderNames}, @synced_at, @source FROM incoming ORDER BY id
                ON CONFLICT (id) DO UPDATE SET
                    {orderUpdates},
                    synced_at = excluded.synced_at,
                    last_source = excluded.last_source,
                    upstream_missing_at = NULL,
                    upstream_missing_reason = NULL
                WHERE (o.source_updated_at, o.source_progress) <= (excluded.source_updated_at, excluded.source_progress)
                  AND o.raw IS DISTINCT FROM excluded.raw
                RETURNING o.id, o.source_updated_at, (o.xmax = 0) AS inserted
            ),
            incoming_baskets AS (
                SELECT {basketSelects} FROM {Unnest(BasketColumns, "b")}
            ),
            written_baskets AS (
                INSERT INTO qtickets_baskets AS b ({basketNames}, synced_at, vanished_at)
                SELECT {string.Join(", ", BasketColumns.Select(c => "ib." + c.Name))}, @synced_at, NULL
                FROM incoming_baskets ib JOIN applied a ON a.id = ib.order_id
                ORDER BY ib.id
                ON CONFLICT (id) DO UPDATE SET
                    {basketUpdates},
                    synced_at = excluded.synced_at,
                    vanished_at = NULL
                RETURNING b.id
            ),
            vanished AS (
                UPDATE qtickets_baskets b SET vanished_at = a.source_updated_at, synced_at = @synced_at
                FROM applied a
                WHERE b.order_id = a.id AND b.vanished_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM incoming_baskets ib WHERE ib.id = b.id)
                RETURNING b.id
            )
            SELECT i.id,
                   CASE WHEN a.id IS NOT NULL AND a.inserted THEN 'Inserted'
                        WHEN a.id IS NOT NULL THEN 'Updated'
                        WHEN p.id IS NOT NULL AND (p.source_updated_at, p.source_progress) > (i.source_updated_at, i.source_progress) THEN 'Stale'
                        ELSE 'Unchanged' END
            FROM incoming i
            LEFT JOIN applied a ON a.id = i.id
            LEFT JOIN prior p ON p.id = i.id
            ORDER BY i.id
            """;
    }
}
