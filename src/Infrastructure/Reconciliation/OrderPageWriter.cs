using Npgsql;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>
/// Commits one page of orders in one transaction together with the run's progress and whatever state the job
/// keeps beside it (watermark, checkpoint, seen ids), so none of them can run ahead of the data.
/// </summary>
public sealed class OrderPageWriter(OrderUpserter upserter, SyncRunLedger ledger, ReconcileMetrics metrics)
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
        int pages = 1)
    {
        await using var transaction = await run.Connection.BeginTransactionAsync(CancellationToken.None);
        var result = await upserter.UpsertAsync(run.Connection, transaction, orders, source, CancellationToken.None);
        var counts = PageCounts.From(result);
        await ledger.RecordPageAsync(run.Connection, transaction, run.RunId, counts, pages, CancellationToken.None);
        if (alongside is not null)
        {
            await alongside(transaction);
        }
        await transaction.CommitAsync(CancellationToken.None);
        metrics.PageCommitted(run.Kind, pages, counts);
        return counts;
    }
}
