namespace Qtickets.Sync.Infrastructure.Ticketscloud;

/// <summary>
/// One listing walk: <c>created_at=FROM,TO</c> (both inclusive), an optional <c>status</c> list, the page to start
/// from (a resumed backfill) and the page size (1..200; null = <see cref="TicketscloudOptions.PageSize"/>).
/// </summary>
public sealed record TicketscloudListQuery(DateTimeOffset CreatedFrom, DateTimeOffset CreatedTo)
{
    public IReadOnlyList<string> Statuses { get; init; } = [];
    public int StartPage { get; init; } = 1;
    public int? PageSize { get; init; }
}
