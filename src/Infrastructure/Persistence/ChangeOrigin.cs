using Qtickets.Sync.Domain.Changes;
using Qtickets.Sync.Domain.Orders;

namespace Qtickets.Sync.Infrastructure.Persistence;

/// <summary>
/// Where a write came from, as order history records it: the source (<see cref="ChangeSources"/>) and the id of
/// the delivery, run or command, for the whole batch or, for a batch of webhook deliveries, per order.
/// </summary>
public sealed record ChangeOrigin(string Source, string? Id, IReadOnlyDictionary<string, string>? IdPerOrder = null)
{
    /// <summary>A reconcile run's writes: its kind is the source (incremental, full_sweep, backfill), its id the reference.</summary>
    public static ChangeOrigin OfRun(string kind, long runId) => new(kind, runId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>An order command's writes.</summary>
    public static ChangeOrigin OfCommand(long commandId) => new(ChangeSources.Command, commandId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// References per input row (a batch of webhook deliveries: the order id and the delivery of each row, in the
    /// batch's order), when several rows of one order may share the batch: the history names the row the
    /// statement applied.
    /// </summary>
    public IReadOnlyList<(string OrderId, string Id)>? IdPerRow { get; init; }

    /// <summary>The reference for order <paramref name="orderId"/>, per order when given, else the batch's.</summary>
    public string? IdOf(string orderId) => IdPerOrder is not null && IdPerOrder.TryGetValue(orderId, out var id) ? id : Id;
}
