using Qtickets.Sync.Domain.Ticketscloud;

namespace Qtickets.Sync.Infrastructure.Ticketscloud;

/// <summary>
/// One page of a listing: the rows that could be read, the events of its <c>refs</c>, the rows set aside (each
/// with why) and the documented pagination.
/// </summary>
public sealed record TicketscloudPage<T>(
    int Page, int PageSize, int? Total, IReadOnlyList<T> Items, IReadOnlyList<TicketscloudEvent> Events,
    IReadOnlyList<TicketscloudUnreadable> Unreadable, bool Last);

/// <summary>
/// A row that could not be read: its id when that much was readable, an excerpt, the hex SHA-256 of its whole
/// text (the same row served again is the same row) and the reason.
/// </summary>
public sealed record TicketscloudUnreadable(string? Id, string Excerpt, string Sha256, string Reason);
