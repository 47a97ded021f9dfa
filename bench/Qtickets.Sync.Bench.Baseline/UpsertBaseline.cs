using System.Diagnostics;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Qtickets;

namespace Qtickets.Sync.Bench;

/// <summary>
/// The backfill baseline: what PostgreSQL itself does with 200-row <c>INSERT … ON CONFLICT DO UPDATE</c>
/// statements of rows the size of the mirror's (the mirror's own tables and columns, one transaction per page
/// of 200 orders with their baskets), with no HTTP, no JSON parsing and no version guard in the timed loop.
/// </summary>
public sealed class UpsertBaseline(string connectionString, long orders, long firstId)
{
    private const int PageSize = 200;

    private static readonly Column<Order>[] OrderColumns =
    [
        new("id", NpgsqlDbType.Bigint, o => o.Id), new("uniqid", NpgsqlDbType.Text, o => o.Uniqid),
        new("payed", NpgsqlDbType.Boolean, o => o.Payed), new("payed_at", NpgsqlDbType.TimestampTz, o => o.PayedAt),
        new("created_at", NpgsqlDbType.TimestampTz, o => o.CreatedAt), new("updated_at", NpgsqlDbType.TimestampTz, o => o.UpdatedAt),
        new("deleted_at", NpgsqlDbType.TimestampTz, o => o.DeletedAt), new("client_id", NpgsqlDbType.Bigint, o => o.ClientId),
        new("client_email", NpgsqlDbType.Text, o => o.ClientEmail), new("client_phone", NpgsqlDbType.Text, o => o.ClientPhone),
        new("client_name", NpgsqlDbType.Text, o => o.ClientName), new("client_surname", NpgsqlDbType.Text, o => o.ClientSurname),
        new("client_middlename", NpgsqlDbType.Text, o => o.ClientMiddlename), new("site_id", NpgsqlDbType.Bigint, o => o.SiteId),
        new("site_host", NpgsqlDbType.Text, o => o.SiteHost), new("payment_id", NpgsqlDbType.Bigint, o => o.PaymentId),
        new("payment_type_id", NpgsqlDbType.Text, o => o.PaymentTypeId), new("payment_card_number", NpgsqlDbType.Text, o => o.PaymentCardNumber),
        new("payment_url", NpgsqlDbType.Text, o => o.PaymentUrl), new("cancel_url", NpgsqlDbType.Text, o => o.CancelUrl),
        new("basket_user_id", NpgsqlDbType.Bigint, o => o.BasketUserId), new("backend_user_id", NpgsqlDbType.Bigint, o => o.BackendUserId),
        new("access_code_id", NpgsqlDbType.Bigint, o => o.AccessCodeId), new("discount_id", NpgsqlDbType.Bigint, o => o.DiscountId),
        new("promo_code_id", NpgsqlDbType.Bigint, o => o.PromoCodeId), new("reserved", NpgsqlDbType.Boolean, o => o.Reserved),
        new("reserved_to", NpgsqlDbType.TimestampTz, o => o.ReservedTo), new("reserve_extended", NpgsqlDbType.Boolean, o => o.ReserveExtended),
        new("event_id", NpgsqlDbType.Bigint, o => o.EventId), new("price", NpgsqlDbType.Numeric, o => o.Price),
        new("original_price", NpgsqlDbType.Numeric, o => o.OriginalPrice), new("currency_id", NpgsqlDbType.Text, o => o.CurrencyId),
        new("utm", NpgsqlDbType.Jsonb, o => o.Utm), new("custom", NpgsqlDbType.Jsonb, o => o.Custom),
        new("fields", NpgsqlDbType.Jsonb, o => o.Fields), new("integrations", NpgsqlDbType.Jsonb, o => o.Integrations),
        new("raw", NpgsqlDbType.Jsonb, o => o.Raw), new("source_updated_at", NpgsqlDbType.TimestampTz, o => o.SourceUpdatedAt),
        new("source_progress", NpgsqlDbType.Integer, o => o.SourceProgress), new("synced_at", NpgsqlDbType.TimestampTz, o => o.SyncedAt),
        new("last_source", NpgsqlDbType.Varchar, o => o.LastSource),
    ];

    private static readonly Column<Basket>[] BasketColumns =
    [
        new("id", NpgsqlDbType.Bigint, b => b.Id), new("order_id", NpgsqlDbType.Bigint, b => b.OrderId),
        new("barcode", NpgsqlDbType.Text, b => b.Barcode), new("show_id", NpgsqlDbType.Bigint, b => b.ShowId),
        new("seat_id", NpgsqlDbType.Text, b => b.SeatId), new("original_price", NpgsqlDbType.Numeric, b => b.OriginalPrice),
        new("discount_value", NpgsqlDbType.Numeric, b => b.DiscountValue), new("price", NpgsqlDbType.Numeric, b => b.Price),
        new("quantity", NpgsqlDbType.Integer, b => b.Quantity), new("client_email", NpgsqlDbType.Text, b => b.ClientEmail),
        new("client_phone", NpgsqlDbType.Text, b => b.ClientPhone), new("client_name", NpgsqlDbType.Text, b => b.ClientName),
        new("client_surname", NpgsqlDbType.Text, b => b.ClientSurname), new("client_middlename", NpgsqlDbType.Text, b => b.ClientMiddlename),
        new("organization_name", NpgsqlDbType.Text, b => b.OrganizationName), new("legal_name", NpgsqlDbType.Text, b => b.LegalName),
        new("work_position", NpgsqlDbType.Text, b => b.WorkPosition), new("inn", NpgsqlDbType.Text, b => b.Inn),
        new("kpp", NpgsqlDbType.Text, b => b.Kpp), new("comment", NpgsqlDbType.Text, b => b.Comment),
        new("pdf_url", NpgsqlDbType.Text, b => b.PdfUrl), new("passbook_url", NpgsqlDbType.Text, b => b.PassbookUrl),
        new("gpass_url", NpgsqlDbType.Text, b => b.GpassUrl), new("related_baskets", NpgsqlDbType.Array | NpgsqlDbType.Bigint, b => b.RelatedBaskets),
        new("checked_at", NpgsqlDbType.TimestampTz, b => b.CheckedAt), new("created_at", NpgsqlDbType.TimestampTz, b => b.CreatedAt),
        new("updated_at", NpgsqlDbType.TimestampTz, b => b.UpdatedAt), new("deleted_at", NpgsqlDbType.TimestampTz, b => b.DeletedAt),
        new("refunded_at", NpgsqlDbType.TimestampTz, b => b.RefundedAt), new("refunded_amount", NpgsqlDbType.Numeric, b => b.RefundedAmount),
        new("refunded_deduction_amount", NpgsqlDbType.Numeric, b => b.RefundedDeductionAmount), new("raw", NpgsqlDbType.Jsonb, b => b.Raw),
        new("source_updated_at", NpgsqlDbType.TimestampTz, b => b.SourceUpdatedAt), new("synced_at", NpgsqlDbType.TimestampTz, b => b.SyncedAt),
    ];

    public async Task<object> RunAsync()
    {
        // One page of parsed orders is the template; each page re-numbers it, so rows keep their real size
        // while the loop measures the database and not the payload generator.
        var template = Enumerable.Range(0, PageSize)
            .Select(i => OrderPayloadParser.Parse(Encoding.UTF8.GetBytes(SamplePayloads.Order(firstId + i))))
            .ToList();
        var ordersSql = UpsertSql("qtickets_orders", OrderColumns, PageSize);
        var basketsSql = UpsertSql("qtickets_baskets", BasketColumns, PageSize);

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        var clock = Stopwatch.StartNew();
        long orderRows = 0, basketRows = 0;
        for (long page = 0; page * PageSize < orders; page++)
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < template.Count; i++)
            {
                var order = template[i];
                order.Id = firstId + page * PageSize + i;
                order.SyncedAt = now;
                for (var b = 0; b < order.Baskets.Count; b++)
                {
                    order.Baskets[b].Id = order.Id * 3 + b;
                    order.Baskets[b].OrderId = order.Id;
                    order.Baskets[b].SyncedAt = now;
                }
            }
            var baskets = template.SelectMany(o => o.Baskets).ToList();
            await using var transaction = await connection.BeginTransactionAsync();
            orderRows += await ExecuteAsync(connection, ordersSql, OrderColumns, template);
            for (var offset = 0; offset < baskets.Count; offset += PageSize)
            {
                var chunk = baskets.GetRange(offset, Math.Min(PageSize, baskets.Count - offset));
                basketRows += await ExecuteAsync(connection, chunk.Count == PageSize ? basketsSql : UpsertSql("qtickets_baskets", BasketColumns, chunk.Count), BasketColumns, chunk);
            }
            await transaction.CommitAsync();
        }
        var seconds = clock.Elapsed.TotalSeconds;
        return new
        {
            orders = orderRows,
            baskets = basketRows,
            seconds = Math.Round(seconds, 3),
            rows_per_second = Math.Round((orderRows + basketRows) / seconds),
            orders_per_second = Math.Round(orderRows / seconds),
        };
    }

    private static async Task<int> ExecuteAsync<T>(NpgsqlConnection connection, string sql, Column<T>[] columns, IReadOnlyList<T> rows)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var row in rows)
        {
            foreach (var column in columns)
            {
                var value = column.Value(row);
                if (value is DateTimeOffset instant)
                {
                    value = instant.ToUniversalTime();
                }
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = column.Type, Value = value ?? DBNull.Value });
            }
        }
        return await command.ExecuteNonQueryAsync();
    }

    private static string UpsertSql<T>(string table, Column<T>[] columns, int rows)
    {
        // Rows belong to account 1 (`default`, created by the migrations), as the single-account service writes them.
        var sql = new StringBuilder($"INSERT INTO {table} (account_id, {string.Join(", ", columns.Select(c => c.Name))}) VALUES ");
        var parameter = 1;
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(1, " : ", (1, ");
            sql.AppendJoin(", ", columns.Select(_ => $"${parameter++}"));
            sql.Append(')');
        }
        sql.Append(" ON CONFLICT (account_id, id) DO UPDATE SET ");
        sql.AppendJoin(", ", columns.Skip(1).Select(c => $"{c.Name} = excluded.{c.Name}"));
        return sql.ToString();
    }

    private sealed record Column<T>(string Name, NpgsqlDbType Type, Func<T, object?> Value);
}
