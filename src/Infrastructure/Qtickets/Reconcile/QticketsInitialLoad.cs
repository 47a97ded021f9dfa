using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Infrastructure.Qtickets.Reconcile;

/// <summary>
/// A QTickets account's first sync: every order of the history (<see cref="ReconcileOptions.InitialHorizonHours"/>,
/// everything by default), paid or not, page by page in id order, a checkpoint committed with each page.
/// </summary>
/// <remarks>
/// Id order is what the production server serves anyway (it ignores filters and order, ADR 0004) and keeps page
/// numbers stable while orders are added (they append at the end), so a resumed load continues with the next page
/// and one request reads one page. Once the listing is read to its end, the watermark moves to the load's start:
/// a change made during the load carries a later <c>updated_at</c>, so the incremental runs that take over see it.
/// </remarks>
public sealed partial class QticketsInitialLoad(
    QticketsClients clients,
    OrderPageWriter writer,
    InitialLoadStore loads,
    SyncStateStore state,
    SyncRunLedger ledger,
    IOptions<ReconcileOptions> options) : IInitialLoad
{
    public async Task RunAsync(SyncRunContext run, InitialLoadCheckpoint pending)
    {
        var client = clients.For(run.RequireAccount());
        var settings = options.Value;
        var load = pending.Reaching(TimeSpan.FromHours(settings.InitialHorizonHours));
        if (load.From is { } from)
        {
            await ledger.SetSinceAsync(run.RunId, from, run.Stopping);
        }
        LogLoading(run.Logger, load.From, load.Page);

        var query = new OrderListQuery
        {
            UpdatedSince = load.From,
            OrderBy = OrderListOrder.Id,
            StartPage = load.Page + 1,
            PageSize = settings.PageSize,
        };
        await foreach (var page in client.ListOrdersAsync(query, run.Stopping).ReadAhead(2, run.Stopping))
        {
            // The listing's pages as QTickets counts them: paging.total at the page size it serves.
            var next = load.After(page.Page, InitialLoadCheckpoint.PagesOf(page.Total, page.PerPage));
            var counts = await writer.WriteAsync(run, page.Orders, OrderSources.Reconcile,
                tx => loads.WriteAsync(run.Connection, tx, run.AccountId, next), unreadable: page.Unreadable);
            load = next;
            LogPage(run.Logger, load.Progress, counts.Seen, counts.SetAside);
        }

        var done = load with { Done = true };
        await writer.WriteAsync(run, [], OrderSources.Reconcile, async tx =>
        {
            await loads.WriteAsync(run.Connection, tx, run.AccountId, done);
            await state.AdvanceWatermarkAsync(run.Connection, tx, run.AccountId, SyncStateKeys.OrdersWatermark, done.Started, CancellationToken.None);
        }, pages: 0);
        LogLoaded(run.Logger, done.PagesDone);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "First sync of the account: loading its history since {From:O} after committed page {Page}")]
    private static partial void LogLoading(ILogger logger, DateTimeOffset? from, int page);

    [LoggerMessage(Level = LogLevel.Information, Message = "First sync, {Progress}: {Seen} orders, {SetAside} set aside")]
    private static partial void LogPage(ILogger logger, string progress, int seen, int setAside);

    [LoggerMessage(Level = LogLevel.Information, Message = "First sync done after {Pages} pages; incremental runs take over")]
    private static partial void LogLoaded(ILogger logger, int pages);
}
