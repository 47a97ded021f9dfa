using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Reconciliation;
using Qtickets.Sync.Infrastructure.Upstream;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>One page of <c>GET /orders</c>, every row as served.</summary>
/// <param name="Page">The page number asked for.</param>
/// <param name="Orders">Every readable row of the page, paid or not, whether or not it matches what was asked: each is a
/// true version of its order, and the merge rule decides whether it is news.</param>
/// <param name="Total">Total rows QTickets reported in <c>paging.total</c>, when it did.</param>
/// <param name="PerPage">Page size in effect: QTickets' <c>paging.perPage</c> when reported, else the size asked for.</param>
/// <param name="OffFilter">Rows that contradict the filter sent (unpaid in a paid listing, or older than asked).</param>
/// <param name="IsLast">True when paging shows no page follows (or the page is empty).</param>
/// <param name="Verdict">What the page shows about how the server treated the request.</param>
public sealed record OrderPage(
    int Page, IReadOnlyList<Order> Orders, int? Total, int PerPage, int OffFilter, bool IsLast, ListingVerdict Verdict)
{
    /// <summary>
    /// Rows served on the page that cannot be read. They still count as served rows for paging; the writer
    /// sets them aside as failed deliveries.
    /// </summary>
    public IReadOnlyList<UnreadableRow> Unreadable { get; init; } = [];
}
