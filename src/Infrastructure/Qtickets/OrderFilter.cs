using Qtickets.Sync.Domain.Orders;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>
/// The filter of an order listing as actually sent, used again to check the answer: QTickets has been seen to
/// ignore filters, and an unpaid order slipping into a "paid only" listing would be counted as a sale.
/// </summary>
internal sealed record OrderFilter(bool PaidOnly, DateTimeOffset? UpdatedSince, DateTimeOffset? CreatedSince)
{
    /// <summary>
    /// Timestamps are cut to whole seconds because that is what goes on the wire; checking rows against the
    /// finer instant would flag rows the server rightly returned.
    /// </summary>
    public static OrderFilter From(OrderListQuery query) =>
        new(query.PaidOnly, WholeSeconds(query.UpdatedSince), WholeSeconds(query.CreatedSince));

    public bool Admits(Order order) =>
        (!PaidOnly || order.Payed)
        && (UpdatedSince is not { } updatedSince || order.UpdatedAt >= updatedSince)
        && (CreatedSince is not { } createdSince || order.CreatedAt >= createdSince);

    private static DateTimeOffset? WholeSeconds(DateTimeOffset? value) =>
        value is { } instant
            ? new DateTimeOffset(instant.Ticks - (instant.Ticks % TimeSpan.TicksPerSecond), instant.Offset)
            : null;
}
