using Qtickets.Sync.Domain.Sales;
using Npgsql;

namespace Qtickets.Sync.Bench;

/// <summary>The mirror's rows the soak compares with the truth, read straight from PostgreSQL.</summary>
public sealed record MirrorOrder(long Id, bool Payed, DateTimeOffset? PayedAt, DateTimeOffset? DeletedAt, decimal Price);

public sealed record MirrorBasket(
    long Id, long OrderId, DateTimeOffset? DeletedAt, DateTimeOffset? RefundedAt, decimal? RefundedAmount,
    DateTimeOffset? CheckedAt, DateTimeOffset? VanishedAt);

public sealed class MirrorSnapshot
{
    public Dictionary<long, MirrorOrder> Orders { get; } = [];
    public Dictionary<long, List<MirrorBasket>> BasketsByOrder { get; } = [];
    /// <summary>Daily sales recomputed from the mirror's orders (<c>qtickets_daily_sales</c>).</summary>
    public List<DailySales> DailySales { get; } = [];

    /// <summary>The maintained <c>daily_sales</c> table, read once its queue is folded.</summary>
    public List<DailySales> DailySalesTable { get; } = [];
    /// <summary>Inbox rows not rejected at the door, the bench's own outage probes left out.</summary>
    public long InboxRows { get; private set; }

    /// <summary>Rows plus the repeats each one absorbed: every 200 the service answered, if it counts them all.</summary>
    public long InboxReceipts { get; private set; }

    /// <summary>Bodies stored twice under the same event type: the dedupe failed.</summary>
    public long InboxDuplicates { get; private set; }
    public long PendingDeliveries { get; private set; }

    public static async Task<MirrorSnapshot> ReadAsync(string connectionString, string timeZone, long ignoreFromOrderId, CancellationToken ct)
    {
        var snapshot = new MirrorSnapshot();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var reader = await dataSource.CreateCommand(
            "SELECT id, payed, payed_at, deleted_at, price FROM qtickets_orders").ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var order = new MirrorOrder(reader.GetInt64(0), reader.GetBoolean(1), Instant(reader, 2), Instant(reader, 3), reader.GetDecimal(4));
                snapshot.Orders[order.Id] = order;
            }
        }
        await using (var reader = await dataSource.CreateCommand(
            "SELECT id, order_id, deleted_at, refunded_at, refunded_amount, checked_at, vanished_at FROM qtickets_baskets").ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var basket = new MirrorBasket(reader.GetInt64(0), reader.GetInt64(1), Instant(reader, 2), Instant(reader, 3),
                    reader.IsDBNull(4) ? null : reader.GetDecimal(4), Instant(reader, 5), Instant(reader, 6));
                if (!snapshot.BasketsByOrder.TryGetValue(basket.OrderId, out var list))
                {
                    snapshot.BasketsByOrder[basket.OrderId] = list = [];
                }
                list.Add(basket);
            }
        }
        const string Columns = "day, event_id, show_id, paid_orders, tickets_sold, gross, ticket_revenue, service_fees, refunded_tickets, refunds";
        await ReadSalesAsync(dataSource, $"SELECT {Columns} FROM qtickets_daily_sales($1) ORDER BY day, event_id, show_id", timeZone, snapshot.DailySales, ct);
        await ReadSalesAsync(dataSource, $"SELECT {Columns} FROM daily_sales WHERE source = 'qtickets' AND $1 IS NOT NULL ORDER BY day, event_id, show_id", timeZone, snapshot.DailySalesTable, ct);
        await using (var command = dataSource.CreateCommand("""
            SELECT count(*), coalesce(sum(duplicate_count), 0)::bigint,
                   count(*) - count(DISTINCT (event_type, body_sha256))
            FROM webhook_deliveries
            WHERE status <> 'rejected' AND (order_id IS NULL OR order_id < $1)
            """))
        {
            command.Parameters.AddWithValue(ignoreFromOrderId);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            snapshot.InboxRows = reader.GetInt64(0);
            snapshot.InboxReceipts = reader.GetInt64(0) + reader.GetInt64(1);
            snapshot.InboxDuplicates = reader.GetInt64(2);
        }
        snapshot.PendingDeliveries = (long)(await dataSource.CreateCommand(
            "SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'").ExecuteScalarAsync(ct))!;
        return snapshot;
    }

    private static DateTimeOffset? Instant(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static async Task ReadSalesAsync(NpgsqlDataSource dataSource, string sql, string timeZone, List<DailySales> rows, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(timeZone);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new DailySales(reader.GetFieldValue<DateOnly>(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3),
                reader.GetInt32(4), reader.GetDecimal(5), reader.GetDecimal(6), reader.GetDecimal(7), reader.GetInt32(8), reader.GetDecimal(9)));
        }
    }
}
