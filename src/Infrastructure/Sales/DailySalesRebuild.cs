using Microsoft.Extensions.Logging;
using Npgsql;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Infrastructure.Sales;

/// <summary>
/// Rebuilds <c>daily_sales</c> for a new <c>Sales:TimeZone</c>, one event per transaction (every source's, one source
/// after the other) with the last finished (source, account, event) recorded in <c>daily_sales_state</c>, so a
/// stopped rebuild resumes where it stopped and the folder waits for one event's recompute at most. While it runs,
/// the folder computes each event in the zone its rows are in, and reads are answered from the recompute.
/// </summary>
public sealed partial class DailySalesRebuild
{
    /// <summary>
    /// Records that the table must follow <paramref name="timeZone"/>; true when a rebuild is (still) due.
    /// A rebuild already heading for that zone keeps its progress.
    /// </summary>
    public static async Task<bool> RequestAsync(NpgsqlDataSource dataSource, string timeZone, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand("""
            WITH changed AS (
                UPDATE daily_sales_state
                SET rebuild_to = $1, rebuild_after_source = NULL, rebuild_after_account = NULL, rebuild_after_event = NULL, rebuild_started_at = now(),
                    -- A drift check's cursor is of days in the old zone: the next check starts over.
                    drift_source = NULL, drift_after_day = NULL, drift_differing = 0, drift_started_at = NULL
                WHERE id = 1 AND coalesce(rebuild_to, time_zone) <> $1
                RETURNING rebuild_to
            )
            SELECT coalesce((SELECT rebuild_to FROM changed), (SELECT rebuild_to FROM daily_sales_state WHERE id = 1)) IS NOT NULL
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = timeZone });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task RunAsync(SyncRunContext run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var events = 0;
        while (true)
        {
            run.Stopping.ThrowIfCancellationRequested();
            await using var transaction = await run.Connection.BeginTransactionAsync(run.Stopping);
            await DailySalesKeys.LockAsync(run.Connection, transaction, run.Stopping);
            var cursor = await ReadCursorAsync(run, transaction);
            if (cursor is null)
            {
                await transaction.CommitAsync(run.Stopping);
                LogNothingToDo(run.Logger);
                return;
            }
            var (target, source, after) = cursor.Value;
            if (await NextEventAsync(run, transaction, source, after) is { } id)
            {
                await ExecuteAsync(run, transaction,
                    "DELETE FROM daily_sales WHERE source = @source AND account_id = @account AND event_id = @event", source, id, target);
                var rows = await ExecuteAsync(run, transaction, $"""
                    INSERT INTO daily_sales (source, account_id, day, event_id, show_id, paid_orders, tickets_sold, gross,
                                             ticket_revenue, service_fees, refunded_tickets, refunds)
                    SELECT @source, f.account_id, f.day, f.event_id, f.show_id, f.paid_orders, f.tickets_sold, f.gross,
                           f.ticket_revenue, f.service_fees, f.refunded_tickets, f.refunds
                    FROM {SalesSource.RecomputeFunction(source)}(@zone, @event, NULL, NULL, @account) f
                    """, source, id, target);
                await ExecuteAsync(run, transaction, """
                    UPDATE daily_sales_state
                    SET rebuild_after_source = @source, rebuild_after_account = @account, rebuild_after_event = @event
                    WHERE id = 1
                    """, source, id, target);
                await transaction.CommitAsync(run.Stopping);
                events++;
                LogEvent(run.Logger, source, id.AccountId, id.EventId, rows, target);
                continue;
            }
            var index = SalesSource.All.ToList().IndexOf(source);
            if (index + 1 < SalesSource.All.Count)
            {
                // The source is done; the next starts before its first event.
                await ExecuteAsync(run, transaction, """
                    UPDATE daily_sales_state SET rebuild_after_source = @source, rebuild_after_account = NULL, rebuild_after_event = NULL
                    WHERE id = 1
                    """, SalesSource.All[index + 1], default, target);
                await transaction.CommitAsync(run.Stopping);
                continue;
            }
            await ExecuteAsync(run, transaction, """
                UPDATE daily_sales_state
                SET time_zone = rebuild_to, rebuild_to = NULL, rebuild_after_source = NULL, rebuild_after_account = NULL,
                    rebuild_after_event = NULL, rebuilt_at = now()
                WHERE id = 1
                """, source, default, target);
            await transaction.CommitAsync(run.Stopping);
            LogFinished(run.Logger, target, events);
            return;
        }
    }

    /// <summary>
    /// The zone being rebuilt for, the source being walked (sources in <see cref="SalesSource.All"/> order, which
    /// is their names' order: the folder compares the cursor as a row) and its last finished event; null when
    /// nothing is to do.
    /// </summary>
    private static async Task<(string Target, string Source, AccountEvent? After)?> ReadCursorAsync(SyncRunContext run, NpgsqlTransaction transaction)
    {
        await using var command = new NpgsqlCommand(
            "SELECT rebuild_to, rebuild_after_source, rebuild_after_account, rebuild_after_event FROM daily_sales_state WHERE id = 1",
            run.Connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(run.Stopping);
        if (!await reader.ReadAsync(run.Stopping) || reader.IsDBNull(0))
        {
            return null;
        }
        var source = reader.IsDBNull(1) ? SalesSource.All[0] : reader.GetString(1);
        AccountEvent? after = reader.IsDBNull(2) ? null : new AccountEvent(reader.GetInt32(2), reader.GetInt64(3));
        return (reader.GetString(0), source, after);
    }

    /// <summary>The source's next (account, event) after <paramref name="after"/>, among its own events and the table's rows.</summary>
    private static async Task<AccountEvent?> NextEventAsync(SyncRunContext run, NpgsqlTransaction transaction, string source, AccountEvent? after)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT e.account_id, e.event_id FROM (
                (SELECT o.account_id, o.event_id FROM ({SalesSource.Events(source)}) o
                 WHERE (o.account_id, o.event_id) > (@account, @event)
                 ORDER BY o.account_id, o.event_id LIMIT 1)
                UNION ALL
                (SELECT d.account_id, d.event_id FROM daily_sales d
                 WHERE d.source = @source AND (d.account_id, d.event_id) > (@account, @event)
                 ORDER BY d.account_id, d.event_id LIMIT 1)) e
            ORDER BY e.account_id, e.event_id LIMIT 1
            """, run.Connection, transaction);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("account", after?.AccountId ?? int.MinValue);
        command.Parameters.AddWithValue("event", after?.EventId ?? long.MinValue);
        await using var reader = await command.ExecuteReaderAsync(run.Stopping);
        return await reader.ReadAsync(run.Stopping) ? new AccountEvent(reader.GetInt32(0), reader.GetInt64(1)) : null;
    }

    private readonly record struct AccountEvent(int AccountId, long EventId);

    private static async Task<int> ExecuteAsync(SyncRunContext run, NpgsqlTransaction transaction, string sql, string source, AccountEvent key, string zone)
    {
        await using var command = new NpgsqlCommand(sql, run.Connection, transaction);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("account", key.AccountId);
        command.Parameters.AddWithValue("event", key.EventId);
        command.Parameters.AddWithValue("zone", zone);
        return await command.ExecuteNonQueryAsync(run.Stopping);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily sales rebuild: {Source} event {EventId} of account {AccountId} recomputed ({Rows} row(s)) in {TimeZone}")]
    private static partial void LogEvent(ILogger logger, string source, int accountId, long eventId, int rows, string timeZone);

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily sales rebuild for {TimeZone} finished after {Events} event(s) in this run")]
    private static partial void LogFinished(ILogger logger, string timeZone, int events);

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily sales rebuild: the table already follows the configured time zone")]
    private static partial void LogNothingToDo(ILogger logger);
}
