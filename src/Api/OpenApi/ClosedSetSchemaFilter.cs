using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Qtickets.Sync.Api.Endpoints;
using Qtickets.Sync.Infrastructure.Jobs;
using Qtickets.Sync.Infrastructure.Persistence;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Qtickets.Sync.Api.OpenApi;

/// <summary>
/// Turns <see cref="ClosedSetAttribute"/> into an <c>enum</c> on the property's or parameter's schema. Sets
/// computed in code rather than spelled as constants cannot be attribute arguments, so those are listed here.
/// </summary>
internal sealed class ClosedSetSchemaFilter : ISchemaFilter
{
    private static readonly Dictionary<MemberInfo, IReadOnlyList<string>> ListedSets = new()
    {
        [typeof(ReconcileRequest).GetProperty(nameof(ReconcileRequest.Kind))!] = [.. SyncRunTrigger.ReconcileKinds.Order(StringComparer.Ordinal)],
        [typeof(WebhookDeliveryView).GetProperty(nameof(WebhookDeliveryView.ApplyOutcome))!] =
            // A quarantined delivery's outcome is its status; apply_outcome names what applying did.
            [.. Enum.GetValues<UpsertOutcome>().Where(o => o != UpsertOutcome.Quarantined).Select(o => o.ToString().ToLowerInvariant())],
    };

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema target)
        {
            return;
        }
        if (Values(context) is not { } values)
        {
            return;
        }
        if (target.AdditionalProperties is { } valueSchema)
        {
            // A map whose keys are the closed set: each key becomes an optional property.
            target.Properties = values.ToDictionary(v => v, _ => valueSchema);
            target.AdditionalProperties = null;
            target.AdditionalPropertiesAllowed = false;
        }
        else if (target.Type is { } type && type.HasFlag(JsonSchemaType.Array) && target.Items is OpenApiSchema items)
        {
            // A repeatable parameter (?status=paid&status=refunded): each item is one of the set.
            items.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
        }
        else
        {
            target.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
        }
    }

    private static IReadOnlyList<string>? Values(SchemaFilterContext context) =>
        context.MemberAttribute<ClosedSetAttribute>()?.Values
        ?? (context.MemberInfo is { } member && ListedSets.TryGetValue(member, out var set) ? set : null);
}
