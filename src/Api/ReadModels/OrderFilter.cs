using Microsoft.AspNetCore.Mvc;
using Qtickets.Sync.Api.OpenApi;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>Query string of <c>GET /api/v1/orders</c>. Ranges include <c>_from</c> and exclude <c>_to</c>.</summary>
public sealed class OrderListParameters
{
    /// <summary>
    /// Only orders of these accounts (<c>Accounts:n:Name</c>): repeat the parameter or separate names with commas
    /// (<c>account=north&amp;account=south</c> or <c>account=north,south</c>); default every account the key may read.
    /// </summary>
    [FromQuery(Name = "account")] public string[]? Account { get; init; }

    /// <summary>Only orders of this event.</summary>
    [FromQuery(Name = "event_id"), DeclaredAs(typeof(long))] public string? EventId { get; init; }

    /// <summary>Only orders holding at least one ticket for this show.</summary>
    [FromQuery(Name = "show_id"), DeclaredAs(typeof(long))] public string? ShowId { get; init; }

    /// <summary><c>true</c>: paid orders only; <c>false</c>: unpaid only.</summary>
    [FromQuery(Name = "paid"), DeclaredAs(typeof(bool))] public string? Paid { get; init; }

    /// <summary><c>true</c>: cancelled (deleted in QTickets) orders only; <c>false</c>: the others.</summary>
    [FromQuery(Name = "cancelled"), DeclaredAs(typeof(bool))] public string? Cancelled { get; init; }

    /// <summary>Created at or after this instant (ISO 8601, e.g. <c>2024-05-01T00:00:00+03:00</c>).</summary>
    [FromQuery(Name = "created_from"), DeclaredAs(typeof(DateTimeOffset))] public string? CreatedFrom { get; init; }

    /// <summary>Created before this instant.</summary>
    [FromQuery(Name = "created_to"), DeclaredAs(typeof(DateTimeOffset))] public string? CreatedTo { get; init; }

    /// <summary>Paid at or after this instant.</summary>
    [FromQuery(Name = "paid_from"), DeclaredAs(typeof(DateTimeOffset))] public string? PaidFrom { get; init; }

    /// <summary>Paid before this instant.</summary>
    [FromQuery(Name = "paid_to"), DeclaredAs(typeof(DateTimeOffset))] public string? PaidTo { get; init; }

    /// <summary>Changed in QTickets at or after this instant.</summary>
    [FromQuery(Name = "updated_from"), DeclaredAs(typeof(DateTimeOffset))] public string? UpdatedFrom { get; init; }

    /// <summary>Changed in QTickets before this instant.</summary>
    [FromQuery(Name = "updated_to"), DeclaredAs(typeof(DateTimeOffset))] public string? UpdatedTo { get; init; }

    /// <summary>Buyer's e-mail, exact match.</summary>
    [FromQuery(Name = "client_email")] public string? ClientEmail { get; init; }

    /// <summary>Orders that used this promo code.</summary>
    [FromQuery(Name = "promo_code_id"), DeclaredAs(typeof(long))] public string? PromoCodeId { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page; omit for the first page.</summary>
    [FromQuery(Name = "cursor")] public string? Cursor { get; init; }

    /// <summary>Page size, 1 to 500 (default 50). Ignored by the CSV export, which streams every match.</summary>
    [FromQuery(Name = "limit"), DeclaredAs(typeof(int))] public string? Limit { get; init; }

    /// <summary><c>baskets</c> to embed each order's tickets.</summary>
    [FromQuery(Name = "include"), ClosedSet("baskets")] public string? Include { get; init; }

    /// <summary><c>json</c> (default) or <c>csv</c>; <c>Accept: text/csv</c> also selects CSV.</summary>
    [FromQuery(Name = "format"), ClosedSet("json", "csv")] public string? Format { get; init; }

    public OrderFilter Parse(QueryText query)
    {
        ArgumentNullException.ThrowIfNull(query);
        OrderCursor? after = null;
        if (!string.IsNullOrEmpty(Cursor))
        {
            if (OrderCursor.TryDecode(Cursor, out var decoded))
            {
                after = decoded;
            }
            else
            {
                query.Fail("cursor", CursorEncoding.NotIssuedMessage);
            }
        }
        var includeBaskets = false;
        foreach (var part in (Include ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Equals("baskets", StringComparison.OrdinalIgnoreCase))
            {
                includeBaskets = true;
            }
            else
            {
                query.Fail("include", $"'{part}' cannot be included; the only option is baskets.");
            }
        }
        var filter = new OrderFilter
        {
            EventId = query.Long("event_id", EventId),
            ShowId = query.Long("show_id", ShowId),
            Paid = query.Bool("paid", Paid),
            Cancelled = query.Bool("cancelled", Cancelled),
            CreatedFrom = query.Instant("created_from", CreatedFrom),
            CreatedTo = query.Instant("created_to", CreatedTo),
            PaidFrom = query.Instant("paid_from", PaidFrom),
            PaidTo = query.Instant("paid_to", PaidTo),
            UpdatedFrom = query.Instant("updated_from", UpdatedFrom),
            UpdatedTo = query.Instant("updated_to", UpdatedTo),
            ClientEmail = string.IsNullOrWhiteSpace(ClientEmail) ? null : ClientEmail.Trim(),
            PromoCodeId = query.Long("promo_code_id", PromoCodeId),
            After = after,
            Limit = query.Limit(Limit),
            IncludeBaskets = includeBaskets,
        };
        query.Range("created_from", filter.CreatedFrom, "created_to", filter.CreatedTo);
        query.Range("paid_from", filter.PaidFrom, "paid_to", filter.PaidTo);
        query.Range("updated_from", filter.UpdatedFrom, "updated_to", filter.UpdatedTo);
        return filter;
    }
}

/// <summary>A validated order query.</summary>
public sealed record OrderFilter
{
    public AccountFilter Accounts { get; init; } = AccountFilter.All;
    public long? EventId { get; init; }
    public long? ShowId { get; init; }
    public bool? Paid { get; init; }
    public bool? Cancelled { get; init; }
    public DateTimeOffset? CreatedFrom { get; init; }
    public DateTimeOffset? CreatedTo { get; init; }
    public DateTimeOffset? PaidFrom { get; init; }
    public DateTimeOffset? PaidTo { get; init; }
    public DateTimeOffset? UpdatedFrom { get; init; }
    public DateTimeOffset? UpdatedTo { get; init; }
    public string? ClientEmail { get; init; }
    public long? PromoCodeId { get; init; }
    public OrderCursor? After { get; init; }
    public int Limit { get; init; } = QueryText.DefaultLimit;
    public bool IncludeBaskets { get; init; }
}
