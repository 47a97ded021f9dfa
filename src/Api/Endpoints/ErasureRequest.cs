using System.Text.Json.Serialization;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary>Body of <c>POST /api/v1/personal-data/erasures</c>: the person by e-mail and/or phone, optionally one account.</summary>
public sealed record ErasureRequest(
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("phone")] string? Phone,
    [property: JsonPropertyName("account")] string? Account);
