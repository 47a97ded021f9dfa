using Qtickets.Sync.Api.OpenApi;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Changes;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>One change of an order's business content (docs/changes.md).</summary>
public sealed class OrderChangeDto
{
    /// <summary>The change's place in the feed; null for a change not yet in the feed (history only, for a moment).</summary>
    public long? Id { get; init; }

    /// <summary>The most telling of <see cref="Types"/>.</summary>
    [ClosedSet(typeof(OrderChangeTypes))] public string Type { get; init; } = "";

    /// <summary>Everything the change was (an order paid with a ticket scanned is both).</summary>
    [ClosedSet(typeof(OrderChangeTypes))] public IReadOnlyList<string> Types { get; init; } = [];
    public string Account { get; init; } = "";
    [ClosedSet(typeof(AccountPlatforms))] public string Platform { get; init; } = "";
    public string OrderId { get; init; } = "";

    /// <summary>The new version's stamp: QTickets' <c>updated_at</c>, Ticketscloud's observation time.</summary>
    public DateTimeOffset? VersionAt { get; init; }

    /// <summary>The path that brought it.</summary>
    [ClosedSet(typeof(ChangeSources))] public string Source { get; init; } = "";

    /// <summary>The webhook delivery, sync run or order command id (null for a baseline).</summary>
    public string? SourceId { get; init; }

    /// <summary>When the mirror learned it.</summary>
    public DateTimeOffset LearnedAt { get; init; }

    /// <summary>
    /// <c>fields</c>: each business field that changed, as <c>{"before": …, "after": …}</c> (customer fields masked
    /// without <c>read:pii</c>); <c>tickets</c>: ids <c>added</c>, <c>refunded</c>, <c>scanned</c>, <c>deleted</c>.
    /// </summary>
    public RawJson Changes { get; init; } = new("{}"u8.ToArray());

    /// <summary>
    /// The order as this change left it (its row of <c>mirror.orders</c> when the change was written; the order now is
    /// <c>GET /api/v1/orders/{account}/{id}</c>); null when the mirror did not hold the order.
    /// </summary>
    public MirrorOrderDto? Order { get; init; }
}

/// <summary>A page of the change feed.</summary>
public sealed class ChangePageDto
{
    public IReadOnlyList<OrderChangeDto> Items { get; init; } = [];

    /// <summary>Pass back as <c>cursor</c> for what follows; given even when the page is empty, so a consumer can keep tailing.</summary>
    public string NextCursor { get; init; } = "";

    /// <summary>More changes wait right now: ask again at once rather than after a pause.</summary>
    public bool HasMore { get; init; }
}

/// <summary>An order's history, newest first.</summary>
public sealed class OrderHistoryDto
{
    /// <summary>The order as its latest change left it; null when the mirror did not hold it.</summary>
    public MirrorOrderDto? Order { get; init; }
    public IReadOnlyList<OrderChangeDto> Items { get; init; } = [];
}
