using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Infrastructure.Sales;

/// <summary>
/// Compares <c>daily_sales</c> with a full recompute, row by row, and repairs the keys that differ. Keys still
/// waiting in the queue are left out: their rows lag by design and the next fold brings them up to date, so
/// what is reported is real drift (0 expected).
/// </summary>
/// <remarks>
/// The check walks each source's days in chunks of whole days holding about <see cref="SalesOptions.DriftChunkOrders"/>
/// sales, one transaction per chunk with the table's lock (so the folder waits for one chunk at most, never for the
/// whole check), the cursor and the rows found so far kept in <c>daily_sales_state</c> (so a stopped check resumes
/// after its last chunk). Each chunk's recompute is called with its zone and days as parameters: the function is
/// inlined and planned for those bounds (index ranges on the sale and refund instants). Called with a sub-select
/// for the zone it is not inlined, and a full recompute ran for more than 35 minutes at 1M orders (issue 30).
/// </remarks>
public sealed partial class DailySalesDriftCheck(SalesMetrics metrics, IOptions<SalesOptions> options)
{
    public async Task RunAsync(SyncRunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var chunks = 0;
        while (true)
        {
            run.Stopping.ThrowIfCancellationRequested();
            await using var transaction = await run.Connection.BeginTransactionAsync(run.Stopping);
            await DailySalesKeys.LockAsync(run.Connection, transaction, run.Stopping);
            var state = await ReadStateAsync(run, transaction);
            if (state.RebuildingTo is { } rebuilding)
            {
                await transaction.RollbackAsync(run.Stopping);
                LogRebuilding(run.Logger, rebuilding);
                return;
            }
            var chunk = await NextChunkAsync(run, transaction, state);
            if (chunk is null)
            {
                var next = NextSource(state.Source);
                if (next is not null)
                {
                    await SaveProgressAsync(run, transaction, next, null, 0);
                    await transaction.CommitAsync(run.Stopping);
                    continue;
                }
                await SyncRunLedger.RecordSalesDriftAsync(run.Connection, transaction, run.RunId, state.Differing, run.Stopping);
                await ExecuteAsync(run, transaction, """
                    UPDATE daily_sales_state SET drift_source = NULL, drift_after_day = NULL, drift_differing = 0, drift_started_at = NULL
                    WHERE id = 1
                    """);
                await transaction.CommitAsync(run.Stopping);
                Finish(run.Logger, state.Differing, chunks);
                return;
            }
            var keys = await CompareAsync(run, transaction, state, chunk.Value);
            await DailySalesKeys.ReplaceAsync(run.Connection, transaction, keys, run.Stopping);
            // An open chunk reaches the source's last day: nothing of it is left after.
            await SaveProgressAsync(run, transaction, state.Source, chunk.Value.To ?? DateOnly.MaxValue, keys.Count);
            await transaction.CommitAsync(run.Stopping);
            chunks++;
            LogChunk(run.Logger, state.Source, chunk.Value.From, chunk.Value.To, keys.Count);
        }
    }

    private static string? NextSource(string source)
    {
        var index = SalesSource.All.ToList().IndexOf(source);
        return index + 1 < SalesSource.All.Count ? SalesSource.All[index + 1] : null;
    }

    private void Finish(ILogger logger, int differing, int chunks)
    {
        metrics.DriftChecked(differing);
        if (differing > 0)
        {
            LogRepaired(logger, differing, chunks);
        }
        else
        {
            LogClean(logger, chunks);
        }
    }

    private sealed record State(string TimeZone, string? RebuildingTo, string Source, DateOnly? AfterDay, int Differing);

    private readonly record struct Chunk(DateOnly From, DateOnly? To);

    /// <summary>The cursor; a check that has not started yet starts at the first source.</summary>
    private static async Task<State> ReadStateAsync(SyncRunContext run, NpgsqlTransaction transaction)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE daily_sales_state
            SET drift_source = coalesce(drift_source, @first),
                drift_started_at = CASE WHEN drift_source IS NULL THEN now() ELSE drift_started_at END
            WHERE id = 1
            RETURNING time_zone, rebuild_to, drift_source, drift_after_day, drift_differing
            """, run.Connection, transaction);
        command.Parameters.AddWithValue("first", SalesSource.All[0]);
        await using var reader = await command.ExecuteReaderAsync(run.Stopping);
        await reader.ReadAsync(run.Stopping);
        return new State(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3), reader.GetInt32(4));
    }

    /// <summary>
    /// The next chunk of the source after the cursor: from the first day after it that has a sale, a refund or a row
    /// of the table, to the day of the sale <see cref="SalesOptions.DriftChunkOrders"/> sales later (open when fewer
    /// are left). Null when nothing is left.
    /// </summary>
    private async Task<Chunk?> NextChunkAsync(SyncRunContext run, NpgsqlTransaction transaction, State state)
    {
        if (state.AfterDay == DateOnly.MaxValue)
        {
            return null;
        }
        var (sales, refunds) = SalesSource.Timeline(state.Source);
        await using var command = new NpgsqlCommand($"""
            WITH first AS (
                SELECT least(
                    (SELECT (min({sales.Column}) AT TIME ZONE @zone)::date FROM {sales.Table} WHERE {sales.Column} >= (@day::timestamp AT TIME ZONE @zone)),
                    (SELECT (min({refunds.Column}) AT TIME ZONE @zone)::date FROM {refunds.Table} WHERE {refunds.Column} >= (@day::timestamp AT TIME ZONE @zone)),
                    (SELECT min(day) FROM daily_sales WHERE source = @source AND day >= @day)) AS day
            )
            SELECT f.day,
                   (SELECT ({sales.Column} AT TIME ZONE @zone)::date FROM {sales.Table}
                    WHERE {sales.Column} >= (f.day::timestamp AT TIME ZONE @zone)
                    ORDER BY {sales.Column} OFFSET @chunk LIMIT 1)
            FROM first f WHERE f.day IS NOT NULL
            """, run.Connection, transaction);
        // Before the first chunk the cursor is open: -infinity, as a date and as an instant.
        var day = state.AfterDay?.AddDays(1);
        command.Parameters.AddWithValue("zone", state.TimeZone);
        command.Parameters.AddWithValue("source", state.Source);
        command.Parameters.Add(new NpgsqlParameter("day", NpgsqlDbType.Date) { Value = day ?? DateOnly.MinValue });
        command.Parameters.AddWithValue("chunk", options.Value.DriftChunkOrders);
        await using var reader = await command.ExecuteReaderAsync(run.Stopping);
        if (!await reader.ReadAsync(run.Stopping))
        {
            return null;
        }
        return new Chunk(reader.GetFieldValue<DateOnly>(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateOnly>(1));
    }

    /// <summary>The keys of the chunk whose rows differ from the recompute, but for keys still queued.</summary>
    private static async Task<List<DailySalesKey>> CompareAsync(SyncRunContext run, NpgsqlTransaction transaction, State state, Chunk chunk)
    {
        await using var command = new NpgsqlCommand($"""
            WITH truth AS (
                SELECT f.* FROM {SalesSource.RecomputeFunction(state.Source)}(@zone, NULL, @from, @to) f
            ),
            kept AS (
                SELECT * FROM daily_sales WHERE source = @source AND day >= @from AND (@to IS NULL OR day <= @to)
            ),
            queued AS (
                SELECT DISTINCT account_id, event_id, (at AT TIME ZONE @zone)::date AS day
                FROM daily_sales_queue WHERE source = @source
            )
            SELECT d.account_id, d.event_id, d.day
            FROM (
                SELECT coalesce(t.account_id, k.account_id) AS account_id, coalesce(t.event_id, k.event_id) AS event_id,
                       coalesce(t.day, k.day) AS day
                FROM truth t
                FULL JOIN kept k
                    ON k.account_id = t.account_id AND k.day = t.day AND k.event_id = t.event_id AND k.show_id = t.show_id
                WHERE (t.paid_orders, t.tickets_sold, t.gross, t.ticket_revenue, t.service_fees, t.refunded_tickets, t.refunds)
                      IS DISTINCT FROM
                      (k.paid_orders, k.tickets_sold, k.gross, k.ticket_revenue, k.service_fees, k.refunded_tickets, k.refunds)
            ) d
            WHERE NOT EXISTS (SELECT 1 FROM queued q
                              WHERE q.account_id = d.account_id AND q.event_id = d.event_id AND q.day = d.day)
            """, run.Connection, transaction);
        command.Parameters.AddWithValue("zone", state.TimeZone);
        command.Parameters.AddWithValue("source", state.Source);
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = chunk.From });
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Date) { Value = chunk.To is { } to ? to : DBNull.Value });
        var keys = new List<DailySalesKey>();
        await using var reader = await command.ExecuteReaderAsync(run.Stopping);
        while (await reader.ReadAsync(run.Stopping))
        {
            // One entry per differing row (a key has a row per show): the count is of rows, the repair of keys.
            keys.Add(new DailySalesKey(reader.GetInt32(0), reader.GetInt64(1), reader.GetFieldValue<DateOnly>(2), state.TimeZone, state.Source));
        }
        return keys;
    }

    private static async Task SaveProgressAsync(SyncRunContext run, NpgsqlTransaction transaction, string source, DateOnly? afterDay, int differing)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE daily_sales_state
            SET drift_source = @source, drift_after_day = @after, drift_differing = drift_differing + @differing
            WHERE id = 1
            """, run.Connection, transaction);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Date) { Value = afterDay is { } day ? day : DBNull.Value });
        command.Parameters.AddWithValue("differing", differing);
        await command.ExecuteNonQueryAsync(run.Stopping);
    }

    private static async Task ExecuteAsync(SyncRunContext run, NpgsqlTransaction transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, run.Connection, transaction);
        await command.ExecuteNonQueryAsync(run.Stopping);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Daily sales drift check: {Source} days {From} to {To} checked, {Rows} row(s) repaired")]
    private static partial void LogChunk(ILogger logger, string source, DateOnly from, DateOnly? to, int rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Daily sales drift: {Rows} row(s) differed from the recompute and were repaired ({Chunks} chunk(s) in this run)")]
    private static partial void LogRepaired(ILogger logger, int rows, int chunks);

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily sales drift check: the table equals the recompute ({Chunks} chunk(s) in this run)")]
    private static partial void LogClean(ILogger logger, int chunks);

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily sales drift check skipped: the table is being rebuilt for time zone {TimeZone}")]
    private static partial void LogRebuilding(ILogger logger, string timeZone);
}
