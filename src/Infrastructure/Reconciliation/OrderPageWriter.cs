using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Qtickets;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>
/// Commits one page of orders in one transaction together with the run's progress and whatever state the job
/// keeps beside it (watermark, checkpoint, seen ids), so none of them can run ahead of the data. One order
/// cannot stop a page: one stamped too far in the future is quarantined, one the database refuses and a row that
/// cannot be read are recorded as failed (see <see cref="SetAsideOrders"/>), and the rest of the page is written
/// all the same.
/// </summary>
public sealed partial class OrderPageWriter(
    OrderUpserter upserter,
    SyncRunLedger ledger,
    ReconcileMetrics metrics,
    SetAsideOrders setAside,
    IOptions<QticketsOptions> qtickets,
    TimeProvider time)
{
    /// <remarks>
    /// The page is written with <see cref="CancellationToken.None"/>: once fetched, a page is finished even
    /// when the host is stopping; the stop takes effect before the next page is fetched.
    /// </remarks>
    public async Task<PageCounts> WriteAsync(
        SyncRunContext run,
        IReadOnlyList<Order> orders,
        string source,
        Func<NpgsqlTransaction, Task>? alongside = null,
        int pages = 1,
        IReadOnlyList<UnreadableRow>? unreadable = null)
    {
        await using var transaction = await run.Connection.BeginTransactionAsync(CancellationToken.None);
        var setAsideCount = 0;
        foreach (var row in unreadable ?? [])
        {
            await setAside.RecordUnreadableAsync(run.Connection, transaction, run.AccountId, row, CancellationToken.None);
            LogUnreadableSetAside(run.Logger, row.Id, row.Reason);
            setAsideCount++;
        }
        var believable = new List<Order>(orders.Count);
        var now = time.GetUtcNow();
        foreach (var order in orders)
        {
            if (FutureStamp.IsTooFarAhead(order.SourceUpdatedAt, now, qtickets.Value.MaxFutureSkew))
            {
                var reason = $"updated_at {order.SourceUpdatedAt:O} is more than {qtickets.Value.MaxFutureSkew} ahead of {now:O}; release it to apply it anyway";
                await setAside.RecordAsync(run.Connection, transaction, run.AccountId, order, DeliveryStatuses.Quarantined, reason, CancellationToken.None);
                LogSetAside(run.Logger, order.Id, DeliveryStatuses.Quarantined, reason);
                setAsideCount++;
                continue;
            }
            believable.Add(order);
        }
        var result = await UpsertIsolatingAsync(run, transaction, believable, source);
        var counts = PageCounts.From(result) with { SetAside = setAsideCount + (believable.Count - result.Orders.Count), LoadsHistory = run.LoadsHistory };
        await ledger.RecordPageAsync(run.Connection, transaction, run.RunId, counts, pages, CancellationToken.None);
        if (alongside is not null)
        {
            await alongside(transaction);
        }
        await transaction.CommitAsync(CancellationToken.None);
        metrics.PageCommitted(run, pages, counts);
        return counts;
    }

    /// <summary>
    /// The page in one statement; should the database refuse it, order by order under savepoints, so only the
    /// order it refuses is set aside.
    /// </summary>
    private async Task<UpsertResult> UpsertIsolatingAsync(SyncRunContext run, NpgsqlTransaction transaction, List<Order> orders, string source)
    {
        await transaction.SaveAsync("page", CancellationToken.None);
        try
        {
            return await upserter.UpsertAsync(run.Connection, transaction, run.AccountId, orders, source, ChangeOrigin.OfRun(run.Kind, run.RunId), CancellationToken.None);
        }
        catch (Exception exception) when (IsRefusal(exception))
        {
            await transaction.RollbackAsync("page", CancellationToken.None);
        }
        var outcomes = new List<OrderUpsertOutcome>(orders.Count);
        foreach (var order in orders)
        {
            await transaction.SaveAsync("one_order", CancellationToken.None);
            try
            {
                outcomes.AddRange((await upserter.UpsertAsync(run.Connection, transaction, run.AccountId, [order], source, ChangeOrigin.OfRun(run.Kind, run.RunId), CancellationToken.None)).Orders);
            }
            catch (Exception exception) when (IsRefusal(exception))
            {
                await transaction.RollbackAsync("one_order", CancellationToken.None);
                var reason = $"apply failed: {(exception is PostgresException refused ? refused.MessageText : exception.Message)}";
                await setAside.RecordAsync(run.Connection, transaction, run.AccountId, order, DeliveryStatuses.Failed, reason, CancellationToken.None);
                LogSetAside(run.Logger, order.Id, DeliveryStatuses.Failed, reason);
            }
        }
        return new UpsertResult(outcomes);
    }

    /// <summary>
    /// The database refused the data (a NUL in a name, a lone surrogate jsonb will not take), or Npgsql could not
    /// encode a string for it; either is about the orders sent, not the connection, which stays usable.
    /// </summary>
    private static bool IsRefusal(Exception exception) => exception is PostgresException or EncoderFallbackException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unreadable order row {OrderId} set aside from its page as failed: {Reason}")]
    private static partial void LogUnreadableSetAside(ILogger logger, long? orderId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} set aside from its page as {Status}: {Reason}")]
    private static partial void LogSetAside(ILogger logger, long orderId, string status, string reason);
}
