using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Domain.Webhooks;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>
/// Commits one reconcile page of any platform in one transaction together with the run's progress and whatever
/// state the job keeps beside it (watermark, checkpoint, seen ids), so none of them can run ahead of the data.
/// One row cannot stop a page: one the statement finds stamped too far in the future is quarantined, one the
/// database refuses (<see cref="RefusalIsolation"/>) and one that cannot be read are recorded as failed, each in the delivery inbox
/// (<see cref="SetAsideOrders"/>) where an operator sees, releases, replays or discards it, and the rest of the
/// page is written all the same. A platform supplies only its rows, how to write them and how to describe one
/// (<see cref="PageRows{TRow}"/>).
/// </summary>
public sealed partial class PageWriteFrame(
    SyncRunLedger ledger,
    ReconcileMetrics metrics,
    SetAsideOrders setAside,
    IOptions<FutureStampOptions> futureStamps,
    TimeProvider time)
{
    /// <remarks>
    /// The page is written with <see cref="CancellationToken.None"/>: once fetched, a page is finished even
    /// when the host is stopping; the stop takes effect before the next page is fetched.
    /// </remarks>
    public async Task<PageCounts> WriteAsync<TRow>(
        SyncRunContext run, PageRows<TRow> page, Func<NpgsqlTransaction, Task>? alongside = null, int pages = 1)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(page);
        await using var transaction = await run.Connection.BeginTransactionAsync(CancellationToken.None);
        if (page.Before is not null)
        {
            await page.Before(transaction);
        }
        var setAsideCount = 0;
        foreach (var row in page.Unreadable)
        {
            await setAside.RecordUnreadableAsync(run.Connection, transaction, run.AccountId, page.Model, row, CancellationToken.None);
            LogUnreadableSetAside(run.Logger, page.Model, row.Key, row.Reason);
            setAsideCount++;
        }
        // The statement decides what is stamped too far ahead (ADR 0018); the frame keeps what it reports so.
        var now = time.GetUtcNow();
        var maxSkew = futureStamps.Value.MaxFutureSkew;
        var quarantined = new List<TRow>();
        var written = await RefusalIsolation.WriteAsync(
            transaction,
            page.Rows,
            async rows =>
            {
                var write = await page.Upsert(transaction, rows, FutureStamp.Horizon(now, maxSkew));
                quarantined.AddRange(write.Quarantined);
                return write.Counts;
            },
            async (row, refusal) =>
            {
                await SetAsideAsync(run, transaction, page.Describe(row), DeliveryStatuses.Failed, $"apply failed: {RefusalIsolation.Describe(refusal)}");
                setAsideCount++;
            },
            CancellationToken.None);
        foreach (var row in quarantined)
        {
            var described = page.Describe(row);
            var stamp = described.UpdatedAt ?? throw new InvalidOperationException($"{described.Model} {described.Key} was quarantined without a stamp");
            await SetAsideAsync(run, transaction, described, DeliveryStatuses.Quarantined, FutureStamp.Reason(stamp, now, maxSkew));
            setAsideCount++;
        }
        var counts = written.Aggregate(PageCounts.None, (sum, next) => sum.Add(next)) with { SetAside = setAsideCount, LoadsHistory = run.LoadsHistory };
        await ledger.RecordPageAsync(run.Connection, transaction, run.RunId, counts, pages, CancellationToken.None);
        if (alongside is not null)
        {
            await alongside(transaction);
        }
        await transaction.CommitAsync(CancellationToken.None);
        metrics.PageCommitted(run, pages, counts);
        return counts;
    }

    private async Task SetAsideAsync(SyncRunContext run, NpgsqlTransaction transaction, SetAsideRow row, string status, string reason)
    {
        await setAside.RecordAsync(run.Connection, transaction, run.AccountId, row, status, reason, CancellationToken.None);
        LogSetAside(run.Logger, row.Model, row.Key, status, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unreadable {Model} row {Id} set aside from its page as failed: {Reason}")]
    private static partial void LogUnreadableSetAside(ILogger logger, string model, string? id, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Model} {Id} set aside from its page as {Status}: {Reason}")]
    private static partial void LogSetAside(ILogger logger, string model, string id, string status, string reason);
}

/// <summary>A platform's part of one page write.</summary>
/// <param name="Model">What the rows are, as the inbox names them (<see cref="SetAsideRow.Model"/>).</param>
/// <param name="Rows">The rows that could be read.</param>
/// <param name="Unreadable">The rows that could not, each kept as evidence.</param>
/// <param name="Upsert">
/// Writes some of the rows in one statement, in the page's transaction, believing no stamp after the horizon it is
/// given (<c>FutureStamp.Horizon</c>); what it did, and which rows it found stamped after it.
/// </param>
/// <param name="Describe">How one row is kept should it be set aside, with its stamp where it has one.</param>
public sealed record PageRows<TRow>(
    string Model,
    IReadOnlyList<TRow> Rows,
    IReadOnlyList<UnreadableRow> Unreadable,
    Func<NpgsqlTransaction, IReadOnlyList<TRow>, DateTimeOffset, Task<RowsWritten<TRow>>> Upsert,
    Func<TRow, SetAsideRow> Describe)
{
    /// <summary>What the page writes first, before its rows (the events a Ticketscloud page refers to).</summary>
    public Func<NpgsqlTransaction, Task>? Before { get; init; }
}

/// <summary>What a platform's statement did with some of a page's rows.</summary>
/// <param name="Counts">The rows it wrote, found stale or duplicate.</param>
/// <param name="Quarantined">The rows it found stamped after the horizon and left alone: the frame sets them aside.</param>
public sealed record RowsWritten<TRow>(PageCounts Counts, IReadOnlyList<TRow> Quarantined);
