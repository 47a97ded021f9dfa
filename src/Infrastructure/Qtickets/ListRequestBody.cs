using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Qtickets.Sync.Infrastructure.Qtickets;

/// <summary>The documented JSON filter QTickets list endpoints take on a GET.</summary>
internal sealed class ListRequestBody
{
    [JsonPropertyName("where")]
    public IReadOnlyList<WhereCondition>? Where { get; init; }

    [JsonPropertyName("orderBy")]
    public required IReadOnlyDictionary<string, string> OrderBy { get; init; }

    [JsonPropertyName("page")]
    public required int Page { get; init; }

    [JsonPropertyName("per_page")]
    public required int PerPage { get; init; }
}

/// <summary>One <c>where</c> entry; <c>operator</c> is omitted for the documented default <c>=</c>.</summary>
internal sealed record WhereCondition(
    [property: JsonPropertyName("column")] string Column,
    [property: JsonPropertyName("operator")] string? Operator,
    [property: JsonPropertyName("value")] JsonNode? Value);
