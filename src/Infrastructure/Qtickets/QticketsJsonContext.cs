using System.Text.Json.Serialization;

namespace Qtickets.Sync.Infrastructure.Qtickets;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ListRequestBody))]
internal sealed partial class QticketsJsonContext : JsonSerializerContext;
