namespace Qtickets.Sync.Domain.Changes;

/// <summary>
/// What a change of an order was, as the feed names it (Stripe's <c>object.event</c> style). One change may be
/// several (an order paid with a ticket scanned); <see cref="Changed"/> is a change none of the others describe.
/// </summary>
public static class OrderChangeTypes
{
    public const string Created = "order.created";
    public const string Paid = "order.paid";
    public const string Cancelled = "order.cancelled";
    public const string TicketRefunded = "ticket.refunded";
    public const string TicketScanned = "ticket.scanned";
    public const string TicketDeleted = "ticket.deleted";
    public const string Restored = "order.restored";
    public const string Changed = "order.changed";

    public static readonly IReadOnlyList<string> All = [Created, Paid, Cancelled, TicketRefunded, TicketScanned, TicketDeleted, Restored, Changed];
}
