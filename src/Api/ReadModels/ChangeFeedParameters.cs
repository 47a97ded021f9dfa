using Microsoft.AspNetCore.Mvc;
using Qtickets.Sync.Api.OpenApi;
using Qtickets.Sync.Domain.Accounts;
using Qtickets.Sync.Domain.Changes;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>Query string of <c>GET /api/v1/changes</c>.</summary>
public sealed class ChangeFeedParameters
{
    /// <summary>The <c>nextCursor</c> of the previous page; omit to start from the oldest change kept.</summary>
    [FromQuery(Name = "cursor")] public string? Cursor { get; init; }

    /// <summary>Page size, 1 to 500 (default 50).</summary>
    [FromQuery(Name = "limit"), DeclaredAs(typeof(int))] public string? Limit { get; init; }

    /// <summary>Only changes of these accounts (repeat or separate with commas); a key limited to some accounts only ever sees those.</summary>
    [FromQuery(Name = "account")] public string[]? Account { get; init; }

    /// <summary>Only changes of this platform's orders.</summary>
    [FromQuery(Name = "platform"), ClosedSet(typeof(AccountPlatforms))] public string? Platform { get; init; }

    /// <summary>Only changes that were (among others) of this type.</summary>
    [FromQuery(Name = "type"), ClosedSet(typeof(OrderChangeTypes))] public string? Type { get; init; }

    public ChangeFeedFilter Parse(QueryText query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = 0L;
        if (!string.IsNullOrEmpty(Cursor))
        {
            if (ChangeCursor.TryDecode(Cursor, out var decoded))
            {
                after = decoded.FeedPosition;
            }
            else
            {
                query.Fail("cursor", CursorEncoding.NotIssuedMessage);
            }
        }
        return new ChangeFeedFilter
        {
            After = after,
            Limit = query.Limit(Limit),
            Platform = query.OneOf("platform", Platform, [AccountPlatforms.Qtickets, AccountPlatforms.Ticketscloud]),
            Type = query.OneOf("type", Type, OrderChangeTypes.All),
        };
    }
}

/// <summary>A validated change feed query.</summary>
public sealed record ChangeFeedFilter
{
    /// <summary>The feed position already seen (0: nothing yet).</summary>
    public long After { get; init; }
    public int Limit { get; init; } = QueryText.DefaultLimit;
    public string? Platform { get; init; }
    public string? Type { get; init; }
    public AccountFilter Accounts { get; init; } = AccountFilter.All;
}
