using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>
/// Builds list requests. Each GET carries the documented JSON filter and the equivalent query parameters
/// (the form the field report found working, docs/sources.md): which one QTickets honours is not certain, so both are sent and the
/// answer is checked afterwards.
/// </summary>
internal static class QticketsRequests
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static HttpRequestMessage Orders(OrderFilter filter, OrderListOrder orderBy, int page, int perPage, string? organization)
    {
        var where = new List<WhereCondition>();
        var query = new List<KeyValuePair<string, string>>();
        if (filter.PaidOnly)
        {
            where.Add(new WhereCondition("payed", null, 1));
            query.Add(new("payed", "1"));
        }
        if (filter.UpdatedSince is { } updatedSince)
        {
            where.Add(new WhereCondition("updated_at", ">=", Iso(updatedSince)));
            query.Add(new("since", Iso(updatedSince)));
        }
        if (filter.CreatedSince is { } createdSince)
        {
            where.Add(new WhereCondition("created_at", ">=", Iso(createdSince)));
        }
        var column = orderBy == OrderListOrder.UpdatedAt ? "updated_at" : "id";
        return List("orders", query, where, column, page, perPage, organization);
    }

    public static HttpRequestMessage Catalog(string resource, int page, int perPage, string? organization) =>
        List(resource, [], [], "id", page, perPage, organization);

    /// <summary>ISO 8601 with the caller's offset, to the second (QTickets' own resolution).</summary>
    public static string Iso(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static HttpRequestMessage List(
        string resource,
        List<KeyValuePair<string, string>> query,
        List<WhereCondition> where,
        string orderColumn,
        int page,
        int perPage,
        string? organization)
    {
        query.Add(new("page", page.ToString(CultureInfo.InvariantCulture)));
        query.Add(new("per_page", perPage.ToString(CultureInfo.InvariantCulture)));
        query.Add(new("order_by", orderColumn));
        if (!string.IsNullOrWhiteSpace(organization))
        {
            query.Add(new("organization", organization));
        }

        var body = new ListRequestBody
        {
            Where = where.Count == 0 ? null : where,
            OrderBy = new Dictionary<string, string> { [orderColumn] = "asc" },
            Page = page,
            PerPage = perPage,
        };
        // Serialized up front rather than streamed: a GET with a chunked body is likelier to be dropped by a proxy
        // than one with a Content-Length, and the bytes can be re-sent unchanged on a retry.
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, QticketsJsonContext.Default.ListRequestBody));
        content.Headers.ContentType = Json;
        return new HttpRequestMessage(HttpMethod.Get, resource + QueryString(query)) { Content = content };
    }

    private static string QueryString(List<KeyValuePair<string, string>> query)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in query)
        {
            text.Append(text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
        return text.ToString();
    }
}
