using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Sync;
using Qtickets.Sync.Infrastructure.Qtickets;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Infrastructure.Upstream;

namespace Qtickets.Sync.Infrastructure.Qtickets.Reconcile;

/// <summary>
/// Brings the mirror up to date with what changed upstream, walking the listing the way the server is seen to
/// serve it (see docs/decisions/0004-api-ignores-filters.md):
/// <list type="bullet">
/// <item>filter and order honoured: by <c>updated_at</c> from the watermark less the overlap, each next page
/// asked from the newest <c>updated_at</c> read so far (so a row pushed across a page boundary is re-read, never
/// skipped); the watermark advances with each page;</item>
/// <item>filter honoured, order not shown: page by page to the end of the filtered listing; the watermark
/// advances once, after the walk is complete, and never beyond the walk's start;</item>
/// <item>filter ignored (every order, oldest first): a tail walk from the last page backwards until a whole page
/// was created before <see cref="ReconcileOptions.TailHours"/>; the watermark stays where it is, since older
/// orders were not looked at.</item>
/// </list>
/// The paid filter is never sent: every row is kept under the merge rule, so unpaid orders (reservations,
/// cancellations) converge like paid ones in the same requests. An account's first run loads its whole history
/// instead (<see cref="QticketsInitialLoad"/>), resuming across runs until it is done.
/// </summary>
public sealed partial class IncrementalReconciler(
    QticketsClients clients,
    OrderPageWriter writer,
    SyncStateStore state,
    SyncRunLedger ledger,
    InitialLoadStore initialLoads,
    QticketsInitialLoad initialLoad,
    IOptions<ReconcileOptions> options,
    IOptions<QticketsOptions> qtickets,
    TimeProvider time)
{
    public async Task RunAsync(SyncRunContext run)
    {
        var client = clients.For(run.RequireAccount());
        var settings = options.Value;
        var started = time.GetUtcNow();
        if (await initialLoads.RunPendingAsync(run, started, initialLoad))
        {
            return;
        }
        var (watermark, _) = await state.ReadAsync(run.AccountId, SyncStateKeys.OrdersWatermark, run.Stopping);
        // An account past its first sync without a watermark (the listing ignores filters, or a backfill or sweep
        // loaded it) asks from the first-sync horizon, or, when that is "everything", from the tail horizon: a
        // server that ignores filters serves the tail walk whatever is asked, and never gives a watermark.
        var since = watermark is { } mark
            ? mark - settings.Overlap
            : started.AddHours(-(settings.InitialHorizonHours > 0 ? settings.InitialHorizonHours : settings.TailHours));
        await ledger.SetSinceAsync(run.RunId, since, run.Stopping);
        LogWalking(run.Logger, since, watermark);

        var query = new OrderListQuery { UpdatedSince = since, OrderBy = OrderListOrder.UpdatedAt, PageSize = settings.PageSize };
        var first = await FetchAsync(client, query, 1, run.Stopping);
        if (first is null)
        {
            LogNothingChanged(run.Logger);
            return;
        }
        if (first.Verdict.UpdatedFilter == Compliance.Ignored)
        {
            await TailWalkAsync(client, run, query, first, started.AddHours(-settings.TailHours));
        }
        else if (first.Verdict.Order == Compliance.Honoured)
        {
            await UpdatedAtWalkAsync(client, run, query, first, started);
        }
        else
        {
            await PageWalkAsync(client, run, query, first, started);
        }
    }

    /// <summary>Filter and order honoured: keyset-like steps over <c>updated_at</c>.</summary>
    private async Task UpdatedAtWalkAsync(IQticketsClient client, SyncRunContext run, OrderListQuery query, OrderPage first, DateTimeOffset started)
    {
        LogMode(run.Logger, "updated_at");
        var page = first;
        var from = query.UpdatedSince!.Value;
        var number = 1;
        while (true)
        {
            if (page.Verdict.Order == Compliance.Ignored || page.Verdict.UpdatedFilter == Compliance.Ignored)
            {
                // The server stopped sorting or filtering mid-walk: the keyset step is no longer safe.
                await PageWalkAsync(client, run, query with { UpdatedSince = from }, page, started);
                return;
            }
            var newest = NewestTrusted(page);
            await WritePageAsync(run, page, newest);
            if (page.IsLast)
            {
                return;
            }
            // Ask again from the newest row read: rows of that second are read twice, none is skipped when a
            // change moves a row across the page boundary. A page entirely of one second moves on by number.
            (from, number) = newest is { } n && n > from ? (n, 1) : (from, number + 1);
            var next = await FetchAsync(client, query with { UpdatedSince = from }, number, run.Stopping);
            if (next is null)
            {
                return;
            }
            if (number > 1 && SameRows(next, page))
            {
                throw new QticketsPagingException(
                    $"QTickets served page {number} of orders with the same rows as the page before; stopping instead of looping.");
            }
            page = next;
        }
    }

    /// <summary>Filter honoured, order not shown: walk the filtered listing to its end, then move the watermark once.</summary>
    private async Task PageWalkAsync(IQticketsClient client, SyncRunContext run, OrderListQuery query, OrderPage first, DateTimeOffset started)
    {
        LogMode(run.Logger, "page");
        var newest = NewestTrusted(first);
        await WritePageAsync(run, first, watermark: null);
        if (!first.IsLast)
        {
            await foreach (var page in client.ListOrdersAsync(query with { StartPage = first.Page + 1 }, run.Stopping).ReadAhead(2, run.Stopping))
            {
                newest = Max(newest, NewestTrusted(page));
                await WritePageAsync(run, page, watermark: null);
            }
        }
        // Every row of the filtered listing was read. A row that changed during the walk behind the current page
        // carries an updated_at after the start, so the watermark stops at the start at the latest.
        if (newest is not { } seen)
        {
            return;
        }
        var watermark = seen < started ? seen : started;
        await writer.WriteAsync(run, [], OrderSources.Reconcile, tx =>
            state.AdvanceWatermarkAsync(run.Connection, tx, run.AccountId, SyncStateKeys.OrdersWatermark, watermark, CancellationToken.None), pages: 0);
    }

    /// <summary>Filter ignored: the listing is every order oldest first; read its tail backwards.</summary>
    private async Task TailWalkAsync(IQticketsClient client, SyncRunContext run, OrderListQuery query, OrderPage first, DateTimeOffset createdAfter)
    {
        await WritePageAsync(run, first, watermark: null);
        if (first.Total is not { } total || first.Verdict.PageSize is not { } perPage)
        {
            // Without paging there is no last page to jump to: the whole listing is the only safe walk.
            LogMode(run.Logger, "page (no paging to find the tail)");
            if (!first.IsLast)
            {
                await foreach (var page in client.ListOrdersAsync(query with { StartPage = 2 }, run.Stopping).ReadAhead(2, run.Stopping))
                {
                    await WritePageAsync(run, page, watermark: null);
                }
            }
            return;
        }
        LogMode(run.Logger, "tail");
        var last = (int)((total + perPage - 1) / perPage);
        var knownTotal = total;
        OrderPage? above = null;
        for (var number = last; number > 1; number--)
        {
            var page = await FetchAsync(client, query, number, run.Stopping);
            if (page is null)
            {
                continue;
            }
            await WritePageAsync(run, page, watermark: null);
            if (page.Total is { } nowTotal && nowTotal != knownTotal && above is not null)
            {
                // Rows were inserted or removed while walking: re-read the page above, where a row from this
                // page's end may have been pushed.
                var again = await FetchAsync(client, query, above.Page, run.Stopping);
                if (again is not null)
                {
                    await WritePageAsync(run, again, watermark: null);
                }
            }
            knownTotal = page.Total ?? knownTotal;
            above = page;
            // A page with no readable row says nothing about when its orders were made: the walk goes on.
            if (page.Orders.Count > 0 && page.Orders.All(o => o.CreatedAt < createdAfter))
            {
                LogTailEnd(run.Logger, number, last);
                return;
            }
        }
    }

    private static async Task<OrderPage?> FetchAsync(IQticketsClient client, OrderListQuery query, int page, CancellationToken cancellationToken)
    {
        await using var pages = client.ListOrdersAsync(query with { StartPage = page }, cancellationToken).GetAsyncEnumerator(cancellationToken);
        return await pages.MoveNextAsync() ? pages.Current : null;
    }

    private async Task WritePageAsync(SyncRunContext run, OrderPage page, DateTimeOffset? watermark)
    {
        var counts = await writer.WriteAsync(run, page.Orders, OrderSources.Reconcile, watermark is { } mark
            ? tx => state.AdvanceWatermarkAsync(run.Connection, tx, run.AccountId, SyncStateKeys.OrdersWatermark, mark, CancellationToken.None)
            : null, unreadable: page.Unreadable);
        LogPage(run.Logger, page.Page, counts.Seen, counts.GapsHealed, page.OffFilter, counts.SetAside);
    }

    private static bool SameRows(OrderPage page, OrderPage previous) =>
        page.Orders.Count == previous.Orders.Count
        && page.Unreadable.Count == previous.Unreadable.Count
        && (page.Orders.Count == 0
            ? page.Unreadable.Select(r => r.Sha256).SequenceEqual(previous.Unreadable.Select(r => r.Sha256))
            : page.Orders[0].Id == previous.Orders[0].Id && page.Orders[^1].Id == previous.Orders[^1].Id);

    private static DateTimeOffset? Max(DateTimeOffset? left, DateTimeOffset? right) => left is null || right > left ? right : left;

    /// <summary>
    /// The newest <c>updated_at</c> of the page, leaving out orders stamped too far ahead (they are quarantined):
    /// such a stamp must never drag the watermark or the next request into the future.
    /// </summary>
    private DateTimeOffset? NewestTrusted(OrderPage page)
    {
        var now = time.GetUtcNow();
        return page.Orders
            .Where(o => !FutureStamp.IsTooFarAhead(o.UpdatedAt, now, qtickets.Value.MaxFutureSkew))
            .Select(o => (DateTimeOffset?)o.UpdatedAt)
            .Max();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Incremental reconcile from {Since:O} (watermark {Watermark:O})")]
    private static partial void LogWalking(ILogger logger, DateTimeOffset since, DateTimeOffset? watermark);

    [LoggerMessage(Level = LogLevel.Information, Message = "Nothing changed upstream since the watermark")]
    private static partial void LogNothingChanged(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Walking the listing by {Mode}")]
    private static partial void LogMode(ILogger logger, string mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tail walk ended at page {Page} of {Last}: a whole page created before the tail horizon")]
    private static partial void LogTailEnd(ILogger logger, int page, int last);

    [LoggerMessage(Level = LogLevel.Information, Message = "Page {Page} committed: {Seen} orders, {Healed} gaps healed, {OffFilter} rows off the filter asked for, {SetAside} set aside")]
    private static partial void LogPage(ILogger logger, int page, int seen, int healed, int offFilter, int setAside);
}
