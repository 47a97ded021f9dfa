using Npgsql;
using Qtickets.Sync.Domain.Ticketscloud;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Persistence.Ticketscloud;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Infrastructure.Ticketscloud;

/// <summary>
/// Ticketscloud's part of a page write (<see cref="PageWriteFrame"/>): its refs' events first, then its orders
/// with their tickets (or its refund requests) through <see cref="TicketscloudUpserter"/>. A row set aside is
/// kept with its text as the body, out of tries: the webhook applier applies QTickets orders only, and the
/// account's next reconcile lists the row again. It carries no stamp of the platform's own (<c>observed_at</c> is
/// this service's clock), so none is quarantined.
/// </summary>
public sealed class TicketscloudPageWriter(TicketscloudUpserter upserter, PageWriteFrame frame)
{
    public const string OrderModel = "order";

    public const string RefundRequestModel = "refund_request";

    public Task<PageCounts> WriteOrdersAsync(
        SyncRunContext run, int accountId, TicketscloudPage<TicketscloudOrder> page, Func<NpgsqlTransaction, Task>? alongside) =>
        WriteAsync(run, accountId, page, OrderModel, o => new SetAsideRow(OrderModel, o.Id, null, null, o.Raw) { Retryable = false }, upserter.UpsertOrdersAsync, alongside);

    public Task<PageCounts> WriteRefundRequestsAsync(
        SyncRunContext run, int accountId, TicketscloudPage<TicketscloudRefundRequest> page, Func<NpgsqlTransaction, Task>? alongside) =>
        WriteAsync(run, accountId, page, RefundRequestModel, r => new SetAsideRow(RefundRequestModel, r.Id, null, null, r.Raw) { Retryable = false }, upserter.UpsertRefundRequestsAsync, alongside);

    private delegate Task<TicketscloudUpsertCounts> Upsert<T>(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, int accountId, IReadOnlyList<T> items, ChangeOrigin origin, CancellationToken ct);

    private Task<PageCounts> WriteAsync<T>(
        SyncRunContext run, int accountId, TicketscloudPage<T> page, string model, Func<T, SetAsideRow> describe, Upsert<T> upsert,
        Func<NpgsqlTransaction, Task>? alongside)
    {
        var origin = ChangeOrigin.OfRun(run.Kind, run.RunId);
        var rows = new PageRows<T>(
            model,
            page.Items,
            [.. page.Unreadable.Select(u => new UnreadableRow(null, u.Excerpt, u.Sha256, u.Id is null ? u.Reason : $"{model} {u.Id}: {u.Reason}") { Key = u.Id })],
            async (transaction, items, _) => new RowsWritten<T>(Count(await upsert(run.Connection, transaction, accountId, items, origin, CancellationToken.None)), []),
            describe)
        {
            Before = transaction => upserter.UpsertEventsAsync(run.Connection, transaction, accountId, page.Events, CancellationToken.None),
        };
        return frame.WriteAsync(run, rows, alongside);
    }

    /// <summary>Confirmed, duplicate and stale rows count as unchanged: the mirror was right.</summary>
    private static PageCounts Count(TicketscloudUpsertCounts counts) =>
        new(counts.Seen, counts.Inserted, counts.Updated, counts.Confirmed + counts.Duplicate + counts.Stale, 0) { Refreshed = counts.Refreshed };
}
