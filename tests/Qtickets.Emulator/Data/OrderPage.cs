namespace Qtickets.Emulator.Data;

/// <summary>One page of a listing: snapshots of the orders, the filtered total and the effective paging.</summary>
public sealed record OrderPage(IReadOnlyList<Order> Items, int Total, int Page, int PerPage);
