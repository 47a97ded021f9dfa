using Microsoft.Net.Http.Headers;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>JSON by default; CSV when asked for with <c>?format=csv</c> or <c>Accept: text/csv</c>.</summary>
public static class ResponseFormat
{
    public const string CsvMediaType = "text/csv";

    /// <summary>Null when <paramref name="format"/> is neither json nor csv (recorded in <paramref name="query"/>).</summary>
    public static bool WantsCsv(HttpRequest request, string? format, QueryText query)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(query);
        if (!string.IsNullOrWhiteSpace(format))
        {
            switch (format.Trim().ToLowerInvariant())
            {
                case "csv":
                    return true;
                case "json":
                    return false;
                default:
                    query.Fail("format", "Must be json or csv.");
                    return false;
            }
        }
        return request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(CsvMediaType, StringComparison.OrdinalIgnoreCase));
    }
}
