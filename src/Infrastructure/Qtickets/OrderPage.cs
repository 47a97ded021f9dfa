using Qtickets.Sync.Domain.Orders;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>One page of <c>GET /orders</c> after the filter check.</summary>
/// <param name="Page">The page number asked for.</param>
/// <param name="Orders">Orders that honour the query; rows that do not are counted in <paramref name="RejectedByFilter"/>.</param>
/// <param name="Total">Total rows QTickets reported in <c>paging.total</c>, when it did.</param>
/// <param name="PerPage">Page size in effect: QTickets' <c>paging.perPage</c> when reported, else the size asked for.</param>
/// <param name="RejectedByFilter">Rows dropped because they contradict the filter (unpaid, or older than asked).</param>
public sealed record OrderPage(int Page, IReadOnlyList<Order> Orders, int? Total, int PerPage, int RejectedByFilter);
