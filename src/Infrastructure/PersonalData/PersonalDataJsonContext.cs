using System.Text.Json.Serialization;

namespace Qtickets.Sync.Infrastructure.PersonalData;

[JsonSerializable(typeof(Dictionary<string, int>))]
public sealed partial class PersonalDataJsonContext : JsonSerializerContext;
