namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>What to ask <c>GET /orders</c> for. Sorting is always ascending so a resumed backfill moves forward.</summary>
public sealed record OrderListQuery
{
    public bool PaidOnly { get; init; }

    /// <summary>Only orders with <c>updated_at</c> at or after this instant (sent as <c>since</c>).</summary>
    public DateTimeOffset? UpdatedSince { get; init; }

    /// <summary>Only orders with <c>created_at</c> at or after this instant (sent in the JSON filter).</summary>
    public DateTimeOffset? CreatedSince { get; init; }

    public OrderListOrder OrderBy { get; init; } = OrderListOrder.Id;

    /// <summary>First page to fetch; a backfill resumes from the page it last completed plus one.</summary>
    public int StartPage { get; init; } = 1;

    /// <summary>Rows per page; null takes <see cref="QticketsOptions.PageSize"/>.</summary>
    public int? PageSize { get; init; }
}
