using Qtickets.Sync.Domain.Orders;
using Qtickets.Sync.Infrastructure.Upstream;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>Judges a QTickets listing page against the filter and order that were sent (<see cref="ListingVerdict"/>).</summary>
internal static class ListingJudge
{
    /// <summary>Judges one page against the filter and order that were sent.</summary>
    public static ListingVerdict Of(IReadOnlyList<Order> rows, OrderFilter filter, OrderListOrder orderBy, int? pageSize)
    {
        if (rows.Count == 0)
        {
            return ListingVerdict.None with { PageSize = pageSize };
        }
        var paid = !filter.PaidOnly ? Compliance.Unknown
            : rows.All(o => o.Payed) ? Compliance.Honoured : Compliance.Ignored;
        var updated = filter.UpdatedSince is not { } since ? Compliance.Unknown
            : rows.All(o => o.UpdatedAt >= since) ? Compliance.Honoured : Compliance.Ignored;
        var idsAscending = true;
        var updatedAscending = true;
        for (var i = 1; i < rows.Count; i++)
        {
            idsAscending &= rows[i].Id > rows[i - 1].Id;
            updatedAscending &= rows[i].UpdatedAt >= rows[i - 1].UpdatedAt;
        }
        var order = orderBy == OrderListOrder.Id
            ? idsAscending ? Compliance.Honoured : Compliance.Ignored
            // Rows sorted by updated_at and by id alike prove nothing: an id-ordered server would send the same.
            : !updatedAscending ? Compliance.Ignored
            : !idsAscending ? Compliance.Honoured
            : Compliance.Unknown;
        return new ListingVerdict(paid, updated, order, pageSize);
    }
}
