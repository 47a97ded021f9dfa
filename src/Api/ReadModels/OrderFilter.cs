using Microsoft.AspNetCore.Mvc;
using Qtickets.Sync.Api.OpenApi;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// Query string of <c>GET /api/v1/orders</c>: orders of both platforms, filtered the same way for each.
/// Ranges include <c>_from</c> and exclude <c>_to</c>.
/// </summary>
public sealed class OrderListParameters
{
    /// <summary>Parameters of the QTickets-only shape that this one replaced, with what to use instead.</summary>
    public static readonly IReadOnlyDictionary<string, string> Retired = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["cancelled"] = "cancelled is retired; filter by status (e.g. status=cancelled,refunded).",
        ["promo_code_id"] = "promo_code_id is retired (QTickets only); read platform_fields with include=raw.",
    };

    /// <summary>
    /// Only orders of these accounts (<c>Accounts:n:Name</c>): repeat the parameter or separate names with commas
    /// (<c>account=north&amp;account=south</c> or <c>account=north,south</c>); default every account the key may read.
    /// </summary>
    [FromQuery(Name = "account")] public string[]? Account { get; init; }

    /// <summary>Only orders of these platforms (repeated or comma-separated); default both.</summary>
    [FromQuery(Name = "platform"), ClosedSet(typeof(MirrorPlatforms))] public string[]? Platform { get; init; }

    /// <summary>Only orders in these statuses (repeated or comma-separated); docs/schema.md maps each platform's statuses.</summary>
    [FromQuery(Name = "status"), ClosedSet(typeof(MirrorOrderStatuses))] public string[]? Status { get; init; }

    /// <summary>Only orders of this event (a QTickets number or a Ticketscloud hex id).</summary>
    [FromQuery(Name = "event_id")] public string? EventId { get; init; }

    /// <summary>Only orders whose tickets are all for this show (QTickets).</summary>
    [FromQuery(Name = "show_id")] public string? ShowId { get; init; }

    /// <summary><c>true</c>: orders that were paid (refunded ones included); <c>false</c>: never paid.</summary>
    [FromQuery(Name = "paid"), DeclaredAs(typeof(bool))] public string? Paid { get; init; }

    /// <summary>Created at or after this instant (ISO 8601, e.g. <c>2024-05-01T00:00:00+03:00</c>).</summary>
    [FromQuery(Name = "created_from"), DeclaredAs(typeof(DateTimeOffset))] public string? CreatedFrom { get; init; }

    /// <summary>Created before this instant.</summary>
    [FromQuery(Name = "created_to"), DeclaredAs(typeof(DateTimeOffset))] public string? CreatedTo { get; init; }

    /// <summary>Paid at or after this instant.</summary>
    [FromQuery(Name = "paid_from"), DeclaredAs(typeof(DateTimeOffset))] public string? PaidFrom { get; init; }

    /// <summary>Paid before this instant.</summary>
    [FromQuery(Name = "paid_to"), DeclaredAs(typeof(DateTimeOffset))] public string? PaidTo { get; init; }

    /// <summary>Changed on the platform at or after this instant (Ticketscloud reports no change time: its orders never match).</summary>
    [FromQuery(Name = "updated_from"), DeclaredAs(typeof(DateTimeOffset))] public string? UpdatedFrom { get; init; }

    /// <summary>Changed on the platform before this instant.</summary>
    [FromQuery(Name = "updated_to"), DeclaredAs(typeof(DateTimeOffset))] public string? UpdatedTo { get; init; }

    /// <summary>Buyer's e-mail, exact match; needs <c>read:pii</c>.</summary>
    [FromQuery(Name = "client_email")] public string? ClientEmail { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page; omit for the first page.</summary>
    [FromQuery(Name = "cursor")] public string? Cursor { get; init; }

    /// <summary>Page size, 1 to 500 (default 50). Ignored by the CSV export, which streams every match.</summary>
    [FromQuery(Name = "limit"), DeclaredAs(typeof(int))] public string? Limit { get; init; }

    /// <summary><c>raw</c> to add each order's <c>platform_fields</c> (the platform's own payload).</summary>
    [FromQuery(Name = "include"), ClosedSet("raw")] public string? Include { get; init; }

    /// <summary><c>json</c> (default) or <c>csv</c>; <c>Accept: text/csv</c> also selects CSV.</summary>
    [FromQuery(Name = "format"), ClosedSet("json", "csv")] public string? Format { get; init; }

    public OrderFilter Parse(QueryText query)
    {
        ArgumentNullException.ThrowIfNull(query);
        MirrorOrderCursor? after = null;
        if (!string.IsNullOrEmpty(Cursor))
        {
            if (MirrorOrderCursor.TryDecode(Cursor, out var decoded))
            {
                after = decoded;
            }
            else
            {
                query.Fail("cursor", CursorEncoding.NotIssuedMessage);
            }
        }
        var filter = new OrderFilter
        {
            Platforms = query.AnyOf("platform", Platform, ClosedSetAttribute.ConstantsOf(typeof(MirrorPlatforms))),
            Statuses = query.AnyOf("status", Status, ClosedSetAttribute.ConstantsOf(typeof(MirrorOrderStatuses))),
            EventId = string.IsNullOrWhiteSpace(EventId) ? null : EventId.Trim(),
            ShowId = string.IsNullOrWhiteSpace(ShowId) ? null : ShowId.Trim(),
            Paid = query.Bool("paid", Paid),
            CreatedFrom = query.Instant("created_from", CreatedFrom),
            CreatedTo = query.Instant("created_to", CreatedTo),
            PaidFrom = query.Instant("paid_from", PaidFrom),
            PaidTo = query.Instant("paid_to", PaidTo),
            UpdatedFrom = query.Instant("updated_from", UpdatedFrom),
            UpdatedTo = query.Instant("updated_to", UpdatedTo),
            ClientEmail = string.IsNullOrWhiteSpace(ClientEmail) ? null : ClientEmail.Trim(),
            After = after,
            Limit = query.Limit(Limit),
            IncludeRaw = query.AnyOf("include", string.IsNullOrEmpty(Include) ? null : [Include], ["raw"]) is not null,
        };
        query.Range("created_from", filter.CreatedFrom, "created_to", filter.CreatedTo);
        query.Range("paid_from", filter.PaidFrom, "paid_to", filter.PaidTo);
        query.Range("updated_from", filter.UpdatedFrom, "updated_to", filter.UpdatedTo);
        return filter;
    }
}

/// <summary>A validated order query over <c>mirror.orders</c>; null members do not filter.</summary>
public sealed record OrderFilter
{
    public AccountFilter Accounts { get; init; } = AccountFilter.All;
    public IReadOnlyList<string>? Platforms { get; init; }
    public IReadOnlyList<string>? Statuses { get; init; }
    public string? EventId { get; init; }
    public string? ShowId { get; init; }
    public bool? Paid { get; init; }
    public DateTimeOffset? CreatedFrom { get; init; }
    public DateTimeOffset? CreatedTo { get; init; }
    public DateTimeOffset? PaidFrom { get; init; }
    public DateTimeOffset? PaidTo { get; init; }
    public DateTimeOffset? UpdatedFrom { get; init; }
    public DateTimeOffset? UpdatedTo { get; init; }
    public string? ClientEmail { get; init; }
    public MirrorOrderCursor? After { get; init; }
    public int Limit { get; init; } = QueryText.DefaultLimit;
    public bool IncludeRaw { get; init; }
}
