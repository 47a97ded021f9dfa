using Qtickets.Sync.Domain.Orders;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>What a listing's answers show about one thing that was asked for.</summary>
public enum Compliance
{
    /// <summary>Not asked for, or the rows cannot tell (an empty page, a page sorted both ways).</summary>
    Unknown,
    Honoured,
    Ignored,
}

/// <summary>
/// How QTickets treated a listing, judged from the rows it sent back: the paid filter, the <c>updated_at</c>
/// filter, the order asked for, and the page size it served. The live API has been seen to ignore all three,
/// so the reconcilers choose how to walk from this verdict rather than from the documentation.
/// </summary>
public sealed record ListingVerdict(Compliance PaidFilter, Compliance UpdatedFilter, Compliance Order, int? PageSize)
{
    public static readonly ListingVerdict None = new(Compliance.Unknown, Compliance.Unknown, Compliance.Unknown, null);

    /// <summary>Judges one page against the filter and order that were sent.</summary>
    internal static ListingVerdict Of(IReadOnlyList<Order> rows, OrderFilter filter, OrderListOrder orderBy, int? pageSize)
    {
        if (rows.Count == 0)
        {
            return None with { PageSize = pageSize };
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

    /// <summary>Combines the verdicts of several pages: one page that ignored something settles it.</summary>
    public ListingVerdict Merge(ListingVerdict other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new ListingVerdict(
            Combine(PaidFilter, other.PaidFilter),
            Combine(UpdatedFilter, other.UpdatedFilter),
            Combine(Order, other.Order),
            other.PageSize ?? PageSize);
    }

    /// <summary>Snake-case names as stored on <c>sync_runs</c> and shown by the status endpoint.</summary>
    public static string Name(Compliance compliance) => compliance switch
    {
        Compliance.Honoured => "honoured",
        Compliance.Ignored => "ignored",
        _ => "unknown",
    };

    private static Compliance Combine(Compliance left, Compliance right) =>
        left == Compliance.Ignored || right == Compliance.Ignored ? Compliance.Ignored
        : left == Compliance.Honoured || right == Compliance.Honoured ? Compliance.Honoured
        : Compliance.Unknown;
}
