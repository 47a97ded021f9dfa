namespace Ticketscloud.Emulator.Data;

/// <summary>One organizer: its key, its events and everything sold on them. Changed under the store's lock only.</summary>
public sealed class TcOrganizer
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Token { get; init; }

    /// <summary>The distributor ("vendor") selling through the API: this integration itself.</summary>
    public required string VendorId { get; init; }

    public required string VendorName { get; init; }
    public required IReadOnlyList<TcEvent> Events { get; init; }
    public required IReadOnlyList<TcPromoCode> PromoCodes { get; init; }

    /// <summary>Orders in creation order (ids ascending with it).</summary>
    public List<TcOrder> Orders { get; } = [];

    public Dictionary<string, TcOrder> OrdersById { get; } = new(StringComparer.Ordinal);
    public List<TcRefundRequest> RefundRequests { get; } = [];

    public TcEvent EventOf(TcOrder order) => Events.First(e => e.Id == order.Event);

    public void Add(TcOrder order)
    {
        Orders.Add(order);
        OrdersById.Add(order.Id, order);
    }
}
