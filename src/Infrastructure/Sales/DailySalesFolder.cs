using Microsoft.Extensions.Logging;
using Npgsql;

namespace Qtickets.Sync.Infrastructure.Sales;

/// <summary>
/// Turns the queue of affected keys that every order write appends to (database triggers, see SalesSql) into
/// rows of <c>daily_sales</c>: a batch of queue entries is taken, reduced to distinct (account, event, local day) keys,
/// and those keys are recomputed — in one transaction, so a crash leaves the entries queued.
/// </summary>
/// <remarks>
/// A key is recomputed rather than adjusted by a delta, so folding is idempotent and one lost or repeated fold
/// cannot skew the figures. An entry is visible only once the write that queued it has committed, and the
/// recompute reads after that, so the table never lags behind a committed write by more than one fold.
/// </remarks>
public sealed partial class DailySalesFolder(NpgsqlDataSource dataSource, SalesMetrics metrics, ILogger<DailySalesFolder> logger)
{
    public const int BatchSize = 20_000;

    /// <summary>Folds until the queue is empty; returns how many (event, day) keys were recomputed.</summary>
    public async Task<int> FoldPendingAsync(CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var keys = await FoldBatchAsync(ct);
            if (keys == 0)
            {
                return total;
            }
            total += keys;
        }
    }

    /// <remarks>
    /// While a time zone rebuild walks the sources' events, a key of an event already rebuilt (at or before its
    /// (source, account, event) cursor) is computed in the new zone, others in the old one.
    /// </remarks>
    private async Task<int> FoldBatchAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await DailySalesKeys.LockAsync(connection, transaction, ct);
        var keys = new List<DailySalesKey>();
        await using (var take = new NpgsqlCommand("""
            WITH taken AS (
                DELETE FROM daily_sales_queue
                WHERE id IN (SELECT id FROM daily_sales_queue ORDER BY id LIMIT @batch)
                RETURNING source, account_id, event_id, at
            ),
            zoned AS (
                SELECT t.source, t.account_id, t.event_id, t.at,
                       CASE WHEN s.rebuild_to IS NOT NULL
                                 AND (t.source, t.account_id, t.event_id) <= (coalesce(s.rebuild_after_source, ''),
                                                                              coalesce(s.rebuild_after_account, -2147483648),
                                                                              coalesce(s.rebuild_after_event, -9223372036854775808))
                            THEN s.rebuild_to ELSE s.time_zone END AS tz
                FROM taken t CROSS JOIN daily_sales_state s
            )
            SELECT DISTINCT account_id, event_id, (at AT TIME ZONE tz)::date, tz, source FROM zoned
            """, connection, transaction))
        {
            take.Parameters.AddWithValue("batch", BatchSize);
            await using var reader = await take.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                keys.Add(new DailySalesKey(reader.GetInt32(0), reader.GetInt64(1), reader.GetFieldValue<DateOnly>(2), reader.GetString(3), reader.GetString(4)));
            }
        }
        await DailySalesKeys.ReplaceAsync(connection, transaction, keys, ct);
        await transaction.CommitAsync(ct);
        if (keys.Count > 0)
        {
            metrics.KeysFolded(keys.Count);
            LogFolded(keys.Count);
        }
        return keys.Count;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Folded {Keys} daily sales key(s) into the table")]
    private partial void LogFolded(int keys);
}
