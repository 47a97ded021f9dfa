using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qtickets.Sync.Infrastructure.Reconciliation;

/// <summary>The reconcile jobs' own state kept as JSON (<c>sync_state.checkpoint</c>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(InitialLoadCheckpoint))]
internal sealed partial class ReconcileJsonContext : JsonSerializerContext;
