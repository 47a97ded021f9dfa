using System.Globalization;
using System.Text.Json;
using Qtickets.Emulator.Data;

namespace Qtickets.Emulator.Api;

/// <summary>A <c>where</c> condition with its values already turned into numbers (times as <see cref="WireTime"/> seconds).</summary>
public sealed record WhereClause(string Column, string Operator, IReadOnlyList<long?> Values);

/// <summary>
/// A listing request as QTickets accepts it: the documented JSON body on a GET (<c>where</c>, <c>orderBy</c>,
/// <c>page</c>, <c>per_page</c>) and the query parameters seen in the field (<c>payed</c>, <c>since</c>,
/// <c>page</c>, <c>per_page</c>, <c>organization</c>). Both apply together; query paging wins.
/// </summary>
public sealed class ListingRequest
{
    public const int DefaultPerPage = 100;
    public const int MaxPerPage = 200;

    /// <summary>The page size production serves whatever was asked.</summary>
    public const int CapturedPerPage = 50;

    public List<WhereClause> Where { get; } = [];

    public string? OrderByColumn { get; private set; }

    public bool Descending { get; private set; }

    public int Page { get; private set; } = 1;

    public int PerPage { get; private set; } = DefaultPerPage;

    /// <summary>Parses the request; throws <see cref="FormatException"/> (answered as 400) on anything malformed.</summary>
    public static async Task<ListingRequest> ReadAsync(
        HttpRequest request, ServerBehaviour behaviour, CancellationToken cancellationToken)
    {
        var listing = new ListingRequest();
        int? page = null, perPage = null;

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        if (body.Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(body.ToArray());
                (page, perPage) = listing.ReadBody(document.RootElement);
            }
            catch (JsonException e)
            {
                throw new FormatException("Request body is not valid JSON: " + e.Message, e);
            }
        }

        var query = request.Query;
        if (behaviour == ServerBehaviour.Documented)
        {
            if (query.TryGetValue("payed", out var payed))
            {
                listing.Where.Add(new WhereClause("payed", "=", [ParseScalar("payed", payed.ToString())]));
            }

            if (query.TryGetValue("since", out var since))
            {
                listing.Where.Add(new WhereClause("updated_at", ">=", [ParseScalar("updated_at", since.ToString())]));
            }

            perPage = ParseInt(query, "per_page") ?? perPage;
        }

        page = ParseInt(query, "page") ?? page;
        listing.Page = Math.Max(1, page ?? 1);
        listing.PerPage = perPage is null or < 1 ? DefaultPerPage : Math.Min(perPage.Value, MaxPerPage);
        if (behaviour != ServerBehaviour.Documented)
        {
            // Production: 50 a page, oldest first, whatever was asked.
            listing.PerPage = CapturedPerPage;
            listing.OrderByColumn = "id";
            listing.Descending = false;
        }

        if (behaviour == ServerBehaviour.IgnoreAll)
        {
            listing.Where.Clear();
        }

        return listing;
    }

    private (int? Page, int? PerPage) ReadBody(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("Request body must be a JSON object.");
        }

        if (root.TryGetProperty("where", out var where))
        {
            foreach (var condition in where.EnumerateArray())
            {
                var column = condition.GetProperty("column").GetString() ?? throw new FormatException("where.column is required.");
                var op = condition.TryGetProperty("operator", out var o) ? o.GetString() ?? "=" : "=";
                var values = condition.TryGetProperty("value", out var v) ? ParseValues(column, v) : [];
                Where.Add(new WhereClause(column, op.ToLowerInvariant(), values));
            }
        }

        if (root.TryGetProperty("orderBy", out var orderBy))
        {
            foreach (var property in orderBy.EnumerateObject())
            {
                OrderByColumn = property.Name;
                Descending = string.Equals(property.Value.GetString(), "desc", StringComparison.OrdinalIgnoreCase);
            }
        }

        return (ReadInt(root, "page"), ReadInt(root, "per_page"));
    }

    private static List<long?> ParseValues(string column, JsonElement value) =>
        value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(item => ParseValue(column, item)).ToList()
            : [ParseValue(column, value)];

    private static long? ParseValue(string column, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        JsonValueKind.Number => value.TryGetInt64(out var number) ? number : (long)value.GetDouble(),
        JsonValueKind.String => ParseScalar(column, value.GetString()!),
        _ => throw new FormatException($"Unsupported value for column '{column}'."),
    };

    private static long ParseScalar(string column, string text)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        if (bool.TryParse(text, out var flag))
        {
            return flag ? 1 : 0;
        }

        // An unencoded '+' in a query string arrives as a space: "2024-01-01T00:00:00 03:00".
        if (OrderColumns.IsTime(column)
            && DateTimeOffset.TryParse(text.Replace(' ', '+'), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return WireTime.ToSeconds(time);
        }

        throw new FormatException($"Cannot read '{text}' as a value of column '{column}'.");
    }

    private static int? ReadInt(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    private static int? ParseInt(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var text)
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new FormatException($"Query parameter '{name}' must be an integer.")
            : null;
}
