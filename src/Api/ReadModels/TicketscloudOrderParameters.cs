using Microsoft.AspNetCore.Mvc;
using Qtickets.Sync.Api.OpenApi;
using Qtickets.Sync.Domain.Ticketscloud;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>Query string of <c>GET /api/v1/ticketscloud/orders</c>. Ranges include <c>_from</c> and exclude <c>_to</c>.</summary>
public sealed class TicketscloudOrderParameters
{
    /// <summary>Only orders of this Ticketscloud event (24 hex digits).</summary>
    /// <summary>
    /// Only orders of these accounts (<c>Accounts:n:Name</c>): repeat the parameter or separate names with commas.
    /// A key limited to some accounts (<c>Auth:ApiKeys:n:Accounts</c>) only ever sees those.
    /// </summary>
    [FromQuery(Name = "account")] public string[]? Account { get; init; }

    [FromQuery(Name = "event_id")] public string? EventId { get; init; }

    /// <summary>Only orders in this status.</summary>
    [FromQuery(Name = "status"), ClosedSet(typeof(TicketscloudOrderStatuses))] public string? Status { get; init; }

    /// <summary>Created at or after this instant (ISO 8601 with offset).</summary>
    [FromQuery(Name = "created_from"), DeclaredAs(typeof(DateTimeOffset))] public string? CreatedFrom { get; init; }

    /// <summary>Created before this instant.</summary>
    [FromQuery(Name = "created_to"), DeclaredAs(typeof(DateTimeOffset))] public string? CreatedTo { get; init; }

    /// <summary>Buyer's e-mail, exact match (needs <c>read:pii</c>).</summary>
    [FromQuery(Name = "client_email")] public string? ClientEmail { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page; omit for the first page.</summary>
    [FromQuery(Name = "cursor")] public string? Cursor { get; init; }

    /// <summary>Page size, 1 to 500 (default 50).</summary>
    [FromQuery(Name = "limit"), DeclaredAs(typeof(int))] public string? Limit { get; init; }

    public TicketscloudOrderFilter Parse(QueryText query)
    {
        ArgumentNullException.ThrowIfNull(query);
        TicketscloudOrderCursor? after = null;
        if (!string.IsNullOrEmpty(Cursor))
        {
            if (TicketscloudOrderCursor.TryDecode(Cursor, out var decoded))
            {
                after = decoded;
            }
            else
            {
                query.Fail("cursor", CursorEncoding.NotIssuedMessage);
            }
        }
        var eventId = string.IsNullOrWhiteSpace(EventId) ? null : EventId.Trim().ToLowerInvariant();
        if (eventId is not null && !IsHexId(eventId))
        {
            query.Fail("event_id", "A Ticketscloud event id is 24 hex digits.");
        }
        var filter = new TicketscloudOrderFilter
        {
            EventId = eventId,
            Status = query.OneOf("status", Status, TicketscloudOrderStatuses.All),
            CreatedFrom = query.Instant("created_from", CreatedFrom),
            CreatedTo = query.Instant("created_to", CreatedTo),
            ClientEmail = string.IsNullOrWhiteSpace(ClientEmail) ? null : ClientEmail.Trim(),
            After = after,
            Limit = query.Limit(Limit),
        };
        query.Range("created_from", filter.CreatedFrom, "created_to", filter.CreatedTo);
        return filter;
    }

    public static bool IsHexId(string text) => text.Length == 24 && text.All(char.IsAsciiHexDigit);
}

/// <summary>A validated Ticketscloud order query.</summary>
public sealed record TicketscloudOrderFilter
{
    public string? EventId { get; init; }
    public string? Status { get; init; }
    public DateTimeOffset? CreatedFrom { get; init; }
    public DateTimeOffset? CreatedTo { get; init; }
    public string? ClientEmail { get; init; }
    public TicketscloudOrderCursor? After { get; init; }
    public AccountFilter Accounts { get; init; } = AccountFilter.All;
    public int Limit { get; init; } = QueryText.DefaultLimit;
}
