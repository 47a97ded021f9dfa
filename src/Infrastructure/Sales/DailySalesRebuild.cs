using Microsoft.Extensions.Logging;
using Npgsql;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Infrastructure.Sales;

/// <summary>
/// Rebuilds <c>daily_sales</c> for a new <c>Sales:TimeZone</c>, one event per transaction with the last finished
/// event recorded in <c>daily_sales_state</c>, so a stopped rebuild resumes where it stopped. While it runs,
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
                SET rebuild_to = $1, rebuild_after_account = NULL, rebuild_after_event = NULL, rebuild_started_at = now()
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
            var (target, next) = await NextEventAsync(run, transaction);
            if (target is null)
            {
                await transaction.CommitAsync(run.Stopping);
                LogNothingToDo(run.Logger);
                return;
            }
            if (next is { } id)
            {
                await ExecuteAsync(run, transaction,
                    "DELETE FROM daily_sales WHERE source = @source AND account_id = @account AND event_id = @event", id, target);
                var rows = await ExecuteAsync(run, transaction, """
                    INSERT INTO daily_sales (source, account_id, day, event_id, show_id, paid_orders, tickets_sold, gross,
                                             ticket_revenue, service_fees, refunded_tickets, refunds)
                    SELECT @source, f.account_id, f.day, f.event_id, f.show_id, f.paid_orders, f.tickets_sold, f.gross,
                           f.ticket_revenue, f.service_fees, f.refunded_tickets, f.refunds
                    FROM qtickets_daily_sales(@zone, @event, NULL, NULL, @account) f
                    """, id, target);
                await ExecuteAsync(run, transaction,
                    "UPDATE daily_sales_state SET rebuild_after_account = @account, rebuild_after_event = @event WHERE id = 1", id, target);
                await transaction.CommitAsync(run.Stopping);
                events++;
                LogEvent(run.Logger, id.AccountId, id.EventId, rows, target);
                continue;
            }
            // Ticketscloud's rows are fewer: they move to the new zone at once, in the transaction that switches it.
            await using (var ticketscloud = new NpgsqlCommand($"""
                DELETE FROM daily_sales WHERE source = @source;
                INSERT INTO daily_sales (source, account_id, day, event_id, show_id, paid_orders, tickets_sold, gross,
                                         ticket_revenue, service_fees, refunded_tickets, refunds)
                SELECT @source, f.account_id, f.day, f.event_id, f.show_id, f.paid_orders, f.tickets_sold, f.gross,
                       f.ticket_revenue, f.service_fees, f.refunded_tickets, f.refunds
                FROM {SalesSource.RecomputeFunction(SalesSource.Ticketscloud)}(@zone) f;
                """, run.Connection, transaction))
            {
                ticketscloud.Parameters.AddWithValue("source", SalesSource.Ticketscloud);
                ticketscloud.Parameters.AddWithValue("zone", target);
                await ticketscloud.ExecuteNonQueryAsync(run.Stopping);
            }
            await ExecuteAsync(run, transaction, """
                UPDATE daily_sales_state
                SET time_zone = rebuild_to, rebuild_to = NULL, rebuild_after_account = NULL, rebuild_after_event = NULL,
                    rebuilt_at = now()
                WHERE id = 1
                """, default, target);
            await transaction.CommitAsync(run.Stopping);
            LogFinished(run.Logger, target, events);
            return;
        }
    }

    /// <summary>The zone being rebuilt for (null: nothing to do) and the next (account, event) after the recorded progress.</summary>
    private static async Task<(string? Target, AccountEvent? Next)> NextEventAsync(SyncRunContext run, NpgsqlTransaction transaction)
    {
        await using var command = new NpgsqlCommand("""
            SELECT s.rebuild_to, n.account_id, n.event_id
            FROM (SELECT rebuild_to, coalesce(rebuild_after_account, -2147483648) AS after_account,
                         coalesce(rebuild_after_event, -9223372036854775808) AS after_event
                  FROM daily_sales_state WHERE id = 1) s
            LEFT JOIN LATERAL (
                SELECT e.account_id, e.event_id FROM (
                    (SELECT o.account_id, o.event_id FROM qtickets_orders o
                     WHERE (o.account_id, o.event_id) > (s.after_account, s.after_event)
                     ORDER BY o.account_id, o.event_id LIMIT 1)
                    UNION ALL
                    (SELECT d.account_id, d.event_id FROM daily_sales d
                     WHERE d.source = 'qtickets' AND (d.account_id, d.event_id) > (s.after_account, s.after_event)
                     ORDER BY d.account_id, d.event_id LIMIT 1)) e
                ORDER BY e.account_id, e.event_id LIMIT 1) n ON true
            """, run.Connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(run.Stopping);
        if (!await reader.ReadAsync(run.Stopping) || reader.IsDBNull(0))
        {
            return (null, null);
        }
        return (reader.GetString(0), reader.IsDBNull(1) ? null : new AccountEvent(reader.GetInt32(1), reader.GetInt64(2)));
    }

    private readonly record struct AccountEvent(int AccountId, long EventId);

    private static async Task<int> ExecuteAsync(SyncRunContext run, NpgsqlTransaction transaction, string sql, AccountEvent key, string zone)
    {
        await using var command = new NpgsqlCommand(sql, run.Connection, transaction);
        command.Parameters.AddWithValue("source", DailySalesKeys.Source);
        command.Parameters.AddWithValue("account", key.AccountId);
        command.Parameters.AddWithValue("event", key.EventId);
        command.Parameters.AddWithValue("zone", zone);
        return await command.ExecuteNonQueryAsync(run.Stopping);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily sales rebuild: event {EventId} of account {AccountId} recomputed ({Rows} row(s)) in {TimeZone}")]
    private static partial void LogEvent(ILogger logger, int accountId, long eventId, int rows, string timeZone);

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily sales rebuild for {TimeZone} finished after {Events} event(s) in this run")]
    private static partial void LogFinished(ILogger logger, string timeZone, int events);

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily sales rebuild: the table already follows the configured time zone")]
    private static partial void LogNothingToDo(ILogger logger);
}
