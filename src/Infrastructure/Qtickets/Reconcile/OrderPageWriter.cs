using System.Globalization;
using Npgsql;
using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Persistence;
using Qtickets.Sync.Infrastructure.Reconciliation;

namespace Qtickets.Sync.Infrastructure.Qtickets.Reconcile;

/// <summary>
/// QTickets' part of a page write (<see cref="PageWriteFrame"/>): its rows are orders, written by
/// <see cref="OrderUpserter"/>, and an order set aside is kept under its id and <c>updated_at</c>.
/// </summary>
public sealed class OrderPageWriter(OrderUpserter upserter, PageWriteFrame frame)
{
    /// <summary>The inbox's model name for a QTickets order, as its webhooks name it.</summary>
    public const string Model = "Order";

    public Task<PageCounts> WriteAsync(
        SyncRunContext run,
        IReadOnlyList<Order> orders,
        string source,
        Func<NpgsqlTransaction, Task>? alongside = null,
        int pages = 1,
        IReadOnlyList<UnreadableRow>? unreadable = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var origin = ChangeOrigin.OfRun(run.Kind, run.RunId);
        return frame.WriteAsync(
            run,
            new PageRows<Order>(
                Model,
                orders,
                unreadable ?? [],
                async (transaction, rows, horizon) =>
                {
                    var result = await upserter.UpsertAsync(run.Connection, transaction, run.AccountId, rows, source, origin, horizon, CancellationToken.None);
                    return new RowsWritten<Order>(
                        PageCounts.From(result), [.. rows.Where((_, i) => result.Orders[i].Outcome == UpsertOutcome.Quarantined)]);
                },
                Describe),
            alongside,
            pages);
    }

    public static SetAsideRow Describe(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new(Model, order.Id.ToString(CultureInfo.InvariantCulture), order.Id, order.SourceUpdatedAt, order.Raw);
    }
}
