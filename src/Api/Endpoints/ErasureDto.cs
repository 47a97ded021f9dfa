using System.Text.Json;
using System.Text.Json.Serialization;
using Qtickets.Sync.Api.Audit;
using Qtickets.Sync.Domain.PersonalData;
using Qtickets.Sync.Infrastructure.PersonalData;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary>An erasure as the API shows it: who asked, when, and rows changed per place — never the person.</summary>
public sealed record ErasureDto(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("requested_at")] DateTimeOffset RequestedAt,
    [property: JsonPropertyName("requested_by")] string RequestedBy,
    [property: JsonPropertyName("account_id")] int? AccountId,
    [property: JsonPropertyName("completed_at")] DateTimeOffset? CompletedAt,
    [property: JsonPropertyName("counts")] IReadOnlyDictionary<string, int> Counts) : IAuditTarget
{
    [JsonIgnore]
    public string AuditTarget => $"erasure={Id}";

    public static ErasureDto From(PersonalDataErasure erasure) => new(
        erasure.Id, erasure.RequestedAt, erasure.RequestedBy, erasure.AccountId, erasure.CompletedAt,
        JsonSerializer.Deserialize(erasure.Counts, PersonalDataJsonContext.Default.DictionaryStringInt32) ?? []);
}
