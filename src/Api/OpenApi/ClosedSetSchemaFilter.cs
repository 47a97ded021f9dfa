using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Qtickets.Sync.Api.OpenApi;

/// <summary>
/// Turns <see cref="ClosedSetAttribute"/> into an <c>enum</c> on the property's or parameter's schema.
/// </summary>
internal sealed class ClosedSetSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema target)
        {
            return;
        }
        if (context.MemberAttribute<ClosedSetAttribute>()?.Values is not { } values)
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
}
