using System.Reflection;
using System.Text.Json;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Qtickets.Sync.Api.OpenApi;

/// <summary>
/// Marks a <c>JsonElement?</c> property (a platform's own payload, absent unless asked for) nullable: left
/// untyped, generated clients read it as required and fail on the null the API sends.
/// </summary>
internal sealed class NullableJsonSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema target && context.MemberInfo is PropertyInfo { PropertyType: var type } && type == typeof(JsonElement?))
        {
            target.Type = JsonSchemaType.Object | JsonSchemaType.Null;
        }
    }
}
