using System.Text.Json;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>Reads the <c>{"data":[…],"paging":{"perPage","currentPage","total"}}</c> envelope of a list answer.</summary>
internal static class ListEnvelope
{
    public static List<T> Items<T>(JsonElement root, Func<JsonElement, T> map)
    {
        if (!JsonValues.TryGet(root, "data", out var data))
        {
            // An answer without data is not an empty page; reading it as one would end a backfill silently.
            throw new OrderPayloadException("list answer has no \"data\" member");
        }
        switch (data.ValueKind)
        {
            case JsonValueKind.Array:
                var items = new List<T>(data.GetArrayLength());
                foreach (var item in data.EnumerateArray())
                {
                    items.Add(map(item));
                }
                return items;
            case JsonValueKind.Object:
                // PHP encodes an array with non-sequential keys as an object keyed by id.
                var keyed = new List<T>();
                foreach (var property in data.EnumerateObject())
                {
                    keyed.Add(map(property.Value));
                }
                return keyed;
            default:
                throw new OrderPayloadException("list answer has a \"data\" member that is neither an array nor an object");
        }
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
