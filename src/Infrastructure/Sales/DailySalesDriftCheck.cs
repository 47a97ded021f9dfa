using Microsoft.Extensions.Logging;
using Npgsql;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Infrastructure.Sales;

/// <summary>
/// Compares <c>daily_sales</c> with a full recompute, row by row, and repairs the keys that differ. Keys still
/// waiting in the queue are left out: their rows lag by design and the next fold brings them up to date, so
/// what is reported is real drift (0 expected).
/// </summary>
public sealed partial class DailySalesDriftCheck(SalesMetrics metrics)
{
    public async Task RunAsync(SyncRunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var transaction = await run.Connection.BeginTransactionAsync(run.Stopping);
        await DailySalesKeys.LockAsync(run.Connection, transaction, run.Stopping);
        var differing = 0;
        var keys = new List<DailySalesKey>();
        string? rebuilding = null;
        foreach (var source in SalesSource.All)
        {
            await using var compare = new NpgsqlCommand(CompareSql(source), run.Connection, transaction);
            compare.Parameters.AddWithValue("source", source);
            await using var reader = await compare.ExecuteReaderAsync(run.Stopping);
            while (await reader.ReadAsync(run.Stopping))
            {
                rebuilding = reader.IsDBNull(4) ? null : reader.GetString(4);
                if (!reader.IsDBNull(0))
                {
                    differing++;
                    keys.Add(new DailySalesKey(reader.GetInt32(0), reader.GetInt64(1), reader.GetFieldValue<DateOnly>(2), reader.GetString(3), source));
                }
            }
        }
        if (rebuilding is not null)
        {
            await transaction.RollbackAsync(run.Stopping);
            LogRebuilding(run.Logger, rebuilding);
            return;
        }
        await DailySalesKeys.ReplaceAsync(run.Connection, transaction, keys, run.Stopping);
        await SyncRunLedger.RecordSalesDriftAsync(run.Connection, transaction, run.RunId, differing, run.Stopping);
        await transaction.CommitAsync(run.Stopping);
        metrics.DriftChecked(differing);
        if (differing > 0)
        {
            LogRepaired(run.Logger, differing, keys.Distinct().Count());
        }
        else
        {
            LogClean(run.Logger);
        }
    }

    /// <summary>The rows of one source that differ from its recompute, but for keys still queued.</summary>
    private static string CompareSql(string source) => $"""
            WITH state AS (SELECT time_zone, rebuild_to FROM daily_sales_state WHERE id = 1),
            truth AS (
                SELECT f.* FROM state s CROSS JOIN LATERAL {SalesSource.RecomputeFunction(source)}(s.time_zone) f WHERE s.rebuild_to IS NULL
            ),
            kept AS (SELECT * FROM daily_sales WHERE source = @source),
            queued AS (
                SELECT DISTINCT q.account_id, q.event_id, (q.at AT TIME ZONE s.time_zone)::date AS day
                FROM daily_sales_queue q CROSS JOIN state s WHERE q.source = @source
            ),
            diff AS (
                SELECT coalesce(t.account_id, k.account_id) AS account_id, coalesce(t.event_id, k.event_id) AS event_id,
                       coalesce(t.day, k.day) AS day
                FROM truth t
                FULL JOIN kept k
                    ON k.account_id = t.account_id AND k.day = t.day AND k.event_id = t.event_id AND k.show_id = t.show_id
                WHERE (t.paid_orders, t.tickets_sold, t.gross, t.ticket_revenue, t.service_fees, t.refunded_tickets, t.refunds)
                      IS DISTINCT FROM
                      (k.paid_orders, k.tickets_sold, k.gross, k.ticket_revenue, k.service_fees, k.refunded_tickets, k.refunds)
            )
            SELECT d.account_id, d.event_id, d.day, s.time_zone, s.rebuild_to
            FROM state s LEFT JOIN diff d ON s.rebuild_to IS NULL
                AND NOT EXISTS (SELECT 1 FROM queued q
                                WHERE q.account_id = d.account_id AND q.event_id = d.event_id AND q.day = d.day)
            """;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Daily sales drift: {Rows} row(s) differed from the recompute; {Keys} (event, day) key(s) repaired")]
    private static partial void LogRepaired(ILogger logger, int rows, int keys);

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily sales drift check: the table equals the recompute")]
    private static partial void LogClean(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily sales drift check skipped: the table is being rebuilt for time zone {TimeZone}")]
    private static partial void LogRebuilding(ILogger logger, string timeZone);
}
