using System.Text.Json;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>Reads the <c>{"data":[…],"paging":{"perPage","currentPage","total"}}</c> envelope of a list answer.</summary>
internal static class ListEnvelope
{
    public static List<T> Items<T>(JsonElement root, Func<JsonElement, T> map) => [.. Rows(root).Select(map)];

    /// <summary>The rows of <c>data</c>, unread, so a caller can read each on its own.</summary>
    public static List<JsonElement> Rows(JsonElement root)
    {
        if (!JsonValues.TryGet(root, "data", out var data))
        {
            // An answer without data is not an empty page; reading it as one would end a backfill silently.
            throw new OrderPayloadException("list answer has no \"data\" member");
        }
        return data.ValueKind switch
        {
            JsonValueKind.Array => [.. data.EnumerateArray()],
            // PHP encodes an array with non-sequential keys as an object keyed by id.
            JsonValueKind.Object => [.. data.EnumerateObject().Select(property => property.Value)],
            _ => throw new OrderPayloadException("list answer has a \"data\" member that is neither an array nor an object"),
        };
    }

    public static (int? CurrentPage, int? PerPage, int? Total) Paging(JsonElement root)
    {
        if (!JsonValues.TryGetObject(root, "paging", out var paging))
        {
            return (null, null, null);
        }
        var perPage = (int?)JsonValues.Int64(paging, "perPage");
        return ((int?)JsonValues.Int64(paging, "currentPage"), perPage > 0 ? perPage : null, (int?)JsonValues.Int64(paging, "total"));
    }
}
