using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;
using Qtickets.Sync.Domain.Ticketscloud;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;
using Qtickets.Sync.Infrastructure.Ticketscloud;

namespace Qtickets.Sync.Infrastructure.Reconciliation.Ticketscloud;

/// <summary>
/// Commits one Ticketscloud page in one transaction — its refs' events, its orders with their tickets (or its
/// refund requests), the run's counts and the walk's checkpoint — so none of them runs ahead of the data. A row
/// that cannot be read, or that the database refuses (isolated under a savepoint), is logged with its reason and
/// counted as set aside; the rest of the page is written all the same.
/// </summary>
public sealed partial class TicketscloudPageWriter(TicketscloudUpserter upserter, SyncRunLedger ledger, ReconcileMetrics metrics)
{
    public Task<PageCounts> WriteOrdersAsync(
        SyncRunContext run, int accountId, TicketscloudPage<TicketscloudOrder> page, Func<NpgsqlTransaction, Task>? alongside) =>
        WriteAsync(run, accountId, page, o => o.Id, upserter.UpsertOrdersAsync, alongside);

    public Task<PageCounts> WriteRefundRequestsAsync(
        SyncRunContext run, int accountId, TicketscloudPage<TicketscloudRefundRequest> page, Func<NpgsqlTransaction, Task>? alongside) =>
        WriteAsync(run, accountId, page, r => r.Id, upserter.UpsertRefundRequestsAsync, alongside);

    private delegate Task<TicketscloudUpsertCounts> Upsert<T>(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, int accountId, IReadOnlyList<T> items, ChangeOrigin origin, CancellationToken ct);

    /// <remarks>Written with <see cref="CancellationToken.None"/>: a fetched page is finished even when the host stops.</remarks>
    private async Task<PageCounts> WriteAsync<T>(
        SyncRunContext run, int accountId, TicketscloudPage<T> page, Func<T, string> idOf, Upsert<T> upsert,
        Func<NpgsqlTransaction, Task>? alongside)
    {
        foreach (var row in page.Unreadable)
        {
            LogUnreadable(run.Logger, row.Id, page.Page, row.Reason);
        }
        var origin = ChangeOrigin.OfRun(run.Kind, run.RunId);
        await using var transaction = await run.Connection.BeginTransactionAsync(CancellationToken.None);
        await upserter.UpsertEventsAsync(run.Connection, transaction, accountId, page.Events, CancellationToken.None);
        var refused = 0;
        TicketscloudUpsertCounts counts;
        await transaction.SaveAsync("page", CancellationToken.None);
        try
        {
            counts = await upsert(run.Connection, transaction, accountId, page.Items, origin, CancellationToken.None);
        }
        catch (Exception exception) when (IsRefusal(exception))
        {
            await transaction.RollbackAsync("page", CancellationToken.None);
            counts = TicketscloudUpsertCounts.None;
            foreach (var item in page.Items)
            {
                await transaction.SaveAsync("one", CancellationToken.None);
                try
                {
                    counts = counts.Add(await upsert(run.Connection, transaction, accountId, [item], origin, CancellationToken.None));
                }
                catch (Exception one) when (IsRefusal(one))
                {
                    await transaction.RollbackAsync("one", CancellationToken.None);
                    refused++;
                    LogRefused(run.Logger, idOf(item), one is PostgresException p ? p.MessageText : one.Message);
                }
            }
        }
        var pageCounts = new PageCounts(counts.Seen, counts.Inserted, counts.Updated, counts.Confirmed + counts.Unchanged + counts.Stale, 0)
        {
            Refreshed = counts.Refreshed,
            SetAside = page.Unreadable.Count + refused,
            LoadsHistory = run.LoadsHistory,
        };
        await ledger.RecordPageAsync(run.Connection, transaction, run.RunId, pageCounts, 1, CancellationToken.None);
        if (alongside is not null)
        {
            await alongside(transaction);
        }
        await transaction.CommitAsync(CancellationToken.None);
        metrics.PageCommitted(run, 1, pageCounts);
        return pageCounts;
    }

    private static bool IsRefusal(Exception exception) => exception is PostgresException or EncoderFallbackException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unreadable Ticketscloud row {Id} on page {Page} set aside: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string? id, int page, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ticketscloud row {Id} refused by the database and set aside: {Reason}")]
    private static partial void LogRefused(ILogger logger, string id, string reason);
}
