using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Infrastructure.Qtickets.Reconcile;

/// <summary>
/// Loads every paid order changed since a date, in id order, checkpointing the page number in each page's
/// transaction so a run stopped anywhere continues with the next page.
/// </summary>
/// <remarks>
/// Id order keeps page numbers stable while new orders arrive (they append at the end). An order that changes
/// mid-walk can shift the offset by one; the upsert is idempotent and the incremental run sees the changed
/// order, so a resumed backfill neither duplicates nor loses rows.
/// </remarks>
public sealed partial class BackfillReconciler(
    QticketsClients clients,
    OrderPageWriter writer,
    SyncStateStore state,
    IOptions<ReconcileOptions> options)
{
    public async Task RunAsync(SyncRunContext run)
    {
        run = run.LoadingHistory();
        var key = SyncStateKeys.BackfillCheckpoint(run.RunId);
        var client = clients.For(run.RequireAccount());
        var (checkpointSince, lastPage) = await state.ReadAsync(run.AccountId, key, run.Stopping);
        var since = checkpointSince ?? run.Since
            ?? throw new InvalidOperationException($"Backfill run {run.RunId} has no start date.");
        var startPage = (lastPage ?? 0) + 1;
        if (lastPage is { } done)
        {
            LogResuming(run.Logger, done, since);
        }

        var query = new OrderListQuery
        {
            PaidOnly = true,
            UpdatedSince = since,
            OrderBy = OrderListOrder.Id,
            StartPage = startPage,
            PageSize = options.Value.PageSize,
        };
        await foreach (var page in client.ListOrdersAsync(query, run.Stopping).ReadAhead(2, run.Stopping))
        {
            var counts = await writer.WriteAsync(run, page.Orders, OrderSources.Reconcile,
                tx => state.WriteCheckpointAsync(run.Connection, tx, run.AccountId, key, page.Page, since, CancellationToken.None),
                unreadable: page.Unreadable);
            LogPage(run.Logger, page.Page, counts.Seen, counts.GapsHealed, counts.SetAside);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backfill resumes after committed page {Page} (since {Since:O})")]
    private static partial void LogResuming(ILogger logger, int page, DateTimeOffset since);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backfill page {Page} committed: {Seen} orders, {Healed} gaps healed, {SetAside} set aside")]
    private static partial void LogPage(ILogger logger, int page, int seen, int healed, int setAside);
}
