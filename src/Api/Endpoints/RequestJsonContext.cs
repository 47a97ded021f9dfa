using System.Text.Json.Serialization;
using Qtickets.Sync.Api.Commands;
using Qtickets.Sync.Api.Requests;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary>
/// The JSON request bodies the API reads itself (<see cref="JsonBody"/>). Property names are matched exactly, as
/// the OpenAPI document spells them: each request type refuses properties it does not have, so a misspelt or
/// wrongly cased field is a 400 naming it rather than a value silently ignored.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ReconcileRequest))]
[JsonSerializable(typeof(BackfillRequest))]
[JsonSerializable(typeof(OrderActionRequest))]
[JsonSerializable(typeof(ErasureRequest))]
internal sealed partial class RequestJsonContext : JsonSerializerContext;
