using Microsoft.AspNetCore.Mvc;
using Qtickets.Sync.Api.OpenApi;
using Qtickets.Sync.Infrastructure.Sales;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>Query string of <c>GET /api/v1/sales/daily</c>.</summary>
public sealed class DailySalesParameters
{
    private const string GroupByDay = "day", GroupByEvent = "event", GroupByShow = "show";
    private static readonly string[] GroupByValues = [GroupByDay, GroupByEvent, GroupByShow];

    /// <summary>
    /// Only these accounts (repeated or comma-separated); default every account the key may read. Rows are per
    /// account; <c>totals</c> add up every row.
    /// </summary>
    [FromQuery(Name = "account")] public string[]? Account { get; init; }

    /// <summary>First local day, inclusive (yyyy-MM-dd).</summary>
    [FromQuery(Name = "from"), DeclaredAs(typeof(DateOnly))] public string? From { get; init; }

    /// <summary>Last local day, inclusive (yyyy-MM-dd).</summary>
    [FromQuery(Name = "to"), DeclaredAs(typeof(DateOnly))] public string? To { get; init; }

    /// <summary>Only this event.</summary>
    [FromQuery(Name = "event_id"), DeclaredAs(typeof(long))] public string? EventId { get; init; }

    /// <summary>
    /// Rows per <c>day</c> (all events together), per day and <c>event</c> (default), or per day, event and
    /// <c>show</c>.
    /// </summary>
    [FromQuery(Name = "group_by"), ClosedSet(GroupByDay, GroupByEvent, GroupByShow)]
    public string? GroupBy { get; init; }

    /// <summary>
    /// IANA time zone whose calendar days the sales fall on; default <c>Sales:TimeZone</c>. Another zone is
    /// answered from a full recompute (slower; the answer says so in <c>note</c>).
    /// </summary>
    [FromQuery(Name = "tz")] public string? Tz { get; init; }

    /// <summary><c>json</c> (default) or <c>csv</c>; <c>Accept: text/csv</c> also selects CSV.</summary>
    [FromQuery(Name = "format"), ClosedSet("json", "csv")] public string? Format { get; init; }

    /// <summary>
    /// Whose sales: <c>qtickets</c> or <c>ticketscloud</c> (whose events are numbered by the mirror,
    /// <c>ticketscloud_events.sales_key</c>; docs/sales-rules.md, "Ticketscloud"); default both, each row naming its
    /// <c>platform</c>.
    /// </summary>
    [FromQuery(Name = "platform"), ClosedSet(SalesSource.Qtickets, SalesSource.Ticketscloud)] public string? Platform { get; init; }

    public DailySalesQuery Parse(QueryText query, string defaultTimeZone)
    {
        ArgumentNullException.ThrowIfNull(query);
        var zone = string.IsNullOrWhiteSpace(Tz) ? defaultTimeZone : Tz.Trim();
        // PostgreSQL knows IANA names only, so a Windows id .NET would translate is refused too.
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) || !found.HasIanaId)
        {
            query.Fail("tz", $"'{zone}' is not an IANA time zone such as Europe/Moscow.");
        }
        var groupBy = string.IsNullOrWhiteSpace(GroupBy) ? GroupByEvent : GroupBy.Trim().ToLowerInvariant();
        if (!GroupByValues.Contains(groupBy, StringComparer.Ordinal))
        {
            query.Fail("group_by", $"'{GroupBy}' is not one of {string.Join(", ", GroupByValues)}.");
        }
        var platform = query.OneOf("platform", Platform?.Trim().ToLowerInvariant(), SalesSource.All);
        var result = new DailySalesQuery(zone, query.Long("event_id", EventId), query.Date("from", From), query.Date("to", To), groupBy, platform);
        query.Range("from", result.From, "to", result.To);
        return result;
    }
}

/// <param name="Platform">One platform's sales, or null for both.</param>
public sealed record DailySalesQuery(
    string TimeZone, long? EventId, DateOnly? From, DateOnly? To, string GroupBy = "event", string? Platform = SalesSource.Qtickets)
{
    public AccountFilter Accounts { get; init; } = AccountFilter.All;
}
