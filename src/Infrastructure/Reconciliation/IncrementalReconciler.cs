using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Qtickets;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>
/// Lists paid orders changed since the watermark (less an overlap) and upserts them page by page; the
/// watermark moves to the newest <c>updated_at</c> of each page in that page's transaction.
/// </summary>
/// <remarks>
/// Paging by <c>updated_at</c> can shift a row across a page boundary when an order changes mid-walk; the
/// changed order reappears later in the walk or in the next run, and the rare neighbour skipped by the shift
/// is caught by the nightly full sweep.
/// </remarks>
public sealed partial class IncrementalReconciler(
    IQticketsClient client,
    OrderPageWriter writer,
    SyncStateStore state,
    SyncRunLedger ledger,
    IOptions<ReconcileOptions> options,
    IOptions<QticketsOptions> qtickets,
    TimeProvider time)
{
    public async Task RunAsync(SyncRunContext run)
    {
        var settings = options.Value;
        var (watermark, _) = await state.ReadAsync(SyncStateKeys.OrdersWatermark, run.Stopping);
        var since = watermark is { } mark
            ? mark - settings.Overlap
            : time.GetUtcNow().AddHours(-settings.InitialHorizonHours);
        await ledger.SetSinceAsync(run.RunId, since, run.Stopping);
        LogWalking(run.Logger, since, watermark);

        var query = new OrderListQuery
        {
            PaidOnly = true,
            UpdatedSince = since,
            OrderBy = OrderListOrder.UpdatedAt,
            PageSize = settings.PageSize,
        };
        await foreach (var page in client.ListOrdersAsync(query, run.Stopping).ReadAhead(2, run.Stopping))
        {
            // A quarantined order (stamped too far ahead) must not drag the watermark into the future with it.
            var now = time.GetUtcNow();
            var newest = page.Orders
                .Where(o => !FutureStamp.IsTooFarAhead(o.UpdatedAt, now, qtickets.Value.MaxFutureSkew))
                .Select(o => (DateTimeOffset?)o.UpdatedAt)
                .Max();
            var counts = await writer.WriteAsync(run, page.Orders, OrderSources.Reconcile, newest is { } n
                ? tx => state.AdvanceWatermarkAsync(run.Connection, tx, SyncStateKeys.OrdersWatermark, n, CancellationToken.None)
                : null);
            LogPage(run.Logger, page.Page, counts.Seen, counts.GapsHealed, page.RejectedByFilter);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Incremental reconcile from {Since:O} (watermark {Watermark:O})")]
    private static partial void LogWalking(ILogger logger, DateTimeOffset since, DateTimeOffset? watermark);

    [LoggerMessage(Level = LogLevel.Information, Message = "Page {Page} committed: {Seen} orders, {Healed} gaps healed, {Rejected} rows rejected by the filter check")]
    private static partial void LogPage(ILogger logger, int page, int seen, int healed, int rejected);
}
