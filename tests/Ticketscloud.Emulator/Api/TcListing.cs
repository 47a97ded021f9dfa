using System.Globalization;
using System.Text.Json.Nodes;

namespace Ticketscloud.Emulator.Api;

/// <summary>
/// The documented listing parameters — <c>created_at=FROM,TO</c>, <c>status=a,b</c>, <c>events=a,b</c>,
/// <c>page</c> (from 1), <c>page_size</c> (1..200, default 50) — read and checked, and the envelope
/// <c>{"data":[…],"pagination":{"page","page_size","total"},"refs":{…}}</c>.
/// </summary>
public sealed record TcListing(DateTimeOffset? From, DateTimeOffset? To, HashSet<string>? Statuses, HashSet<string>? Events, int Page, int PageSize)
{
    public static bool TryRead(IQueryCollection query, out TcListing listing, out string error)
    {
        listing = new TcListing(null, null, null, null, 1, 50);
        error = "";
        DateTimeOffset? from = null, to = null;
        if (query.TryGetValue("created_at", out var created))
        {
            var parts = created.ToString().Split(',');
            if (parts.Length != 2 || !TcWire.TryParseBound(parts[0], out from) || !TcWire.TryParseBound(parts[1], out to))
            {
                error = "created_at must be FROM,TO in ISO format";
                return false;
            }
        }
        var page = 1;
        var pageSize = 50;
        if (query.TryGetValue("page", out var p) && (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            error = "page must be a positive integer";
            return false;
        }
        if (query.TryGetValue("page_size", out var s)
            && (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 200))
        {
            error = "page_size must be within 1..200";
            return false;
        }
        listing = new TcListing(from, to, Set(query, "status"), Set(query, "events"), page, pageSize);
        return true;
    }

    public bool Admits(DateTimeOffset createdAt, string status, string eventId) =>
        (From is null || createdAt >= From) && (To is null || createdAt <= To)
        && (Statuses is null || Statuses.Contains(status)) && (Events is null || Events.Contains(eventId));

    public static JsonObject Envelope(JsonArray data, int page, int pageSize, int total, JsonObject refs) => new()
    {
        ["data"] = data,
        ["pagination"] = new JsonObject { ["page"] = page, ["page_size"] = pageSize, ["total"] = total },
        ["refs"] = refs,
    };

    private static HashSet<string>? Set(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value) && value.ToString().Length > 0
            ? value.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal)
            : null;
}
