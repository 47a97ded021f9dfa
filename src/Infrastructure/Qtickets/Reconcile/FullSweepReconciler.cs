using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Infrastructure.Qtickets.Reconcile;

/// <summary>
/// Walks every paid order of the horizon, then asks QTickets about each stored paid order it did not list:
/// the fetched truth (cancelled, refunded) is upserted, a 404 marks the order upstream-missing with a reason.
/// </summary>
/// <remarks>
/// Ids seen are kept in a temporary table on the run's own connection, filled in each page's transaction, and
/// compared with one anti-join at the end, so memory stays flat however many orders the horizon holds.
/// </remarks>
public sealed partial class FullSweepReconciler(
    QticketsClients clients,
    OrderPageWriter writer,
    SyncRunLedger ledger,
    IOptions<ReconcileOptions> options,
    TimeProvider time)
{
    public async Task RunAsync(SyncRunContext run)
    {
        var client = clients.For(run.RequireAccount());
        var settings = options.Value;
        var since = time.GetUtcNow().AddDays(-settings.FullSweepHorizonDays);
        await ledger.SetSinceAsync(run.RunId, since, run.Stopping);
        await ExecuteAsync(run.Connection, null, "DROP TABLE IF EXISTS sweep_seen; CREATE TEMP TABLE sweep_seen (id bigint PRIMARY KEY)", run.Stopping);
        try
        {
            var query = new OrderListQuery { PaidOnly = true, UpdatedSince = since, OrderBy = OrderListOrder.Id, PageSize = settings.PageSize };
            await foreach (var page in client.ListOrdersAsync(query, run.Stopping).ReadAhead(2, run.Stopping))
            {
                // An unreadable row with an id was listed all the same: fetching it again would read no better.
                var ids = page.Orders.Select(o => o.Id).Concat(page.Unreadable.Where(r => r.Id is not null).Select(r => r.Id!.Value)).ToArray();
                await writer.WriteAsync(run, page.Orders, OrderSources.Reconcile, tx => RememberAsync(run.Connection, tx, ids),
                    unreadable: page.Unreadable);
            }

            var unlisted = await UnlistedAsync(run.Connection, run.AccountId, since, run.Stopping);
            LogUnlisted(run.Logger, unlisted.Count);
            foreach (var id in unlisted)
            {
                await CheckAsync(client, run, id);
            }
        }
        finally
        {
            if (run.Connection.State == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(run.Connection, null, "DROP TABLE IF EXISTS sweep_seen", CancellationToken.None);
            }
        }
    }

    private async Task CheckAsync(IQticketsClient client, SyncRunContext run, long id)
    {
        Order? truth;
        try
        {
            truth = await client.GetOrderAsync(id, run.Stopping);
        }
        catch (UnreadableOrderException exception)
        {
            // One answer that cannot be read is set aside like a listed row; the sweep checks the next order.
            await writer.WriteAsync(run, [], OrderSources.Fetch, pages: 0, unreadable: [exception.Row with { Id = exception.Row.Id ?? id }]);
            return;
        }
        if (truth is not null)
        {
            var counts = await writer.WriteAsync(run, [truth], OrderSources.Fetch, pages: 0);
            LogFetched(run.Logger, id, truth.Payed, truth.DeletedAt is not null, counts.GapsHealed > 0);
            return;
        }
        var reason = $"not listed as paid by QTickets on {time.GetUtcNow():yyyy-MM-dd}; GET /orders/{id} returned 404";
        await using var transaction = await run.Connection.BeginTransactionAsync(CancellationToken.None);
        await using (var mark = new NpgsqlCommand("""
            UPDATE qtickets_orders SET upstream_missing_at = @now, upstream_missing_reason = @reason
            WHERE account_id = @account AND id = @id AND upstream_missing_at IS NULL
            """, run.Connection, transaction))
        {
            mark.Parameters.AddWithValue("account", run.AccountId);
            mark.Parameters.AddWithValue("id", id);
            mark.Parameters.AddWithValue("now", time.GetUtcNow());
            mark.Parameters.AddWithValue("reason", reason);
            await mark.ExecuteNonQueryAsync(CancellationToken.None);
        }
        await ledger.RecordPageAsync(run.Connection, transaction, run.RunId, new PageCounts(0, 0, 0, 0, 1), 0, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        LogMissing(run.Logger, id, reason);
    }

    private static async Task RememberAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long[] ids)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO sweep_seen (id) SELECT unnest(@ids) ON CONFLICT DO NOTHING", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids });
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>Stored paid, live orders of the horizon that the walk did not see.</summary>
    private static async Task<List<long>> UnlistedAsync(NpgsqlConnection connection, int accountId, DateTimeOffset since, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT o.id FROM qtickets_orders o
            WHERE o.account_id = @account AND o.payed AND o.deleted_at IS NULL AND o.upstream_missing_at IS NULL AND o.updated_at >= @since
              AND NOT EXISTS (SELECT 1 FROM sweep_seen s WHERE s.id = o.id)
            ORDER BY o.id
            """, connection);
        command.Parameters.AddWithValue("account", accountId);
        command.Parameters.AddWithValue("since", since.ToUniversalTime());
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetInt64(0));
        }
        return ids;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Full sweep: {Count} stored paid orders were not listed; checking each")]
    private static partial void LogUnlisted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} fetched: payed {Payed}, deleted {Deleted}, mirror corrected {Corrected}")]
    private static partial void LogFetched(ILogger logger, long orderId, bool payed, bool deleted, bool corrected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} marked upstream-missing: {Reason}")]
    private static partial void LogMissing(ILogger logger, long orderId, string reason);
}
