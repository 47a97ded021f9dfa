using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Infrastructure.Ticketscloud;

namespace Qtickets.Sync.Infrastructure.Ticketscloud;

/// <summary>
/// A Ticketscloud account's first sync: orders, then refund requests, created from
/// <see cref="TicketscloudOptions.InitialHorizonDays"/> ago (everything by default) up to the load's start, a
/// checkpoint committed with each page. Orders created after the start are the incremental runs' (they walk
/// <see cref="TicketscloudOptions.RecentDays"/>), as are status changes made during the load.
/// </summary>
/// <remarks>
/// The window's end is fixed when the load starts and listings serve newest first, so orders created later cannot
/// shift the pages of a resumed load: it continues with the page after the last one committed.
/// </remarks>
public sealed partial class TicketscloudInitialLoad(
    ITicketscloudClient client,
    TicketscloudPageWriter writer,
    InitialLoadStore loads,
    TicketscloudAccounts accounts,
    IOptions<TicketscloudOptions> options) : IInitialLoad
{
    public async Task RunAsync(SyncRunContext run, InitialLoadCheckpoint pending)
    {
        var account = accounts.For(run.RequireAccount());
        var load = pending.Reaching(TimeSpan.FromDays(options.Value.InitialHorizonDays), TicketscloudOptions.HistoryStart);
        var from = load.From ?? TicketscloudOptions.HistoryStart;
        LogLoading(run.Logger, from, load.Started, load.Listing, load.Page);

        if (load.Listing == InitialLoadCheckpoint.Orders)
        {
            await foreach (var page in client.ListOrdersAsync(account, Query(from, load), run.Stopping).ReadAhead(2, run.Stopping))
            {
                var next = load.After(page.Page, InitialLoadCheckpoint.PagesOf(page.Total, page.PageSize));
                var counts = await writer.WriteOrdersAsync(run, run.AccountId, page, tx => loads.WriteAsync(run.Connection, tx, run.AccountId, next));
                load = next;
                LogPage(run.Logger, load.Progress, InitialLoadCheckpoint.Orders, counts.Seen, counts.SetAside);
            }
            load = load with { Listing = InitialLoadCheckpoint.RefundRequests, Page = 0 };
        }
        await foreach (var page in client.ListRefundRequestsAsync(account, Query(from, load), run.Stopping).ReadAhead(2, run.Stopping))
        {
            // The estimate so far counts the orders' pages; the refund requests' are added once their total is known.
            var next = load.After(page.Page, load.PagesDone - load.Page + InitialLoadCheckpoint.PagesOf(page.Total, page.PageSize));
            var counts = await writer.WriteRefundRequestsAsync(run, run.AccountId, page, tx => loads.WriteAsync(run.Connection, tx, run.AccountId, next));
            load = next;
            LogPage(run.Logger, load.Progress, InitialLoadCheckpoint.RefundRequests, counts.Seen, counts.SetAside);
        }

        await using (var transaction = await run.Connection.BeginTransactionAsync(CancellationToken.None))
        {
            await loads.WriteAsync(run.Connection, transaction, run.AccountId, load with { Done = true });
            await transaction.CommitAsync(CancellationToken.None);
        }
        LogLoaded(run.Logger, load.PagesDone);
    }

    private static TicketscloudListQuery Query(DateTimeOffset from, InitialLoadCheckpoint load) =>
        new(from, load.Started) { StartPage = load.Page + 1 };

    [LoggerMessage(Level = LogLevel.Information, Message = "First sync of the Ticketscloud account: creation dates {From:O} .. {To:O}, {Listing} after committed page {Page}")]
    private static partial void LogLoading(ILogger logger, DateTimeOffset from, DateTimeOffset to, string listing, int page);

    [LoggerMessage(Level = LogLevel.Information, Message = "First sync, {Progress} ({Listing}): {Seen} rows, {SetAside} set aside")]
    private static partial void LogPage(ILogger logger, string progress, string listing, int seen, int setAside);

    [LoggerMessage(Level = LogLevel.Information, Message = "First sync done after {Pages} pages; incremental runs take over")]
    private static partial void LogLoaded(ILogger logger, int pages);
}
