using Npgsql;
using NpgsqlTypes;

namespace Qtickets.Sync.Infrastructure.Sales;

/// <summary>
/// Replaces the rows of (account, event, day) keys in <c>daily_sales</c> with a recompute of exactly those keys — the
/// one way the table is written (fold, drift repair, rebuild). Callers hold <see cref="LockAsync"/> in the same
/// transaction, so only one writer ever touches the table's rows and no two can deadlock over them.
/// </summary>
public static class DailySalesKeys
{
    public const string Source = "qtickets";

    /// <summary>The table's writers take this transaction-scoped lock first; webhook and reconcile writers never do.</summary>
    public static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('qtickets_sync:daily_sales'))", connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task ReplaceAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<DailySalesKey> keys, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var source in keys.GroupBy(k => k.Source).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            await ReplaceAsync(connection, transaction, source.Key, [.. source], ct);
        }
    }

    private static async Task ReplaceAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string source, IReadOnlyList<DailySalesKey> keys, CancellationToken ct)
    {
        var sorted = keys.Distinct().OrderBy(k => k.AccountId).ThenBy(k => k.EventId).ThenBy(k => k.Day).ToList();
        var accounts = sorted.Select(k => k.AccountId).ToArray();
        var events = sorted.Select(k => k.EventId).ToArray();
        var days = sorted.Select(k => k.Day).ToArray();
        var zones = sorted.Select(k => k.TimeZone).ToArray();

        await using (var delete = new NpgsqlCommand("""
            DELETE FROM daily_sales d
            USING unnest(@accounts, @events, @days) AS k(account_id, event_id, day)
            WHERE d.source = @source AND d.account_id = k.account_id AND d.event_id = k.event_id AND d.day = k.day
            """, connection, transaction))
        {
            AddKeys(delete, source, accounts, events, days);
            await delete.ExecuteNonQueryAsync(ct);
        }
        await using var insert = new NpgsqlCommand($"""
            INSERT INTO daily_sales (source, account_id, day, event_id, show_id, paid_orders, tickets_sold, gross, ticket_revenue,
                                     service_fees, refunded_tickets, refunds)
            SELECT @source, f.account_id, f.day, f.event_id, f.show_id, f.paid_orders, f.tickets_sold, f.gross,
                   f.ticket_revenue, f.service_fees, f.refunded_tickets, f.refunds
            FROM unnest(@accounts, @events, @days, @zones) AS k(account_id, event_id, day, tz)
            CROSS JOIN LATERAL {SalesSource.RecomputeFunction(source)}(k.tz, k.event_id, k.day, k.day, k.account_id) f
            """, connection, transaction);
        AddKeys(insert, source, accounts, events, days);
        insert.Parameters.Add(new NpgsqlParameter("zones", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = zones });
        await insert.ExecuteNonQueryAsync(ct);
    }

    private static void AddKeys(NpgsqlCommand command, string source, int[] accounts, long[] events, DateOnly[] days)
    {
        command.Parameters.Add(new NpgsqlParameter("accounts", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = accounts });
        command.Parameters.Add(new NpgsqlParameter("events", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = events });
        command.Parameters.Add(new NpgsqlParameter("days", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = days });
        command.Parameters.Add(new NpgsqlParameter("source", NpgsqlDbType.Text) { Value = source });
    }
}
